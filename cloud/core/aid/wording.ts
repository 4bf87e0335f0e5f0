/**
 * Every word the shared review layer says for 困难帮扶: each action as the officer and the
 * timeline name it (an approval in its level's word: 基层 初审, 街道 审核, 区/市 审批), what each
 * need is called, the timeline's normal path and the sentences of the shared flow. The table
 * (workflow.ts) carries them to the API, so the shared screens show them without a copy.
 */
import {
  AID_ACTION_TEXT,
  CATEGORY_TEXT,
  HARDSHIP_CATEGORIES,
  PAYMENT_KIND_TEXT,
  PAYMENT_KINDS,
  type AidProgramAction,
  type AidStatus,
} from '../../../src/contracts/aid';
import type { ReviewLevel } from '../workflow/actor';
import { actionWords, timelineOf } from '../workflow/wording';
import type { ActionText, NeedText, ProgramText } from '../workflow/table';
import { REVIEW_LEVEL_TEXT, type Need } from '../../../src/contracts/workflow';

export const LEVEL_TEXT: Record<ReviewLevel, string> = REVIEW_LEVEL_TEXT;

const choices = <T extends string>(values: readonly T[], text: Record<T, string>) =>
  values.map((value) => ({ value, label: text[value] }));

export const AID_NEEDS: Partial<Record<Need, NeedText>> = {
  comment: { label: '意见', optionalLabel: '意见（可以不填）', missing: '请填写意见' },
  category: {
    label: '困难类别',
    optionalLabel: '困难类别（可以先不定）',
    missing: '请选择困难类别',
    options: choices(HARDSHIP_CATEGORIES, CATEGORY_TEXT),
  },
  visit: {
    label: '核查情况',
    missing: '请填写入户核查看到的情况',
    placeholder: '例如：家中三口人，丈夫住院，情况属实',
  },
  amount: { label: '发放金额（元）', missing: '请填写发放金额', placeholder: '例如 2000' },
  facts: {
    label: '要职工改哪几项（可以不选）',
    missing: '请选择要职工改的内容',
  },
  paymentKind: {
    label: '发放类型',
    missing: '请选择发放类型',
    options: choices(PAYMENT_KINDS, PAYMENT_KIND_TEXT),
  },
  objection: { label: '异议', missing: '请选择要处理的异议' },
};

const said = actionWords(AID_ACTION_TEXT);

export const AID_ACTION_WORDS: Record<AidProgramAction, ActionText> = {
  submit: said('submit', '申请已提交'),
  resubmit: said('resubmit', '申请已重新提交'),
  withdraw: said('withdraw', '申请已撤回'),
  record_visit: said('record_visit', '入户核查已记录'),
  approve: said('approve', '已通过，已交下一步办理', {
    byLevel: { base: '初审通过', town: '审核通过', approver: '审批通过' },
    needs: {
      amount: {
        label: '核定帮扶金额（元/年）',
        missing: '请填写一年的帮扶金额',
        placeholder: '例如 6000',
      },
    },
  }),
  return: said('return', '已退回职工补充材料', {
    needs: { comment: { label: '要职工补充什么（职工会看到）', missing: '请写明要职工补充什么' } },
    note: '只改您勾选的内容时，重新提交后回到您这一级；改了基层工会核实过的其他内容，要从基层工会重新审核。',
  }),
  reject: said('reject', '已作出不予通过的决定', {
    needs: { comment: { label: '不予通过的原因（职工会看到）', missing: '请写明不予通过的原因' } },
  }),
  set_category: said('set_category', '困难类别已保存'),
  file: said('file', '已建档', { note: '公示期已过、没有未处理的异议时可以建档；建档后可以发放帮扶金。' }),
  record_payment: said('record_payment', '发放已记录到台账'),
  object: said('object', '异议已提交'),
  uphold_objection: said('uphold_objection', '异议已认定成立', {
    needs: { comment: { label: '处理意见（职工会看到）', missing: '请写明认定异议成立的理由' } },
  }),
  dismiss_objection: said('dismiss_objection', '异议已认定不成立'),
  revise_amount: said('revise_amount', '核定金额已调整', {
    note: '已发的加上要发的超过核定金额时，先在这里重新核定。',
    needs: {
      amount: { label: '新的核定金额（元/年）', missing: '请填写新的核定金额', placeholder: '例如 8000' },
      comment: { label: '调整的理由', missing: '请写明为什么调整金额' },
    },
  }),
  renew: said('renew', '年审完成，继续帮扶', {
    note: '年审到期后办理：继续帮扶时核定下一年的金额。',
    needs: {
      amount: {
        label: '下一年的核定金额（元）',
        missing: '请填写下一年的帮扶金额',
        placeholder: '例如 6000',
      },
    },
  }),
  close: said('close', '年审完成，帮扶已结束', {
    note: '年审到期后办理：家庭情况好转、不再符合条件时结束帮扶。',
    needs: { comment: { label: '结束帮扶的原因（职工会看到）', missing: '请写明结束帮扶的原因' } },
  }),
};

/** The normal path after submission, each step named as a worker would say it. */
export const AID_TIMELINE = timelineOf<AidStatus>(
  [
    ['submitted', '提交申请'],
    ['base_review', '基层工会初审（入户核查）'],
  ],
  [
    ['filed', '建档'],
    ['paid', '发放帮扶金'],
  ],
);

export const AID_TEXT: ProgramText = {
  readOnlyAt: (level) => `这份申请现在由${level}办理，您只能查看`,
  readOnlyClosed: '这份申请已办结，您只能查看',
  notEditable: '申请已提交，现在不能修改',
  notPublic: '这条公示已经结束或不存在',
  who: { owner: '本人', public: '公示异议', union: '工会' },
  resubmit: {
    back: (level) => `重新提交后，交回${level}继续审核。`,
    reverify: (facts, level) =>
      `您改了${facts.join('、')}。这些是${level}上门核实过的，重新提交后要由${level}重新核实、从头审核。`,
  },
};
