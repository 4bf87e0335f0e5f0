/**
 * The review kit's share of the API contract (cloud/core/workflow): what every program's case
 * view carries besides its own facts. The cloud draws all of it from the program's table, so
 * the shared screens (decision panel, timeline) show a program's rules without copying them:
 *  - `offers`: the actions open to the caller now, each with what it needs from them and what,
 *    on the case itself, still holds it (e.g. the home visit not recorded yet);
 *  - `timeline`: the program's normal path, each step named as a worker would say it;
 *  - `history`: the steps taken, by org (never an officer's own data).
 * Programs' contracts (aid.ts, …) extend these types; the zod pieces below are the fields every
 * program's transitions schema shares.
 */
import * as z from 'zod/mini';
import { calendarDateSchema, pastDateSchema } from './calendar-date';
import type { ErrorCode } from './errors';

/**
 * What an action may ask the caller for. The decision panel knows how to ask for each: `facts`
 * is which of the application's facts a return asks the owner to change (the choices are the
 * program's facts); `amount` is in fen (the panel asks in 元).
 */
export const NEEDS = ['comment', 'category', 'visit', 'amount', 'paymentKind', 'objection', 'facts'] as const;
export type Need = (typeof NEEDS)[number];

export interface NeedView {
  need: Need;
  /** refused without it; otherwise it may be given */
  required: boolean;
  /** the field's label, in the program's words */
  label: string;
  /** said beside the field when a required one is left out */
  missing: string;
  placeholder: string | null;
  /** a line under the label (e.g. the system's suggestion) */
  hint: string | null;
  /** a choice: its values and their words */
  options: { value: string; label: string }[] | null;
  /**
   * the value to start from (e.g. the category already set, or the one suggested); for a visit,
   * today in China by the cloud's clock, which is also the latest date the cloud takes
   */
  preset: string | null;
}

/** A requirement that depends only on the case and does not hold now. */
export interface BlockView {
  code: ErrorCode;
  message: string;
}

/** Who takes a step: the case's owner (a worker), an officer of a review level, or the public. */
export type ActorRole = 'worker' | 'officer' | 'public';

export interface ActionOffer {
  action: string;
  /** the action as the caller's level says it: 初审通过 / 审核通过 / 审批通过 */
  label: string;
  by: ActorRole;
  needs: NeedView[];
  /** what holds it now on the case itself; empty = open now */
  blockedBy: BlockView[];
  /** said to the caller once it is done */
  done: string;
  /** a line on when it may be taken, where the label is not enough */
  note: string | null;
}

/** One step of a program's normal path after submission. */
export interface TimelineStep {
  status: string;
  label: string;
}

export interface HistoryView<S extends string = string> {
  action: string;
  /** the step in words; an approval in its level's word (初审通过 / 审核通过 / 审批通过) */
  actionText: string;
  from: S;
  to: S;
  /** the state the step led to (= to) */
  status: S;
  /** the acting org's name; null for the worker's own steps and for public objections */
  orgName: string | null;
  /** who acted, in words: the org (never the officer's private data), 本人, or the public */
  by: string;
  /** the acting review level in words; null for the worker's own steps */
  level: string | null;
  comment: string | null;
  at: string;
}

/** Where a case is and how it got there: what the shared timeline draws. */
export interface CaseProgress<S extends string = string> {
  status: S;
  statusText: string;
  nextStep: string;
  history: HistoryView<S>[];
  timeline: TimelineStep[];
}

/** One change of the application after a return: which fact, what it said before and after, when. */
export interface ChangeView {
  field: string;
  /** the fact's name in the program's words */
  label: string;
  /** as shown (sensitive values masked) */
  before: string;
  after: string;
  at: string;
  /** a fact a lower level verified (a change sends the case back to be verified again) */
  verified: boolean;
  /** when the change was resubmitted; null while the owner has not resubmitted it yet */
  resubmittedAt: string | null;
}

/** The amount the approving level fixed for the case's period (核定金额) and what was paid against it. */
export interface ApprovedAmountView {
  approvedFen: number;
  paidFen: number;
  /** what may still be paid without a new approval */
  leftFen: number;
  /** the program's standard amount for the case when it has one, and the reason an approver gave for another */
  defaultFen: number | null;
  reason: string | null;
  at: string;
}

