/**
 * 困难职工帮扶 (hardship aid) API contract, shared by the mini app and the cloud. Money is
 * integer fen (分). A case moves through the states below; the cloud's workflow table
 * (cloud/core/aid/workflow.ts) says who may take which action in which state.
 */
import * as z from 'zod/mini';
import { MAX_PAYMENT_FEN } from './money';
import {
  amountField,
  commentField,
  factsField,
  programStatuses,
  SHARED_ACTION_TEXT,
  versionField,
  visitField,
  type CaseQueueResponse,
  type CaseSummaryKit,
  type CaseViewKit,
  type HistoryView,
} from './workflow';

const AID_STATES = programStatuses({
  before: {
    draft: ['草稿', '填写完整后点“提交申请”'],
    submitted: ['已提交，等待基层工会初审', '基层工会会联系您，并上门了解家庭情况'],
    base_review: ['基层工会初审中（已入户核查）', '基层工会初审后交街道/镇工会审核'],
  },
  after: {
    filed: ['已建档，等待发放', '工会会把帮扶金打到您申请时填写的银行卡，打款后会在「消息」里告诉您'],
    paid: ['已发放', '以后每年工会会再核实一次家里的情况（年审），决定是否继续帮扶'],
    closed: ['帮扶已结束', '如果又遇到困难，可以重新申请'],
  },
  publicityNext: '公示期间没有人提出异议，就把您家登记为困难职工（建档），然后发放帮扶金',
});

export const AID_STATUSES = AID_STATES.statuses;
export type AidStatus = (typeof AID_STATUSES)[number];

/**
 * Where a case ends: no longer open, so the applicant may apply again. A paid case stays on
 * file (在档) and takes further payments within its approved amount until a 年审 closes it.
 */
export const AID_FINAL_STATUSES: readonly AidStatus[] = ['rejected', 'withdrawn', 'closed'];

export const AID_STATUS_TEXT: Record<AidStatus, string> = AID_STATES.text;

/** What the worker should expect next, in plain words. */
export const AID_NEXT_STEP: Record<AidStatus, string> = AID_STATES.nextStep;

export const AID_ACTIONS = [
  'submit',
  'approve',
  'return',
  'reject',
  'withdraw',
  'resubmit',
  'record_visit',
  'set_category',
  'uphold_objection',
  'dismiss_objection',
  'file',
  'revise_amount',
  'renew',
  'close',
] as const;
export type AidAction = (typeof AID_ACTIONS)[number];

/** Every action of the aid workflow: the transitions route's, plus objections and payments (own routes). */
export const AID_PROGRAM_ACTIONS = [...AID_ACTIONS, 'object', 'record_payment'] as const;
export type AidProgramAction = (typeof AID_PROGRAM_ACTIONS)[number];

export const AID_ACTION_TEXT: Record<AidProgramAction, string> = {
  ...SHARED_ACTION_TEXT,
  record_visit: '记录入户核查',
  set_category: '确定困难类别',
  uphold_objection: '异议成立',
  dismiss_objection: '异议不成立',
  file: '公示结束，建档',
  object: '提出异议',
  revise_amount: '重新核定金额',
  renew: '年审：继续帮扶',
  close: '年审：结束帮扶',
};

export const HARDSHIP_CATEGORIES = ['deep', 'relative', 'accident'] as const;
export type HardshipCategory = (typeof HARDSHIP_CATEGORIES)[number];
export type SuggestedCategory = HardshipCategory | 'none';
export const CATEGORY_TEXT: Record<SuggestedCategory, string> = {
  deep: '深度困难',
  relative: '相对困难',
  accident: '意外致困',
  none: '暂不符合帮扶条件',
};

export const HARDSHIP_CAUSES = [
  'illness',
  'disability',
  'schooling',
  'unemployment',
  'disaster',
  'accident',
  'other',
] as const;
export type HardshipCause = (typeof HARDSHIP_CAUSES)[number];
export const CAUSE_TEXT: Record<HardshipCause, string> = {
  illness: '疾病',
  disability: '残疾',
  schooling: '子女就学',
  unemployment: '下岗失业',
  disaster: '灾害',
  accident: '意外',
  other: '其他',
};

