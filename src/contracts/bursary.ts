/**
 * 金秋助学 (autumn student aid) API contract, shared by the mini app and the cloud. Money is
 * integer fen (分). Each year a 区 or 市 union runs a campaign (its window, the school levels it
 * covers, the amount per level and group, the exclusion questions, the materials asked for); a
 * worker registers a child in it; the application is reviewed on the review kit
 * (cloud/core/bursary/workflow.ts says who may take which action in which state).
 */
import * as z from 'zod/mini';
import { calendarDateSchema } from './calendar-date';
import { findIdNumberProblem, ID_NUMBER_PROBLEM_TEXT } from './idNumber';
import { isPersonName } from './person-name';
import { MAX_PAYMENT_FEN } from './money';
import {
  amountField,
  caseListQueryFields,
  commentField,
  factsField,
  FINAL_STATUSES,
  programStatuses,
  SHARED_ACTION_TEXT,
  versionField,
  type CaseQueueResponse,
  type CaseSummaryKit,
  type CaseViewKit,
} from './workflow';

// ---- school levels and groups -------------------------------------------------------------------

/** Compulsory schooling (小学, 初中) is not covered, so it is no level here. */
export const SCHOOL_LEVELS = ['postgraduate', 'undergraduate', 'vocational_college', 'high_school'] as const;
export type SchoolLevel = (typeof SCHOOL_LEVELS)[number];
export const SCHOOL_LEVEL_TEXT: Record<SchoolLevel, string> = {
  postgraduate: '研究生',
  undergraduate: '本科',
  vocational_college: '高职高专',
  high_school: '高中/中职',
};

/**
 * Whose child it is, as the aid records say (never asked): a worker whose hardship case is on
 * file (建档) from an earlier year, filed this campaign year, or not on file (temporary hardship,
 * which the 基层 union checks).
 */
export const BURSARY_GROUPS = ['on_file', 'newly_filed', 'temporary'] as const;
export type BursaryGroup = (typeof BURSARY_GROUPS)[number];
export const BURSARY_GROUP_TEXT: Record<BursaryGroup, string> = {
  on_file: '建档困难职工子女',
  newly_filed: '新建档困难职工子女',
  temporary: '未建档的临时困难职工子女',
};

// ---- campaigns ----------------------------------------------------------------------------------

const dayField = calendarDateSchema('报名日期不是真实的日期，格式如 2026-07-01');

const grantFen = z.optional(
  z
    .number()
    .check(
      z.int('金额要以“分”为单位的整数'),
      z.minimum(1, '金额要大于 0'),
      z.maximum(MAX_PAYMENT_FEN, '金额不能超过 10 万元'),
    ),
);
const groupAmounts = z.strictObject({ on_file: grantFen, newly_filed: grantFen, temporary: grantFen });
export type GroupAmounts = z.infer<typeof groupAmounts>;

/** The amount table: per school level, per group; a group left out is not aided at that level. */
export const AmountTableSchema = z.strictObject({
  postgraduate: z.optional(groupAmounts),
  undergraduate: z.optional(groupAmounts),
  vocational_college: z.optional(groupAmounts),
  high_school: z.optional(groupAmounts),
});
export type AmountTable = z.infer<typeof AmountTableSchema>;

export const ExclusionSchema = z.strictObject({
  /** short key the answers use */
  id: z.string().check(z.regex(/^[a-z][a-z_]{1,31}$/, '问题编号只能用小写字母和下划线')),
  /** asked as a yes/no question; yes excludes */
  question: z.string().check(z.trim(), z.minLength(4, '请写清楚问题'), z.maxLength(60)),
  /** said to the worker when the answer is yes */
  reason: z.string().check(z.trim(), z.minLength(4, '请写清楚不能资助的原因'), z.maxLength(60)),
});
export type Exclusion = z.infer<typeof ExclusionSchema>;

