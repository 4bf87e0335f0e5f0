/** The worker's message (消息) for each step of their child's 金秋助学 application, in plain words. */
import { BURSARY_NEXT_STEP, BURSARY_STATUS_TEXT, type BursaryStatus } from '../../../src/contracts/bursary';
import { fenToYuanText } from '../../../src/contracts/money';

export interface BursaryStep {
  action: string;
  to: BursaryStatus;
  comment: string | null;
  orgName: string;
  childName: string;
  /** the approved amount, once fixed */
  amountFen: number | null;
}

export function bursaryMessage(s: BursaryStep): { title: string; body: string } {
  const reason = s.comment ? `意见：${s.comment}。` : '';
  const next = `${BURSARY_NEXT_STEP[s.to]}。`;
  const amount = s.amountFen === null ? '' : `${fenToYuanText(s.amountFen)} 元`;
  switch (s.action) {
    case 'submit':
    case 'resubmit':
      return { title: '金秋助学申请已提交', body: `已收到${s.childName}的助学申请。${next}` };
    case 'approve':
      return s.to === 'publicity'
        ? {
            title: '金秋助学：审批通过',
            body: `${s.childName}的助学金 ${amount} 已审批通过，现在公示。${next}`,
          }
        : { title: `金秋助学：${s.orgName}已通过`, body: `现在：${BURSARY_STATUS_TEXT[s.to]}。${next}` };
    case 'return':
      return { title: '金秋助学申请需要补充材料', body: `${s.orgName}退回了申请。${reason}${next}` };
    case 'reject':
      return { title: '金秋助学申请未通过', body: `${reason}${next}` };
    case 'grant':
      return {
        title: '金秋助学：公示结束，已批准',
        body: `${s.childName}的助学金 ${amount} 已批准。${next}`,
      };
    case 'record_payment':
      return { title: '金秋助学金已发放', body: `${s.orgName}已发放 ${amount}，请留意银行卡或服务卡到账。` };
    case 'withdraw':
      return { title: '金秋助学申请已撤回', body: next };
    default:
      return { title: '金秋助学申请有新进展', body: `现在：${BURSARY_STATUS_TEXT[s.to]}。` };
  }
}