export const PAYMENT_KINDS = ['living', 'medical', 'schooling', 'spring_festival', 'summer'] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];
export const PAYMENT_KIND_TEXT: Record<PaymentKind, string> = {
  living: '生活救助',
  medical: '医疗救助',
  schooling: '助学',
  spring_festival: '送温暖',
  summer: '夏送清凉',
};

export const WORK_STATUSES = ['employed', 'unemployed', 'retired', 'student', 'unable', 'other'] as const;
export const WORK_STATUS_TEXT: Record<(typeof WORK_STATUSES)[number], string> = {
  employed: '在职',
  unemployed: '失业',
  retired: '退休',
  student: '在读',
  unable: '无劳动能力',
  other: '其他',
};

/** Household income or costs: whole fen, at most 1 亿元 a year (anything larger is a typing mistake). */
export const MAX_YEARLY_FEN = 10_000_000_000;
/** One payment: whole fen, at most 10 万元 (the shared money contract's limit). */
export { MAX_PAYMENT_FEN };

const fen = (max: number) =>
  z
    .number()
    .check(
      z.int('金额要以“分”为单位的整数'),
      z.minimum(0, '金额不能是负数'),
      z.maximum(max, '金额太大了，请核对'),
    );

export const HouseholdMemberSchema = z.strictObject({
  relation: z.string().check(z.trim(), z.minLength(1, '请填写与本人关系'), z.maxLength(10)),
  age: z.number().check(z.int(), z.minimum(0), z.maximum(120, '年龄不正确')),
  workStatus: z.enum(WORK_STATUSES),
  annualIncomeFen: fen(MAX_YEARLY_FEN),
});

/** The form: every field optional while it is a draft; completeness is checked on submit. */
export const AidFormSchema = z.strictObject({
  householdSize: z.optional(
    z
      .number()
      .check(
        z.int('家庭人口要填整数'),
        z.minimum(1, '家庭人口至少 1 人'),
        z.maximum(20, '家庭人口不超过 20 人'),
      ),
  ),
  annualIncomeFen: z.optional(fen(MAX_YEARLY_FEN)),
  rigidExpenseFen: z.optional(fen(MAX_YEARLY_FEN)),
  mainCause: z.optional(z.enum(HARDSHIP_CAUSES)),
  secondaryCauses: z.optional(z.array(z.enum(HARDSHIP_CAUSES)).check(z.maxLength(6))),
  description: z.optional(z.string().check(z.trim(), z.maxLength(2000, '情况说明请不超过 2000 字'))),
  householdMembers: z.optional(z.array(HouseholdMemberSchema).check(z.maxLength(20))),
  bankAccount: z.optional(z.string().check(z.regex(/^\d{12,19}$/, '银行卡号应为 12 到 19 位数字'))),
  evidenceFileIds: z.optional(z.array(z.string().check(z.regex(/^[a-f0-9]{24}$/))).check(z.maxLength(20))),
});
export type AidForm = z.infer<typeof AidFormSchema>;

/** POST /api/aid/cases */
export const CreateAidCaseSchema = z.strictObject({ ...AidFormSchema.shape, submit: z.boolean() });
export type CreateAidCaseInput = z.infer<typeof CreateAidCaseSchema>;

/** PUT /api/aid/cases/:id (a draft or a returned case, by its owner) */
export const UpdateAidCaseSchema = z.strictObject({
  ...AidFormSchema.shape,
  version: versionField,
});

/**
 * The application's facts as reviewers compare them after a return (cloud/core/aid/facts.ts):
 * a return may ask for any of them; those the 基层 verified in the home visit (household, money,
 * causes, bank account) send a resubmitted case back to the 基层 when changed unasked.
 */
export const AID_FACTS = [
  'householdSize',
  'householdMembers',
  'annualIncomeFen',
  'rigidExpenseFen',
  'mainCause',
  'secondaryCauses',
  'bankAccount',
  'description',
  'evidence',
] as const;
export type AidFact = (typeof AID_FACTS)[number];

