/**
 * 困难职工帮扶 review workflow (DOMAIN.md): worker submits → 基层 初审 with a home visit →
 * 街道/镇 审核 → 区/市 审批 (sets the final category) → 公示 (N days, objections go to the
 * approving level) → 建档 → paid. `submitted` is the 基层 queue; recording the home visit moves
 * it to `base_review`, and only then may 基层 approve. Any reviewing level may return the case
 * for more material (退回补充: the worker's resubmit goes back to that level) or reject it with
 * a reason; the worker may withdraw until the approval decision.
 */
import { AID_STATUSES, type AidAction, type AidStatus } from '../../../src/contracts/aid';
import type { ProgramTable, TransitionRule } from '../workflow/table';

type Rule = TransitionRule<AidStatus, AidAction | 'record_payment'>;

const reviewSteps: [AidStatus, 'base' | 'town' | 'approver'][] = [
  ['submitted', 'base'],
  ['base_review', 'base'],
  ['town_review', 'town'],
  ['city_approval', 'approver'],
];

const returnAndReject: Rule[] = reviewSteps.flatMap(([from, by]) => [
  { from, action: 'return', by, to: 'returned', requires: ['comment'] },
  { from, action: 'reject', by, to: 'rejected', requires: ['comment'] },
]);

const withdrawals: Rule[] = (
  ['draft', 'submitted', 'base_review', 'town_review', 'city_approval', 'returned'] as const
).map((from) => ({ from, action: 'withdraw', by: 'owner', to: 'withdrawn' }));

export const AID_WORKFLOW: ProgramTable<AidStatus, AidAction | 'record_payment'> = {
  name: 'aid',
  states: AID_STATUSES,
  finalStates: ['paid', 'rejected', 'withdrawn'],
  levelOf: {
    submitted: 'base',
    base_review: 'base',
    town_review: 'town',
    city_approval: 'approver',
    publicity: 'approver',
    filed: 'approver',
  },
  transitions: [
    { from: 'draft', action: 'submit', by: 'owner', to: 'submitted', requires: ['complete'] },
    { from: 'submitted', action: 'record_visit', by: 'base', to: 'base_review', requires: ['visit'] },
    { from: 'base_review', action: 'record_visit', by: 'base', to: 'base_review', requires: ['visit'] },
    // 初审 approval needs the home visit: at `submitted` it is always refused, with that reason
    { from: 'submitted', action: 'approve', by: 'base', to: 'town_review', requires: ['visitRecorded'] },
    { from: 'base_review', action: 'approve', by: 'base', to: 'town_review', requires: ['visitRecorded'] },
    { from: 'town_review', action: 'approve', by: 'town', to: 'city_approval' },
    { from: 'city_approval', action: 'approve', by: 'approver', to: 'publicity', requires: ['category'] },
    ...returnAndReject,
    ...withdrawals,
    { from: 'returned', action: 'resubmit', by: 'owner', to: 'returnedFrom', requires: ['complete'] },
    {
      from: 'publicity',
      action: 'uphold_objection',
      by: 'approver',
      to: 'rejected',
      requires: ['openObjection', 'comment'],
    },
    {
      from: 'publicity',
      action: 'dismiss_objection',
      by: 'approver',
      to: 'publicity',
      requires: ['openObjection'],
    },
    {
      from: 'publicity',
      action: 'file',
      by: 'approver',
      to: 'filed',
      requires: ['publicityEnded', 'noOpenObjections'],
    },
    { from: 'filed', action: 'record_payment', by: 'approver', to: 'paid' },
    // later payments (送温暖, 夏送清凉…) to a household already paid
    { from: 'paid', action: 'record_payment', by: 'approver', to: 'paid' },
  ],
};

/** Statuses whose cases wait in each level's queue. */
export const QUEUE_STATUSES: Record<'base' | 'town' | 'approver', AidStatus[]> = {
  base: ['submitted', 'base_review'],
  town: ['town_review'],
  approver: ['city_approval', 'publicity', 'filed'],
};

export const LEVEL_TEXT: Record<string, string> = {
  base: '基层工会',
  town: '街道/镇工会',
  approver: '区/市总工会',
};
