/**
 * 困难职工帮扶 review workflow (DOMAIN.md; issue 4), as one table the shared engine applies:
 *
 *   draft ─submit─▶ submitted ─record_visit─▶ base_review ─approve─▶ town_review ─approve─▶
 *   city_approval ─approve(category)─▶ publicity ─file(公示 days over, no open objection)─▶ filed
 *   ─record_payment─▶ paid (─record_payment─▶ paid: later 送温暖, 夏送清凉 …)
 *
 * `submitted` is the 基层 queue; recording the home visit (入户核查) starts 初审 and moves the case
 * to `base_review` (recording it again there keeps the state), and 基层 may approve only once a
 * visit is recorded (approve at `submitted` is refused with VISIT_NOT_RECORDED). Each reviewing
 * level, on its own state, may `return` (退回补充 → returned, with a reason; the worker's
 * `resubmit` goes back to the state it was returned from), `reject` (→ rejected, with a reason) or
 * `set_category` (stays). The worker may `withdraw` until the 区/市 decision. During 公示 any member
 * but the applicant may `object`; the approving level (区 or 市) upholds (→ rejected, or returned
 * to itself with upholdAs 'return') or dismisses (stays). Final: paid, rejected, withdrawn.
 * The worker may edit the application while it is a draft or returned. A payment's ledger entry
 * is the `record_payment` transition's side effect; the worker is told of every step but an
 * objection (messages.ts). Every word the shared layer shows comes from wording.ts.
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
import { backToReturningLevel, queueStates } from '../workflow/engine';
import { returnOrReject } from '../workflow/review-rules';
import { categoryGiven, commentGiven, publicityEnded } from '../workflow/requirements';
import { stateTable } from '../workflow/states';
import type { ProgramTable, TransitionRule } from '../workflow/table';
import type { AidCaseSnapshot, AidPatch, AidTransitionInput } from './case';
import { decisionMessage } from './messages';
import {
  amountValid,
  complete,
  noOpenObjections,
  notARepeatPayment,
  objectionGiven,
  openObjectionNamed,
  paymentKindValid,
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
};

/** The worker may change the application only while it is a draft or returned for more material. */
const EDITABLE: readonly AidStatus[] = ['draft', 'returned'];

/** On file (在档): the cases the yearly re-verification (年审) lists when due. */
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
  const decideObjection = (
    o: AidCaseSnapshot['objections'][number],
    id: string | undefined,
    status: 'upheld' | 'dismissed',
  ) => (o.id === id ? { ...o, status } : o);
  const payment: Rule['effect'] = ({ case: c, input, actor, now }) => ({
    payments: [
      ...c.payments,
      { amountFen: input.payment!.amountFen, kind: input.payment!.kind, at: now, officerId: actor.memberId },
    ],
  });

  const transitions: Rule[] = [
    {
      from: 'draft',
      action: 'submit',
      by: 'owner',
      to: 'submitted',
      requires: [complete],
      effect: ({ now }) => ({ submittedAt: now }),
    },
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
      effect: () => ({ returnedFrom: null }),
    },
    { from: 'returned', action: 'withdraw', by: 'owner', to: 'withdrawn' },
    {
      from: 'publicity',
      action: 'object',
      by: 'public',
      to: 'publicity',
      requires: [objectionGiven],
      effect: ({ case: c, input, now }) => ({
        objections: [
          ...c.objections,
          {
            id: input.objection!.id,
            text: input.objection!.text.trim(),
            fileIds: input.objection!.fileIds ?? [],
            at: now,
            status: 'open',
          },
        ],
      }),
    },
    {
      from: 'publicity',
      action: 'uphold_objection',
      by: 'approver',
      to: ({ input }) => (input.upholdAs === 'return' ? 'returned' : 'rejected'),
      requires: [openObjectionNamed, commentGiven],
      effect: ({ case: c, input, to }) => ({
        objections: c.objections.map((o) => decideObjection(o, input.objectionId, 'upheld')),
        // returned to the approving level itself: after resubmit it decides again, with a new 公示
        ...(to === 'returned' ? { returnedFrom: 'city_approval' as const, publicity: null } : {}),
      }),
    },
    {
      from: 'publicity',
      action: 'dismiss_objection',
      by: 'approver',
      to: 'publicity',
      requires: [openObjectionNamed],
      accepts: ['comment'],
      effect: ({ case: c, input }) => ({
        objections: c.objections.map((o) => decideObjection(o, input.objectionId, 'dismissed')),
      }),
    },
    {
      from: 'publicity',
      action: 'file',
      by: 'approver',
      to: 'filed',
      requires: [publicityEnded, noOpenObjections],
      effect: ({ now }) => ({ reviewDueAt: new Date(now.getTime() + REVIEW_INTERVAL_MS) }),
    },
    ...(['filed', 'paid'] as const).map(
      (from): Rule => ({
        from,
        action: 'record_payment',
        by: 'approver',
        to: 'paid',
        requires: [amountValid, paymentKindValid, notARepeatPayment],
        effect: payment,
        sideEffects: ({ input }) => [
          { kind: 'ledger', amountFen: input.payment!.amountFen, paymentKind: input.payment!.kind },
        ],
        auditData: ({ input }) => ({
          amountFen: input.payment?.amountFen,
          kind: input.payment?.kind,
          ...(input.payment?.confirmedRepeat ? { confirmedRepeat: true } : {}),
        }),
      }),
    ),
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