/** What the kit adds to every program's case view. */
export interface CaseViewKit<S extends string = string> extends CaseProgress<S> {
  id: string;
  /** the version a decision or an edit sends back (409 VERSION_CONFLICT when stale) */
  version: number;
  /** the applicant as submitted, and their union */
  applicantName: string;
  orgName: string;
  /** names of the actions the caller may take now, requirements aside */
  actions: string[];
  /** the same actions with what each needs and what holds it */
  offers: ActionOffer[];
  /** the owner may change the application now (a draft, or returned for more material) */
  editable: boolean;
  /** officer view only: read-only because the case is at another level, or closed */
  readOnlyReason: string | null;
  /**
   * The application's changes after returns. To reviewers: every change resubmitted, newest
   * first. To the owner of a returned case: also those not resubmitted yet (resubmittedAt null),
   * which no officer sees until they are resubmitted.
   */
  changes: ChangeView[];
  /** the facts to mark as changed on the page: those of the last resubmission (the owner: not yet resubmitted) */
  changedFacts: string[];
  /** to the owner of a returned case: where a resubmission goes now, and why (e.g. verified facts changed) */
  resubmitNote: string | null;
  /** the approved amount and payments against it, once the approving level fixed one */
  amount: ApprovedAmountView | null;
  /** the personal values the caller may reveal in full now (their level needs them at this state) */
  revealable: string[];
  /** to a reviewer: the applicant's ID number masked, as submitted (null to anyone else) */
  applicantIdNumberMasked: string | null;
}

/** What every program's list row (mine, the queue) carries; programs add their own facts. */
export interface CaseSummaryKit<S extends string = string> {
  id: string;
  status: S;
  statusText: string;
  applicantName: string;
  orgName: string;
  submittedAt: string | null;
  version: number;
  /** the caller may still change it (their draft, or returned for more material) */
  editable: boolean;
}

