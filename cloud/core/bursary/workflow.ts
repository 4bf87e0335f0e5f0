/**
 * 金秋助学 review workflow (docs/domain.md "金秋助学"), as one table the review kit applies:
 *
 *   draft ─submit─▶ submitted ─approve(基层)─▶ town_review ─approve(街道)─▶ city_approval
 *   ─approve(区/市: amount)─▶ publicity (公示, names masked) ─grant(days over)─▶ granted
 *   ─record_payment─▶ paid
 *
 * An application is created submitted (the `submit` applied to it at once). Each reviewing
 * level, on its own state, may `return` (退回补充 → returned, with a reason; the worker's
 * `resubmit` goes back to the level that returned it) or `reject` (→ rejected, with a reason);
 * the approving level may still reject during 公示. The 区/市 approval fixes the amount: the
 * campaign table's for the child, unless the approver gives another with a reason (the kit's
 * approved amount). `grant` waits for the 公示 days and writes the child into the student-aid
 * grant register, whose unique index refuses a child already granted this year by a related
 * program. `record_payment` pays the approved amount once into the payments ledger (助学), and
 * the case is closed. The worker may withdraw until the 区/市 decision; a withdrawn application
 * frees the child for another registration this year. Final: paid, rejected, withdrawn.
 */
import {
  BURSARY_FINAL_STATUSES,
  BURSARY_NEXT_STEP,
  BURSARY_STATUS_TEXT,
  BURSARY_STATUSES,
  type BursaryProgramAction,
  type BursaryStatus,
} from '../../../src/contracts/bursary';
import type { ReviewLevel } from '../workflow/actor';
import { approvedAmount } from '../workflow/approved-amount';
import { backToReturningLevel } from '../workflow/engine';
import { returnOrReject } from '../workflow/review-rules';
import { commentGiven, publicityEnded } from '../workflow/requirements';
import { stateTable } from '../workflow/states';
import type { ProgramTable, Requirement, TransitionRule } from '../workflow/table';
import type { BursaryCaseSnapshot, BursaryPatch, BursaryTransitionRequest } from './case';
import { bursaryMessage } from './messages';
import {
  BURSARY_ACTION_WORDS,
  BURSARY_LEVEL_TEXT,
  BURSARY_NEEDS,
  BURSARY_TEXT,
  BURSARY_TIMELINE,
} from './wording';

export type BursaryProgram = ProgramTable<
  BursaryStatus,
  BursaryProgramAction,
  BursaryCaseSnapshot,
  BursaryTransitionRequest,
  BursaryPatch
>;
type Rule = TransitionRule<
  BursaryStatus,
  BursaryProgramAction,
  BursaryCaseSnapshot,
  BursaryTransitionRequest,
  BursaryPatch
>;

/** Related student-aid programs name this register: one grant per child per year among them. */
export const STUDENT_AID_REGISTER = 'student_aid';
/** The ledger's kind for a 金秋助学 payment (the ledger's words: 助学). */
export const BURSARY_PAYMENT_KIND = 'schooling';

const DAY_MS = 86_400_000;

const LEVEL_OF: Record<BursaryStatus, ReviewLevel | null> = {
  draft: null,
  submitted: 'base',
  town_review: 'town',
  city_approval: 'approver',
  publicity: 'approver',
  granted: 'approver',
  paid: null,
  returned: null,
  rejected: null,
  withdrawn: null,
};

/** The owner may change the application only while it is returned for more material. */
const EDITABLE: readonly BursaryStatus[] = ['returned'];

const amountApproved: Requirement<BursaryStatus, BursaryCaseSnapshot, BursaryTransitionRequest> = {
  name: 'amountApproved',
  code: 'AMOUNT_INVALID',
  holds: ({ case: c }) => c.approvedAmountFen !== null && c.approvedAmountFen > 0,
};

/** A withdrawn application no longer holds the child's place for the year. */
const withdraw = (from: BursaryStatus): Rule => ({
  from,
  action: 'withdraw',
  by: 'owner',
  to: 'withdrawn',
  effect: () => ({ claimsChild: false }),
});

