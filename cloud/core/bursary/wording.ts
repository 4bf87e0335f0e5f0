/**
 * Every word the shared review layer says for 金秋助学: each action as the officer and the
 * timeline name it (an approval in its level's word), what each need is called, the normal
 * path and the shared flow's sentences. The table (workflow.ts) carries them to the API.
 */
import {
  BURSARY_ACTION_TEXT,
  type BursaryProgramAction,
  type BursaryStatus,
} from '../../../src/contracts/bursary';
import { REVIEW_LEVEL_TEXT, type Need } from '../../../src/contracts/workflow';
import type { ReviewLevel } from '../workflow/actor';
import { actionWords, timelineOf } from '../workflow/wording';
import type { ActionText, NeedText, ProgramText } from '../workflow/table';

export const BURSARY_LEVEL_TEXT: Record<ReviewLevel, string> = REVIEW_LEVEL_TEXT;

export const BURSARY_NEEDS: Partial<Record<Need, NeedText>> = {
  comment: { label: '意见', optionalLabel: '意见（可以不填）', missing: '请填写意见' },
  amount: { label: '助学金额（元）', missing: '请填写助学金额', placeholder: '例如 5000' },
  facts: { label: '要职工改哪几项（可以不选）', missing: '请选择要职工改的内容' },
};

const reasonFor = (label: string, missing: string): ActionText['needs'] => ({ comment: { label, missing } });

const said = actionWords(BURSARY_ACTION_TEXT);

export const BURSARY_ACTION_WORDS: Record<BursaryProgramAction, ActionText> = {
  submit: said('submit', '申请已提交'),
  resubmit: said('resubmit', '申请已重新提交'),
  withdraw: said('withdraw', '申请已撤回'),
  approve: said('approve', '已通过，已交下一步办理', {
    byLevel: { base: '初审通过', town: '审核通过', approver: '审批通过' },
    needs: {
      comment: { optionalLabel: '意见（改了金额时必填，写明原因）' },
    },
  }),
  return: said('return', '已退回职工补充材料', {
    needs: reasonFor('要职工补充什么（职工会看到）', '请写明要职工补充什么'),
  }),
  reject: said('reject', '已作出不予资助的决定', {
    needs: reasonFor('不予资助的原因（职工会看到）', '请写明不予资助的原因'),
  }),
  grant: said('grant', '已批准发放', {
    note: '公示期满后可以批准发放；同一个孩子今年已在相关项目得到资助的，不能再批准。',
  }),
  record_payment: said('record_payment', '发放已记录到台账', {
    note: '按批准的金额发放一次，记入台账后办结。',
  }),
};

/** The normal path after submission, each step named as a worker would say it. */
export const BURSARY_TIMELINE = timelineOf<BursaryStatus>(
  [['submitted', '提交申请，基层工会初审']],
  [
    ['granted', '批准发放'],
    ['paid', '发放助学金'],
  ],
);

export const BURSARY_TEXT: ProgramText = {
  readOnlyAt: (level) => `这份助学申请现在由${level}办理，您只能查看`,
  readOnlyClosed: '这份助学申请已办结，您只能查看',
  notEditable: '申请正在办理，现在不能修改',
  notPublic: '这条公示已经结束或不存在',
  who: { owner: '本人', public: '公示', union: '工会' },
  resubmit: {
    back: (level) => `重新提交后，交回${level}继续审核。`,
    reverify: (facts, level) =>
      `您改了${facts.join('、')}。这些是${level}对照录取通知书核对过的，重新提交后要由${level}重新核对、从头审核。`,
  },
};