export const TransitionSchema = z.strictObject({
  action: z.enum(AID_ACTIONS),
  version: versionField,
  comment: commentField,
  category: z.optional(z.enum(HARDSHIP_CATEGORIES)),
  visit: visitField,
  /** approve at 区/市, renew at 年审, revise_amount: the yearly amount (核定金额), in fen */
  amountFen: amountField,
  /** return: the facts the worker is asked to change */
  facts: factsField(AID_FACTS),
  objectionId: z.optional(z.string().check(z.maxLength(40))),
  /** uphold_objection: the objection shows the case is not as stated (reject, the default) or incomplete (return) */
  upholdAs: z.optional(z.enum(['reject', 'return'])),
});
export type TransitionInput = z.infer<typeof TransitionSchema>;

/** The name the issue uses for the same schema. */
export const UpdateDraftSchema = UpdateAidCaseSchema;

/** POST /api/aid/cases/:id/payments */
export const PaymentSchema = z.strictObject({
  amountFen: z
    .number()
    .check(
      z.int('金额要以“分”为单位的整数'),
      z.minimum(1, '金额要大于 0'),
      z.maximum(MAX_PAYMENT_FEN, '单笔发放不能超过 10 万元'),
    ),
  kind: z.enum(PAYMENT_KINDS),
  version: versionField,
  /** the officer saw that the same kind and amount was just paid and confirms a second payment */
  confirmRepeat: z.optional(z.boolean()),
});

/** POST /api/aid/cases/:id/objections (any member, during 公示) */
export const ObjectionSchema = z.strictObject({
  text: z.string().check(z.trim(), z.minLength(5, '请写清楚异议内容'), z.maxLength(1000)),
  fileIds: z.optional(z.array(z.string().check(z.regex(/^[a-f0-9]{24}$/))).check(z.maxLength(10))),
});

/** One step on the case's timeline (the kit's history view). */
export type AidHistoryView = HistoryView<AidStatus>;

export interface AidAssessmentView {
  perCapitaMonthlyFen: number;
  suggestedCategory: SuggestedCategory;
  reason: string;
  dibaoMonthlyFen: number;
}

/** The kit's part (CaseViewKit: progress, timeline, actions with their needs, editable) and aid's facts. */
export interface AidCaseView extends CaseViewKit<AidStatus> {
  form: Omit<AidForm, 'bankAccount'> & { bankAccountMasked: string | null };
  suggestedCategory: SuggestedCategory;
  assessment: AidAssessmentView;
  category: HardshipCategory | null;
  visit: { date: string; findings: string } | null;
  publicity: { startsAt: string; endsAt: string } | null;
  objections: { id: string; text: string; status: 'open' | 'upheld' | 'dismissed'; at: string }[];
  payments: { amountFen: number; kind: PaymentKind; at: string }[];
  createdAt: string;
  submittedAt: string | null;
}

export interface CreateAidCaseResponse {
  id: string;
  status: AidStatus;
  version: number;
  suggestedCategory: SuggestedCategory;
}

export interface AidCaseSummary extends CaseSummaryKit<AidStatus> {
  suggestedCategory: SuggestedCategory;
  category: HardshipCategory | null;
  perCapitaMonthlyFen: number;
}

export type AidQueueResponse = CaseQueueResponse<AidCaseSummary, AidStatus>;

export interface AidPublicityItem {
  id: string;
  nameMasked: string;
  orgName: string;
  category: HardshipCategory | null;
  startsAt: string;
  endsAt: string;
}

/** GET /api/aid/assessment?… lets the form show the suggestion before submitting */
export interface AidAssessmentResponse extends AidAssessmentView {
  categoryText: string;
}

/**
 * The assessment's reason without its leading category ("深度困难：家庭人均…" → "家庭人均…"), for
 * screens that already show the category beside it.
 */
export function reasonWithoutCategory(reason: string): string {
  const label = Object.values(CATEGORY_TEXT).find((t) => reason.startsWith(`${t}：`));
  return label ? reason.slice(label.length + 1) : reason;
}

/** 6222021234567890123 → 6222 **** **** 0123: how a bank account is shown once entered. */
export const maskBankAccount = (account: string): string =>
  `${account.slice(0, 4)} **** **** ${account.slice(-4)}`;

export { fenToYuanText, yuanToFen } from './money';