/** The published exclusions (military academies, free teacher training, 定向生, aided elsewhere). */
export const DEFAULT_EXCLUSIONS: Exclusion[] = [
  {
    id: 'military',
    question: '孩子是在军事院校（军校）上学吗？',
    reason: '军校学员由国家保障，不在金秋助学范围内',
  },
  {
    id: 'free_teacher',
    question: '孩子是免费（公费）师范生吗？',
    reason: '公费师范生已由国家资助，不在金秋助学范围内',
  },
  {
    id: 'directed',
    question: '孩子是定向生（定向培养、毕业后定向就业）吗？',
    reason: '定向生由定向单位资助，不在金秋助学范围内',
  },
  {
    id: 'aided_elsewhere',
    question: '孩子今年已经得到别的助学金资助了吗？',
    reason: '今年已在别处得到助学资助的，不重复资助',
  },
];

export const DEFAULT_MATERIALS = ['录取通知书或在读证明', '孩子的身份证或户口本', '家庭困难证明'];

/** POST /api/bursary/campaigns (a 区 or 市 officer, for their own org) */
export const CreateCampaignSchema = z.strictObject({
  year: z.number().check(z.int(), z.minimum(2020, '年份不对'), z.maximum(2100, '年份不对')),
  /** the application window, whole days in China time, both included */
  opensOn: dayField,
  closesOn: dayField,
  levels: z
    .array(z.enum(SCHOOL_LEVELS))
    .check(z.minLength(1, '请至少选一个资助的学段'), z.maxLength(SCHOOL_LEVELS.length)),
  amounts: AmountTableSchema,
  exclusions: z.array(ExclusionSchema).check(z.maxLength(10)),
  materials: z.array(z.string().check(z.trim(), z.minLength(2), z.maxLength(30))).check(z.maxLength(10)),
  /** days the granted names stay on public notice (公示) before the grant */
  publicityDays: z.number().check(z.int(), z.minimum(0), z.maximum(30, '公示不超过 30 天')),
});
export type CreateCampaignInput = z.infer<typeof CreateCampaignSchema>;

/**
 * PUT /api/bursary/campaigns/:id (an officer of the campaign's own union): the whole setting
 * again, with the version read. The year stays. Before anyone applies every term may change;
 * after, only the closing day (longer or shorter, not before today): applications were made on
 * those terms.
 */
export const UpdateCampaignSchema = z.extend(z.omit(CreateCampaignSchema, { year: true }), {
  version: versionField,
});
export type UpdateCampaignInput = z.infer<typeof UpdateCampaignSchema>;

