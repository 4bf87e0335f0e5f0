/**
 * The worker's message (消息) for each step of their 困难帮扶 case, in words a worker uses:
 * what happened (and who did it), the amount where there is one, and what they should do now
 * ("您不用做什么" included, so a message never leaves them guessing). No officers' terms: 建档 is
 * said as 登记为困难职工, a 公示 is explained. An officer's comment is quoted as one sentence.
 */
import {
  AID_STATUS_TEXT,
  fenToYuanText,
  PAYMENT_KIND_TEXT,
  type AidStatus,
  type PaymentKind,
} from '../../../src/contracts/aid';

export interface AidNoticeEvent {
  action: string;
  to: AidStatus;
  /** the officer's comment, as typed */
  comment: string | null;
  /** the acting union for an officer's step, the case's own union otherwise */
  orgName: string;
  /** record_payment: what was paid */
  payment?: { amountFen: number; kind: string } | null;
  /** the case's bank account, masked (6222 **** **** 0123) */
  bankAccountMasked?: string | null;
  /** 公示 length in days (approval by 区/市) */
  publicityDays?: number;
  /** renew, revise_amount: the yearly amount the approving level fixed */
  amountFen?: number | null;
}

const amountWords = (fen: number | null | undefined) => (fen ? `${fenToYuanText(fen)} 元` : '');

/** "请补充照片。" from "请补充照片" or "请补充照片。。": one full stop, whatever was typed. */
function sentence(text: string): string {
  return `${text.trim().replace(/[\s。．.，,；;！!？?]+$/, '')}。`;
}

/** Who has the case after a step, as the worker would say it. */
const HANDED_TO: Partial<Record<AidStatus, string>> = {
  submitted: '基层工会',
  base_review: '基层工会初审',
  town_review: '街道/镇工会审核',
  city_approval: '区/市总工会审批',
};

const waitWord = '您不用做什么，有进展会再告诉您。';
const contactWord = '如有疑问，请联系您所在的基层工会。';

function cardWords(masked: string | null | undefined): string {
  const tail = masked?.match(/(\d{4})$/)?.[1];
  return tail ? `尾号 ${tail} 的银行卡` : '您申请时填写的银行卡';
}

export function decisionMessage(e: AidNoticeEvent): { title: string; body: string } {
  const { action, to, orgName } = e;
  const reason = e.comment?.trim() ? sentence(e.comment) : '';
  switch (action) {
    case 'submit':
    case 'resubmit':
      return {
        title: action === 'submit' ? '困难帮扶申请已提交' : '困难帮扶申请已重新提交',
        body:
          to === 'submitted'
            ? '我们已收到您的申请。接下来基层工会会联系您，并上门了解家里的情况，请留意电话。'
            : `我们已收到您补充的材料，申请已交回${HANDED_TO[to] ?? '工会'}。${waitWord}`,
      };
    case 'record_visit':
      return {
        title: '工会已上门了解情况',
        body: `${orgName}已记录上门了解到的情况，接下来由他们初审。${waitWord}`,
      };
    case 'approve':
      if (to === 'publicity') {
        const days = e.publicityDays ? ` ${e.publicityDays} 天` : '';
        return {
          title: `困难帮扶申请：${orgName}已审批通过`,
          body: `接下来会公示${days}（公开名单，名字只显示一部分）。公示期间没有人提出异议，就会把您家登记为困难职工（建档），然后发放帮扶金。${waitWord}`,
        };
      }
      return {
        title: `困难帮扶申请：${orgName}已通过`,
        body: `申请已交${HANDED_TO[to] ?? '下一级工会'}。${reason ? `意见：${reason}` : ''}${waitWord}`,
      };
    case 'return':
    case 'uphold_objection':
      if (action === 'uphold_objection' && to !== 'returned')
        return {
          title: '困难帮扶申请未通过',
          body: `公示期间有人提出异议，工会核实后认为属实，这次申请没有通过。${reason ? `理由：${reason}` : ''}${contactWord}`,
        };
      return {
        title: '困难帮扶申请需要补充材料',
        body: `${orgName}请您补充：${reason || '请按工会的要求补充材料。'}请打开这份申请，补好后点「重新提交」。`,
      };
    case 'reject':
      return {
        title: '困难帮扶申请未通过',
        body: `${orgName}审核后，这次申请没有通过。${reason ? `原因：${reason}` : ''}${contactWord}`,
      };
    case 'file':
      return {
        title: '公示结束，已登记为困难职工',
        body: `公示期间没有异议，您家已登记为困难职工（建档）。接下来工会会把帮扶金打到${cardWords(e.bankAccountMasked)}，打款后会告诉您。`,
      };
    case 'record_payment': {
      const amount = e.payment ? `${fenToYuanText(e.payment.amountFen)} 元` : '';
      const kind = e.payment ? (PAYMENT_KIND_TEXT[e.payment.kind as PaymentKind] ?? '') : '';
      return {
        title: amount ? `帮扶金 ${amount}已发放` : '帮扶金已发放',
        body: `${orgName}已发放${kind}${amount ? ` ${amount}` : '帮扶金'}，打到${cardWords(e.bankAccountMasked)}。到账时间以银行为准，几天后还没到账，请联系您所在的基层工会。`,
      };
    }
    case 'withdraw':
      return {
        title: '困难帮扶申请已撤回',
        body: '您已撤回这份申请，工会不再办理。需要时可以重新申请。',
      };
    case 'revise_amount':
      return {
        title: amountWords(e.amountFen)
          ? `帮扶金额已调整为每年 ${amountWords(e.amountFen)}`
          : '帮扶金额已调整',
        body: `${orgName}重新核定了您家的帮扶金额。${reason ? `理由：${reason}` : ''}${waitWord}`,
      };
    case 'renew':
      return {
        title: '年审完成，明年继续帮扶',
        body: `${orgName}核实了您家的情况，下一年继续帮扶${amountWords(e.amountFen) ? `，金额 ${amountWords(e.amountFen)}` : ''}。${waitWord}`,
      };
    case 'close':
      return {
        title: '年审完成，帮扶结束',
        body: `${orgName}核实了您家的情况，不再继续帮扶。${reason ? `原因：${reason}` : ''}以后如果又遇到困难，可以重新申请。`,
      };
    default:
      return { title: '困难帮扶申请有新进展', body: `现在：${AID_STATUS_TEXT[to]}。${waitWord}` };
  }
}
