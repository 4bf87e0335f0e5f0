/**
 * 困难职工帮扶 review workflow (docs/domain.md), as one table the shared engine applies:
 *
 *   draft ─submit─▶ submitted ─record_visit─▶ base_review ─approve─▶ town_review ─approve─▶
 *   city_approval ─approve(category, yearly amount)─▶ publicity ─file(公示 days over, no open
 *   objection)─▶ filed ─record_payment─▶ paid (─record_payment─▶ paid: later 送温暖, 夏送清凉 …,
 *   all within the approved amount) ─年审: renew(next year's amount)─▶ filed, or close─▶ closed
 *
 * `submitted` is the 基层 queue; recording the home visit (入户核查) starts 初审 and moves the case
 * to `base_review` (recording it again there keeps the state), and 基层 may approve only once a
 * visit is recorded (approve at `submitted` is refused with VISIT_NOT_RECORDED). Each reviewing
 * level, on its own state, may `return` (退回补充 → returned, with a reason; the worker's
 * `resubmit` goes back to the state it was returned from), `reject` (→ rejected, with a reason) or
 * `set_category` (stays). A return may name the facts it asks the worker to change; a resubmitted
 * case goes back to the level that returned it, unless the worker changed, unasked, a fact the
 * 基层 verified in its home visit (facts.ts): then to `submitted`, and that visit no longer stands.
 * The worker may `withdraw` until the 区/市 decision. During 公示 any member with a real-name
 * profile but the applicant may `object`; the approving level (区 or 市) upholds (→ rejected, or
 * returned to itself with upholdAs 'return') or dismisses (stays). The approving level fixes the
 * yearly amount when it approves; payments stay within it unless it is approved anew
 * (`revise_amount`, with a reason), and the 年审 (once the review is due) continues the case for
 * another year with that year's amount (`renew`) or ends it (`close`). Final: rejected, withdrawn,
 * closed. The worker may edit the application while it is a draft or returned. A payment's
 * ledger entry is the `record_payment` transition's side effect; the worker is told of every
 * step but an objection (messages.ts). Every word the shared layer shows comes from wording.ts.
 */
import {
  AID_FINAL_STATUSES,
  AID_NEXT_STEP,
  AID_STATUS_TEXT,
  AID_STATUSES,
  type AidProgramAction,
  type AidStatus,
} from '../../../src/contracts/aid';
import type { ReviewLevel } from '../workflow/actor';
import { amountLeft } from '../workflow/approved-amount';
import { backToReturningLevel, queueStates } from '../workflow/engine';
import {
  noOpenObjections,
  objectionDecided,
  objectionGiven,
  oneOpenObjectionEach,
  openObjectionNamed,
  withObjection,
} from '../workflow/objections';
import { returnOrReject } from '../workflow/review-rules';
import { categoryGiven, commentGiven, publicityEnded } from '../workflow/requirements';
import { stateTable } from '../workflow/states';
import type { ProgramTable, Requirement, TransitionRule } from '../workflow/table';
import type { AidCaseSnapshot, AidPatch, AidTransitionInput } from './case';
import { AID_FACTS_DECL } from './facts';
import { decisionMessage } from './messages';
import {
  amountValid,
  complete,
  notARepeatPayment,
  paymentKindValid,
  reviewDue,
  visitGiven,
  visitRecorded,
} from './requirements';
import { AID_ACTION_WORDS, AID_NEEDS, AID_TEXT, AID_TIMELINE, LEVEL_TEXT } from './wording';

export { LEVEL_TEXT };

export type AidProgram = ProgramTable<
  AidStatus,
  AidProgramAction,
  AidCaseSnapshot,
  AidTransitionInput,
  AidPatch
>;
type Rule = TransitionRule<AidStatus, AidProgramAction, AidCaseSnapshot, AidTransitionInput, AidPatch>;
type Kit = Requirement<AidStatus, AidCaseSnapshot, AidTransitionInput>;
/** the kit's requirements, typed for this table */
const kit = (r: unknown) => r as Kit;

const DAY_MS = 86_400_000;
const REVIEW_INTERVAL_MS = 365 * DAY_MS; // 年审: filed cases are re-verified every year

const LEVEL_OF: Record<AidStatus, ReviewLevel | null> = {
  draft: null,
  submitted: 'base',
  base_review: 'base',
  town_review: 'town',
  city_approval: 'approver',
  publicity: 'approver',
  filed: 'approver',
  paid: null,
  returned: null,
  rejected: null,
  withdrawn: null,
  closed: null,
};