/** What each reviewing level may do on its own state besides approving: return or reject, with a reason. */
const decisionsAt = (from: BursaryStatus, by: ReviewLevel): Rule[] =>
  returnOrReject<
    BursaryStatus,
    BursaryProgramAction,
    BursaryCaseSnapshot,
    BursaryTransitionRequest,
    BursaryPatch
  >(from, by);

const transitions: Rule[] = [
  {
    from: 'draft',
    action: 'submit',
    by: 'owner',
    to: 'submitted',
    effect: ({ now }) => ({ submittedAt: now }),
  },
  { from: 'submitted', action: 'approve', by: 'base', to: 'town_review', accepts: ['comment'] },
  { from: 'town_review', action: 'approve', by: 'town', to: 'city_approval', accepts: ['comment'] },
  {
    from: 'city_approval',
    action: 'approve',
    by: 'approver',
    to: 'publicity',
    requires: approvedAmount.requires,
    accepts: ['comment'],
    effect: (ctx) => ({
      ...approvedAmount.effect(ctx),
      publicity: {
        startsAt: ctx.now,
        endsAt: new Date(ctx.now.getTime() + ctx.case.publicityDays * DAY_MS),
      },
    }),
    auditData: approvedAmount.auditData,
  },
  ...decisionsAt('submitted', 'base'),
  ...decisionsAt('town_review', 'town'),
  ...decisionsAt('city_approval', 'approver'),
  ...(['submitted', 'town_review', 'city_approval', 'returned'] as const).map(withdraw),
  {
    from: 'returned',
    action: 'resubmit',
    by: 'owner',
    to: backToReturningLevel,
    effect: () => ({ returnedFrom: null }),
  },
  { from: 'publicity', action: 'reject', by: 'approver', to: 'rejected', requires: [commentGiven] },
  {
    from: 'publicity',
    action: 'grant',
    by: 'approver',
    to: 'granted',
    requires: [{ ...publicityEnded, message: '公示期还没有结束，结束后才能批准发放' }],
    sideEffects: ({ case: c }) => [
      {
        kind: 'grant',
        register: STUDENT_AID_REGISTER,
        year: c.campaignYear,
        subjectHash: c.childIdHash,
        refusal: 'BURSARY_CHILD_ALREADY_GRANTED',
      },
    ],
  },
  {
    from: 'granted',
    action: 'record_payment',
    by: 'approver',
    to: 'paid',
    requires: [amountApproved],
    effect: ({ case: c, actor, now }) => ({
      payments: [
        ...c.payments,
        { amountFen: c.approvedAmountFen!, kind: BURSARY_PAYMENT_KIND, at: now, officerId: actor.memberId },
      ],
    }),
    sideEffects: ({ case: c }) => [
      { kind: 'ledger', amountFen: c.approvedAmountFen!, paymentKind: BURSARY_PAYMENT_KIND },
    ],
    auditData: ({ case: c }) => ({ amountFen: c.approvedAmountFen, kind: BURSARY_PAYMENT_KIND }),
  },
];

export const BURSARY_WORKFLOW: BursaryProgram = {
  name: 'bursary',
  entity: 'bursaryApplication',
  initial: 'draft',
  states: stateTable({
    statuses: BURSARY_STATUSES,
    label: BURSARY_STATUS_TEXT,
    nextStep: BURSARY_NEXT_STEP,
    level: LEVEL_OF,
    final: BURSARY_FINAL_STATUSES,
    editable: EDITABLE,
  }),
  levelText: BURSARY_LEVEL_TEXT,
  transitions,
  actions: BURSARY_ACTION_WORDS,
  needs: BURSARY_NEEDS,
  text: BURSARY_TEXT,
  timeline: BURSARY_TIMELINE,
  // the worker hears of every step on their child's application
  notices: (e) => [
    {
      to: 'owner',
      ...bursaryMessage({
        action: e.action,
        to: e.to,
        comment: e.comment,
        orgName: e.orgName,
        childName: e.case.childName,
        // fixed by this approval (the amount given, else the table's) or by an earlier one
        amountFen: e.case.approvedAmountFen ?? e.input.amountFen ?? e.case.standardAmountFen,
      }),
    },
  ],
};
