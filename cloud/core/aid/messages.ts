/** The worker's message (消息) for each decision on their case, in plain words. */
import { AID_NEXT_STEP, AID_STATUS_TEXT, type AidStatus } from '../../../src/contracts/aid';

export function decisionMessage(
  action: string,
  to: AidStatus,
  comment: string | null,
  orgName: string,
): { title: string; body: string } {
  const reason = comment ? `意见：${comment}。` : '';
  switch (action) {
    case 'submit':
    case 'resubmit':
      return { title: '困难帮扶申请已提交', body: `我们已收到您的申请。${AID_NEXT_STEP[to]}。` };
    case 'record_visit':
      return { title: '已完成入户核查', body: `${orgName}已记录入户核查情况。${AID_NEXT_STEP[to]}。` };
    case 'approve':
      return {
        title: `困难帮扶申请：${orgName}已通过`,
        body: `现在：${AID_STATUS_TEXT[to]}。${AID_NEXT_STEP[to]}。`,
      };
    case 'return':
    case 'uphold_objection':
      if (action === 'uphold_objection' && to !== 'returned')
        return {
          title: '困难帮扶申请未通过',
          body: `公示期间有人提出异议，经核实成立。${reason}${AID_NEXT_STEP.rejected}。`,
        };
      return {
        title: '困难帮扶申请需要补充材料',
        body: `${orgName}退回了您的申请。${reason}${AID_NEXT_STEP.returned}。`,
      };
    case 'reject':
      return { title: '困难帮扶申请未通过', body: `${reason}${AID_NEXT_STEP.rejected}。` };
    case 'file':
      return { title: '公示结束，已建档', body: AID_NEXT_STEP.filed + '。' };
    case 'record_payment':
      return { title: '帮扶金已发放', body: `${orgName}已发放帮扶金，请留意银行卡或服务卡到账。` };
    case 'withdraw':
      return { title: '困难帮扶申请已撤回', body: AID_NEXT_STEP.withdrawn + '。' };
    case 'revise_amount':
      return { title: '帮扶金额已重新核定', body: `${orgName}重新核定了您的帮扶金额。${reason}` };
    case 'renew':
      return { title: '年审完成，继续帮扶', body: `${orgName}已完成年审，下一年继续帮扶。${reason}` };
    case 'close':
      return { title: '年审完成，帮扶结束', body: `${reason}${AID_NEXT_STEP.closed}。` };
    default:
      return { title: '困难帮扶申请有新进展', body: `现在：${AID_STATUS_TEXT[to]}。` };
  }
}