/** 7月1日: a day (YYYY-MM-DD) of a campaign's year as people say it. */
export const monthDayText = (day: string): string =>
  `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

/** 7月1日至8月31日: a campaign's window as the worker reads it (the cloud's refusal says it too). */
export function windowText(c: { opensOn: string; closesOn: string }): string {
  return `${monthDayText(c.opensOn)}至${monthDayText(c.closesOn)}`;
}

/** Where today is against the window. */
export type WindowState = 'not_yet' | 'open' | 'closed';

export interface CampaignView {
  id: string;
  orgId: string;
  orgName: string;
  year: number;
  opensOn: string;
  closesOn: string;
  window: WindowState;
  levels: SchoolLevel[];
  amounts: AmountTable;
  exclusions: Exclusion[];
  materials: string[];
  publicityDays: number;
  /** changes with every edit: PUT sends back the one it read */
  version: number;
  /**
   * applications made so far (drafts too), for an officer of the union that runs it (null for
   * the workers it covers): once there is one, only the closing day changes
   */
  applications: number | null;
}

/** GET /api/bursary/campaigns/current */
export interface CurrentCampaignResponse {
  /** the campaign that covers the caller's union this year (the nearest 区 or 市 that runs one) */
  campaign: CampaignView | null;
  /** the caller's group as the aid records say, with the reason in words; null without a profile */
  applicant: { group: BursaryGroup; groupText: string; reason: string } | null;
  /** a 区/市 officer: the campaign their own org set this year, if any */
  ownCampaign: CampaignView | null;
  /** today in China time, YYYY-MM-DD */
  today: string;
}

// ---- applications -------------------------------------------------------------------------------

const BURSARY_STATES = programStatuses({
  before: {
    draft: ['还没有提交', '填好后点“提交申请”'],
    submitted: ['已提交，等待基层工会初审', '基层工会核对孩子的入学材料和家庭情况'],
  },
  after: {
    granted: ['已批准，等待发放', '助学金会发到您的实名银行卡或服务卡'],
    paid: ['助学金已发放', '已办结。祝孩子学业进步'],
  },
  publicityNext: '公示结束后批准发放（公示的名字只显示一部分）',
});

export const BURSARY_STATUSES = BURSARY_STATES.statuses;
export type BursaryStatus = (typeof BURSARY_STATUSES)[number];

/** Closed: the child's application for the year is done (paid, refused or withdrawn). */
export const BURSARY_FINAL_STATUSES: readonly BursaryStatus[] = FINAL_STATUSES;
export const BURSARY_STATUS_TEXT: Record<BursaryStatus, string> = BURSARY_STATES.text;
export const BURSARY_NEXT_STEP: Record<BursaryStatus, string> = BURSARY_STATES.nextStep;

/** The actions of the transitions route; `submit` happens when the application is created. */
export const BURSARY_ACTIONS = [
  'approve',
  'return',
  'reject',
  'withdraw',
  'resubmit',
  'grant',
  'record_payment',
] as const;
export type BursaryAction = (typeof BURSARY_ACTIONS)[number];
export const BURSARY_PROGRAM_ACTIONS = ['submit', ...BURSARY_ACTIONS] as const;
export type BursaryProgramAction = (typeof BURSARY_PROGRAM_ACTIONS)[number];

export const BURSARY_ACTION_TEXT: Record<BursaryProgramAction, string> = {
  ...SHARED_ACTION_TEXT,
  grant: '公示结束，批准发放',
};

const thisYear = () => new Date().getFullYear();

/** What the worker fills in about the child (the ID number is stored encrypted, shown masked). */
const childFields = {
  childName: z.string().check(z.trim(), z.refine(isPersonName, '孩子的姓名请填写 2 到 20 个汉字或字母')),
  // one line: a school's name is printed on lists and in the audit log
  school: z
    .string()
    .check(
      z.trim(),
      z.minLength(2, '请填写学校名称'),
      z.maxLength(40, '学校名称太长了'),
      z.regex(/^[^\u0000-\u001f\u007f]*$/, '学校名称里不能有换行或控制字符'),
    ),
  level: z.enum(SCHOOL_LEVELS),
  admissionYear: z.number().check(
    z.int('入学年份要填整数'),
    z.minimum(2000, '入学年份不对'),
    z.refine((y) => y <= thisYear() + 1, '入学年份不能晚于明年'),
  ),
  /** question id → yes (true) or no (false) */
  answers: z.record(z.string().check(z.regex(/^[a-z][a-z_]{1,31}$/)), z.boolean()),
  /** photos of the 录取通知书 or proof of enrolment (uploaded to /api/files first) */
  proofFileIds: z.optional(z.array(z.string().check(z.regex(/^[a-f0-9]{24}$/))).check(z.maxLength(9))),
};

/** POST /api/bursary/applications (Idempotency-Key): created and submitted at once. */
export const CreateApplicationSchema = z.strictObject({
  ...childFields,
  childIdNumber: z.string().check(
    z.refine((v) => findIdNumberProblem(v) === null, {
      error: (issue) => ID_NUMBER_PROBLEM_TEXT[findIdNumberProblem(String(issue.input)) ?? 'format'],
    }),
  ),
  /** the parent, as the child's guardian, agrees to the child's data being used for this application */
  guardianConsent: z.literal(true, '请先确认您是孩子的监护人，并同意为申请使用孩子的信息'),
});
export type CreateApplicationInput = z.infer<typeof CreateApplicationSchema>;

/** PUT /api/bursary/applications/:id (the owner, while returned): the child's ID number stays. */
export const UpdateApplicationSchema = z.strictObject({ ...childFields, version: versionField });
export type UpdateApplicationInput = z.infer<typeof UpdateApplicationSchema>;

/**
 * The application's facts as reviewers compare them after a return (cloud/core/bursary/facts.ts):
 * a return may ask for any of them; those the 基层 checked against the 录取通知书 (the child, the
 * school, level and year, the proof itself) send a resubmitted application back to the 基层 when
 * changed unasked.
 */
export const BURSARY_FACTS = ['childName', 'school', 'level', 'admissionYear', 'proof', 'answers'] as const;
export type BursaryFact = (typeof BURSARY_FACTS)[number];

/** POST /api/bursary/applications/:id/transitions */
export const BursaryTransitionSchema = z.strictObject({
  action: z.enum(BURSARY_ACTIONS),
  version: versionField,
  comment: commentField,
  /** approve at 区/市: the amount, when it differs from the table's (then with a reason) */
  amountFen: amountField,
  /** return: the facts the worker is asked to change */
  facts: factsField(BURSARY_FACTS),
});
export type BursaryTransitionInput = z.infer<typeof BursaryTransitionSchema>;

/** GET /api/bursary/applications?mine=1 | ?queue=1 (&status, &level) */
export const BursaryListQuerySchema = z.object({
  ...caseListQueryFields,
  status: z.optional(z.enum(BURSARY_STATUSES)),
  level: z.optional(z.enum(SCHOOL_LEVELS)),
});

/** Whether the child looks eligible, the amount that applies, and why not when not. */
export interface Eligibility {
  /** null: not all answers given yet */
  eligible: boolean | null;
  group: BursaryGroup;
  groupText: string;
  /** the table's amount for the level and group; null when none applies */
  amountFen: number | null;
  /** why not (each in words); empty when eligible */
  reasons: string[];
  /** what is still missing to tell (questions not answered, no level chosen) */
  missing: string[];
}

export interface CreateApplicationResponse {
  id: string;
  status: BursaryStatus;
  version: number;
  amountFen: number;
  eligibility: Eligibility;
}

export interface BursaryApplicationView extends CaseViewKit<BursaryStatus> {
  campaign: { id: string; year: number; orgName: string };
  child: {
    name: string;
    /** 330***********1234: the full number is never sent */
    idNumberMasked: string;
    school: string;
    level: SchoolLevel;
    admissionYear: number;
  };
  /** each exclusion question as asked, with the answer */
  answers: { id: string; question: string; answer: boolean }[];
  proofFileIds: string[];
  group: BursaryGroup;
  groupText: string;
  /** why the aid records put the parent in this group */
  groupReason: string;
  /** the campaign table's amount for this child (the approval's default; the kit's `amount` is what was approved) */
  standardAmountFen: number;
  publicity: { startsAt: string; endsAt: string } | null;
  payments: { amountFen: number; kind: string; at: string }[];
  createdAt: string;
  submittedAt: string | null;
}

export interface BursarySummary extends CaseSummaryKit<BursaryStatus> {
  childName: string;
  school: string;
  level: SchoolLevel;
  group: BursaryGroup;
  standardAmountFen: number;
  /** fixed when 区/市 approves (the kit's approved amount) */
  approvedAmountFen: number | null;
  campaignYear: number;
}

export type BursaryQueueResponse = CaseQueueResponse<BursarySummary, BursaryStatus>;

/** GET /api/bursary/publicity: names masked (张*国). */
export interface BursaryPublicityItem {
  id: string;
  childNameMasked: string;
  applicantNameMasked: string;
  orgName: string;
  level: SchoolLevel;
  amountFen: number;
  startsAt: string;
  endsAt: string;
}
