/**
 * 金秋助学 review workflow (docs/domain.md "金秋助学"), as one table the review kit applies:
 *
 *   draft ─submit─▶ submitted ─approve(基层)─▶ town_review ─approve(街道)─▶ city_approval
 *   ─approve(区/市: amount)─▶ publicity (公示, names masked) ─grant(days over)─▶ granted
 *   ─record_payment─▶ paid
 *
 * An application is created submitted (the `submit` applied to it at once). Each reviewing
 * level, on its own state, may `return` (退回补充 → returned, with a reason, naming the facts it
 * asks for; the worker's `resubmit` goes back to the level that returned it, or to the 基层 when
 * the worker changed, unasked, what the 基层 checked against the 录取通知书: facts.ts) or
 * `reject` (→ rejected, with a reason); the approving level may still reject during 公示. The
 * 区/市 approval fixes the amount (the kit's approved amount): the campaign table's for the
 * child, unless the approver gives another with a reason. `grant` waits for the 公示 days and
 * writes the child into the student-aid grant register, whose unique index refuses a child
 * already granted this year by a related program. `record_payment` pays what is left of the
 * approved amount (all of it: it is paid once) into the payments ledger (助学), and the case is
 * closed: a final state takes no payment. The worker may withdraw until the 区/市 decision; a
 * withdrawn application frees the child for another registration this year. The 基层 may
 * reveal the parent's ID number while it checks the application (初审), with a purpose. Final:
 * paid, rejected, withdrawn.
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
import { amountLeft } from '../workflow/approved-amount';
import { backToReturningLevel } from '../workflow/engine';
import { returnOrReject } from '../workflow/review-rules';
import { commentGiven, publicityEnded } from '../workflow/requirements';
import { stateTable } from '../workflow/states';
import type { ProgramTable, Requirement, TransitionRule } from '../workflow/table';
import type { BursaryCaseSnapshot, BursaryPatch, BursaryTransitionRequest } from './case';
import { BURSARY_FACTS_DECL } from './facts';
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

type Kit = Requirement<BursaryStatus, BursaryCaseSnapshot, BursaryTransitionRequest>;

/** What is left to pay of the approved amount (the payment pays all of it, once). */
const leftToPay = (c: BursaryCaseSnapshot) => (c.amount ? c.amount.approvedFen - c.amount.paidFen : 0);

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
  { from: 'draft', action: 'submit', by: 'owner', to: 'submitted' },
  { from: 'submitted', action: 'approve', by: 'base', to: 'town_review', accepts: ['comment'] },
  { from: 'town_review', action: 'approve', by: 'town', to: 'city_approval', accepts: ['comment'] },
  {
    from: 'city_approval',
    action: 'approve',
    by: 'approver',
    to: 'publicity',
    accepts: ['comment'],
    // the amount: the campaign table's for the child unless the approver gives another, with a reason
    fixesAmount: { default: ({ case: c }) => c.standardAmountFen },
    effect: ({ case: c, now }) => ({
      publicity: { startsAt: now, endsAt: new Date(now.getTime() + c.publicityDays * DAY_MS) },
    }),
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
    requires: [amountLeft as unknown as Kit],
    effect: ({ case: c, actor, now }) => ({
      payments: [
        ...c.payments,
        { amountFen: leftToPay(c), kind: BURSARY_PAYMENT_KIND, at: now, officerId: actor.memberId },
      ],
    }),
    // the kit holds the ledger entry to the approved amount (engine.ts)
    sideEffects: ({ case: c }) => [
      { kind: 'ledger', amountFen: leftToPay(c), paymentKind: BURSARY_PAYMENT_KIND },
    ],
    auditData: ({ case: c }) => ({ amountFen: leftToPay(c), kind: BURSARY_PAYMENT_KIND }),
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
  facts: BURSARY_FACTS_DECL,
  // the 基层 checks the parent against the child's papers (户口本) at 初审
  reveals: { idNumber: { base: ['submitted'] } },
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
        amountFen: e.case.amount?.approvedFen ?? e.input.amountFen ?? e.case.standardAmountFen,
      }),
    },
  ],
};
