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
  /** the value to start from (e.g. the category already set, or the one suggested) */
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