/** GET <program list>?queue=1: one page of the cases waiting at the officer's level. */
export interface CaseQueueResponse<T, S extends string = string> {
  /** the statuses this officer's level works on (the status filter offers these) */
  statuses: S[];
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** What the decision panel sends, typed; the page adds the version and picks the route. */
export interface DecisionBody {
  action: string;
  comment?: string;
  category?: string;
  visit?: { date: string; findings: string };
  amountFen?: number;
  paymentKind?: string;
  /** a return: the facts it asks the owner to change */
  facts?: string[];
  /** the officer confirms what the cloud asked to confirm first (e.g. the same payment again) */
  confirmed?: boolean;
}

// ---- the words every program shares -------------------------------------------------------------

/**
 * The review states every program passes through or may end in, said the same way wherever they
 * appear: after the 基层, the 街道/镇 reviews (审核) and the 区/市 approves (审批); the approval is
 * published (公示); a case may be returned for more material, refused, or withdrawn by its owner.
 * A program's statuses add its own (its draft, its 基层 steps, what follows the 公示).
 */
export const REVIEW_PATH_STATUSES = ['town_review', 'city_approval', 'publicity'] as const;
export const CLOSING_STATUSES = ['returned', 'rejected', 'withdrawn'] as const;
export type SharedStatus = (typeof REVIEW_PATH_STATUSES)[number] | (typeof CLOSING_STATUSES)[number];

export const SHARED_STATUS_TEXT: Record<SharedStatus, string> = {
  town_review: '街道/镇工会审核中',
  city_approval: '区/市总工会审批中',
  publicity: '公示中',
  returned: '退回补充材料',
  rejected: '未通过',
  withdrawn: '已撤回',
};

/** What the worker should expect next; a program words its own 公示 ending. */
export const SHARED_NEXT_STEP: Record<Exclude<SharedStatus, 'publicity'>, string> = {
  town_review: '街道/镇工会审核后交区/市总工会审批',
  city_approval: '审批通过后会公示几天',
  returned: '请按意见补充材料后重新提交',
  rejected: '如有疑问，请联系所在基层工会',
  withdrawn: '如需帮助可以重新申请',
};

/** Where a program's case ends, unless it says otherwise (aid's paid case stays on file): paid, refused or withdrawn. */
export const FINAL_STATUSES = ['paid', 'rejected', 'withdrawn'] as const;

/** A status of the program's own: its words, and what the worker should expect next. */
type OwnStatus = readonly [text: string, nextStep: string];

/**
 * A program's statuses, in order: its own before the shared review (a draft, its 基层 steps), the
 * shared review path, its own after it (what follows the 公示, paid), then the closing ones; with
 * the words and next steps of each (the shared ones from above, its 公示 ending its own).
 */
export function programStatuses<const B extends string, const F extends string>(spec: {
  before: Record<B, OwnStatus>;
  after: Record<F, OwnStatus>;
  publicityNext: string;
}) {
  type S = B | F | SharedStatus;
  const own = { ...spec.before, ...spec.after } as Record<B | F, OwnStatus>;
  const ownKeys = (o: object) => Object.keys(o) as (B | F)[];
  const statuses = [
    ...(ownKeys(spec.before) as B[]),
    ...REVIEW_PATH_STATUSES,
    ...(ownKeys(spec.after) as F[]),
    ...CLOSING_STATUSES,
  ] as readonly S[];
  const pick = (i: 0 | 1) => Object.fromEntries(ownKeys(own).map((k) => [k, own[k][i]]));
  return {
    statuses,
    text: { ...SHARED_STATUS_TEXT, ...pick(0) } as Record<S, string>,
    nextStep: { ...SHARED_NEXT_STEP, publicity: spec.publicityNext, ...pick(1) } as Record<S, string>,
  };
}

/** The shared steps of the timeline, as a worker would name them. */
export const SHARED_STEP_TEXT: Record<(typeof REVIEW_PATH_STATUSES)[number], string> = {
  town_review: '街道/镇工会审核',
  city_approval: '区/市总工会审批',
  publicity: '公示',
};

/** The actions every program has, in the same words (an approval is named per level by the table). */
export const SHARED_ACTION_TEXT = {
  submit: '提交申请',
  approve: '审核通过',
  return: '退回补充',
  reject: '不予通过',
  withdraw: '撤回申请',
  resubmit: '重新提交',
  record_payment: '记录发放',
} as const;

/** The review levels as every program names them: 基层 初审, 街道/镇 审核, 区/市 审批. */
export const REVIEW_LEVEL_TEXT = { base: '基层工会', town: '街道/镇工会', approver: '区/市总工会' } as const;

// ---- fields every program's transition schema is built from ------------------------------------

/** the case version the caller saw: a stale one is VERSION_CONFLICT and changes nothing */
export const versionField = z.number().check(z.int(), z.minimum(1));

export const commentField = z.optional(z.string().check(z.trim(), z.maxLength(500, '意见请不超过 500 字')));

/** 入户核查: the date and what was found */
export const visitField = z.optional(
  z.strictObject({
    date: pastDateSchema({
      invalid: '核查日期不对，请按 2026-01-31 这样填写',
      future: '核查日期不能晚于今天',
    }),
    findings: z.string().check(z.trim(), z.minLength(2, '请填写核查情况'), z.maxLength(1000)),
  }),
);

/** An amount an approver fixes (核定金额) or pays: whole fen, more than 0, at most 100 万元. */
export const MAX_APPROVED_FEN = 100_000_000;
export const amountField = z.optional(
  z
    .number()
    .check(
      z.int('金额要以“分”为单位的整数'),
      z.minimum(1, '金额要大于 0'),
      z.maximum(MAX_APPROVED_FEN, '金额太大了，请核对'),
    ),
);

/** A return's list of the facts it asks the owner to change: the program's fact names. */
export const factsField = <K extends string>(keys: readonly [K, ...K[]]) =>
  z.optional(z.array(z.enum(keys)).check(z.maxLength(keys.length)));

const day = z.optional(calendarDateSchema('日期不对'));

/**
 * The query of every program's case list: `mine=1` (the caller's own cases) or `queue=1` (an
 * officer's level), narrowed to one org below theirs and to submission days, 20 a page (≤ 50).
 * Programs add their own filters (a status of theirs, a category).
 */
export const caseListQueryFields = {
  queue: z.optional(z.string()),
  mine: z.optional(z.string()),
  orgId: z.optional(z.string().check(z.maxLength(64))),
  from: day,
  to: day,
  page: z.optional(z.string().check(z.regex(/^[1-9]\d{0,4}$/))),
  pageSize: z.optional(z.string().check(z.regex(/^([1-9]|[1-4]\d|50)$/))),
};