/** The worker may change the application only while it is a draft or returned for more material. */
const EDITABLE: readonly AidStatus[] = ['draft', 'returned'];

/** On file (在档): the cases the yearly re-verification (年审) lists when due, and payments go to. */
export const AID_ON_FILE: readonly AidStatus[] = ['filed', 'paid'];

/** The review states and the level that decides in each. */
const REVIEW_STEPS: [AidStatus, ReviewLevel][] = [
  ['submitted', 'base'],
  ['base_review', 'base'],
  ['town_review', 'town'],
  ['city_approval', 'approver'],
];

const chosenCategory = (input: AidTransitionInput) => (input.category ? { category: input.category } : {});

export interface AidProgramOptions {
  /** 公示 length in days (configured per deployment; 0 = filing may follow at once) */
  publicityDays: number;
}

export function aidProgram({ publicityDays }: AidProgramOptions): AidProgram {
  if (!Number.isInteger(publicityDays) || publicityDays < 0) {
    throw new RangeError(`公示 days must be a whole number ≥ 0, got ${publicityDays}`);
  }
  const decisionsByLevel: Rule[] = REVIEW_STEPS.flatMap(([from, by]): Rule[] => [
    ...returnOrReject<AidStatus, AidProgramAction, AidCaseSnapshot, AidTransitionInput, AidPatch>(from, by),
    {
      from,
      action: 'set_category',
      by,
      to: from,
      requires: [categoryGiven],
      effect: ({ input }) => chosenCategory(input),
    },
    { from, action: 'withdraw', by: 'owner', to: 'withdrawn' },
  ]);
  const recordVisit = (from: AidStatus): Rule => ({
    from,
    action: 'record_visit',
    by: 'base',
    to: 'base_review',
    requires: [visitGiven],
    effect: ({ input, actor, now }) => ({
      visit: {
        date: input.visit!.date,
        findings: input.visit!.findings.trim(),
        officerId: actor.memberId,
        at: now,
      },
    }),
  });
  const baseApproves = (from: AidStatus): Rule => ({
    from,
    action: 'approve',
    by: 'base',
    to: 'town_review',
    requires: [visitRecorded],
    accepts: ['category', 'comment'],
    effect: ({ input }) => chosenCategory(input),
  });
  const payment: Rule['effect'] = ({ case: c, input, actor, now }) => ({
    payments: [
      ...c.payments,
      { amountFen: input.payment!.amountFen, kind: input.payment!.kind, at: now, officerId: actor.memberId },
    ],
  });

  const transitions: Rule[] = [
    { from: 'draft', action: 'submit', by: 'owner', to: 'submitted', requires: [complete] },
    { from: 'draft', action: 'withdraw', by: 'owner', to: 'withdrawn' },
    recordVisit('submitted'),
    recordVisit('base_review'),
    baseApproves('submitted'),
    baseApproves('base_review'),
    {
      from: 'town_review',
      action: 'approve',
      by: 'town',
      to: 'city_approval',
      accepts: ['category', 'comment'],
      effect: ({ input }) => chosenCategory(input),
    },
    {
      from: 'city_approval',
      action: 'approve',
      by: 'approver',
      to: 'publicity',
      requires: [categoryGiven],
      accepts: ['comment'],
      // the yearly aid amount: the approver's (aid has no amount table to default to)
      fixesAmount: {},
      effect: ({ case: c, input, now }) => ({
        category: (input.category ?? c.category)!,
        publicity: { startsAt: now, endsAt: new Date(now.getTime() + publicityDays * DAY_MS) },
      }),
    },
    ...decisionsByLevel,
    {
      from: 'returned',
      action: 'resubmit',
      by: 'owner',
      to: backToReturningLevel,
      requires: [complete],
      // back at the 基层 for facts it verified: its home visit no longer stands, a new one is needed
      effect: ({ case: c, to }) => ({
        returnedFrom: null,
        ...(to === AID_FACTS_DECL.reverifyAt && c.visit
          ? { visit: null, earlierVisits: [...(c.earlierVisits ?? []), c.visit] }
          : {}),
      }),
    },
    { from: 'returned', action: 'withdraw', by: 'owner', to: 'withdrawn' },
    {
      from: 'publicity',
      action: 'object',
      by: 'public',
      to: 'publicity',
      requires: [kit(objectionGiven), kit(oneOpenObjectionEach)],
      effect: (ctx) => withObjection(ctx as never),
    },
    {
      from: 'publicity',
      action: 'uphold_objection',
      by: 'approver',
      to: ({ input }) => (input.upholdAs === 'return' ? 'returned' : 'rejected'),
      requires: [kit(openObjectionNamed), commentGiven],
      effect: (ctx) => ({
        ...objectionDecided(ctx as never, 'upheld'),
        // returned to the approving level itself: after resubmit it decides again, with a new 公示
        ...(ctx.to === 'returned' ? { returnedFrom: 'city_approval' as const, publicity: null } : {}),
      }),
    },
    {
      from: 'publicity',
      action: 'dismiss_objection',
      by: 'approver',
      to: 'publicity',
      requires: [kit(openObjectionNamed)],
      accepts: ['comment'],
      effect: (ctx) => objectionDecided(ctx as never, 'dismissed'),
    },
    {
      from: 'publicity',
      action: 'file',
      by: 'approver',
      to: 'filed',
      requires: [publicityEnded, kit(noOpenObjections)],
      effect: ({ now }) => ({ reviewDueAt: new Date(now.getTime() + REVIEW_INTERVAL_MS) }),
    },
    ...AID_ON_FILE.flatMap((from): Rule[] => [
      {
        from,
        action: 'record_payment',
        by: 'approver',
        to: 'paid',
        requires: [kit(amountLeft), amountValid, paymentKindValid, notARepeatPayment],
        effect: payment,
        sideEffects: ({ input }) => [
          { kind: 'ledger', amountFen: input.payment!.amountFen, paymentKind: input.payment!.kind },
        ],
        auditData: ({ input }) => ({
          amountFen: input.payment?.amountFen,
          kind: input.payment?.kind,
          ...(input.payment?.confirmedRepeat ? { confirmedRepeat: true } : {}),
        }),
      },
      // paying more than approved takes a new approval, with its reason
      { from, action: 'revise_amount', by: 'approver', to: from, requires: [commentGiven], fixesAmount: {} },
      // 年审: the case continues into the next year with that year's amount, or ends
      {
        from,
        action: 'renew',
        by: 'approver',
        to: 'filed',
        requires: [reviewDue],
        accepts: ['comment'],
        fixesAmount: { newPeriod: true },
        effect: ({ now }) => ({ reviewDueAt: new Date(now.getTime() + REVIEW_INTERVAL_MS) }),
      },
      { from, action: 'close', by: 'approver', to: 'closed', requires: [reviewDue, commentGiven] },
    ]),
  ];

  return {
    name: 'aid',
    entity: 'aidCase',
    initial: 'draft',
    states: stateTable({
      statuses: AID_STATUSES,
      label: AID_STATUS_TEXT,
      nextStep: AID_NEXT_STEP,
      level: LEVEL_OF,
      final: AID_FINAL_STATUSES,
      editable: EDITABLE,
    }),
    levelText: LEVEL_TEXT,
    transitions,
    actions: AID_ACTION_WORDS,
    needs: AID_NEEDS,
    text: AID_TEXT,
    timeline: AID_TIMELINE,
    facts: AID_FACTS_DECL,
    // who needs a full value when: the ID number to check identity during review and 公示, the
    // bank account to the 基层 in its home visit and to the approving level while paying
    reveals: {
      idNumber: {
        base: ['submitted', 'base_review'],
        town: ['town_review'],
        approver: ['city_approval', 'publicity'],
      },
      bankAccount: { base: ['base_review'], approver: ['filed', 'paid'] },
    },
    // the worker hears of every decision by a level, and gets a receipt for their own steps
    // (submit, resubmit, withdraw); an objection is not told to them until it is decided
    notices: (e) =>
      e.actorRole === 'public'
        ? []
        : [
            {
              to: 'owner',
              ...decisionMessage({
                action: e.action,
                to: e.to,
                comment: e.comment,
                orgName: e.orgName,
                payment: e.input.payment ?? null,
                amountFen: e.input.amountFen ?? null,
                bankAccountMasked: e.case.bankAccountMasked,
                publicityDays,
              }),
            },
          ],
  };
}

/** The table with the default 公示 length, for reads (actions offered, queues) that do not depend on it. */
export const AID_WORKFLOW = aidProgram({ publicityDays: 7 });

/** Statuses whose cases wait in each level's queue. */
export const QUEUE_STATUSES: Record<ReviewLevel, AidStatus[]> = {
  base: queueStates(AID_WORKFLOW, 'base'),
  town: queueStates(AID_WORKFLOW, 'town'),
  approver: queueStates(AID_WORKFLOW, 'approver'),
};
