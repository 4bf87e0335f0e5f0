/**
 * Walks every state × action × caller through the workflow engine with the aid table and checks
 * each outcome against an explicit list written here (not read from the table): allowed ones
 * reach the listed state; every other one is refused with the code the precedence rules give.
 */
import {
  AID_PROGRAM_ACTIONS,
  AID_STATUSES,
  type AidProgramAction,
  type AidStatus,
} from '../../src/contracts/aid';
import { AppError } from '../../cloud/platform/http/app-error';
import { applyTransition } from '../../cloud/core/workflow/engine';
import type { AidCaseSnapshot, AidTransitionInput } from '../../cloud/core/aid/case';
import { aidProgram } from '../../cloud/core/aid/workflow';
import { ACTORS, CASE_PATH, describeTableWalk, type Allowed, type Who } from '../support/table-walk';

const program = aidProgram({ publicityDays: 7 });
const NOW = new Date('2026-11-24T10:00:00+08:00');

// [state, action, who may, next state] — the whole aid workflow (issue 4)
const ALLOWED: Allowed<AidStatus, AidProgramAction>[] = [
  ['draft', 'submit', 'owner', 'submitted'],
  ['draft', 'withdraw', 'owner', 'withdrawn'],

  ['submitted', 'record_visit', 'base', 'base_review'],
  ['submitted', 'approve', 'base', 'town_review'],
  ['submitted', 'return', 'base', 'returned'],
  ['submitted', 'reject', 'base', 'rejected'],
  ['submitted', 'set_category', 'base', 'submitted'],
  ['submitted', 'withdraw', 'owner', 'withdrawn'],

  ['base_review', 'record_visit', 'base', 'base_review'],
  ['base_review', 'approve', 'base', 'town_review'],
  ['base_review', 'return', 'base', 'returned'],
  ['base_review', 'reject', 'base', 'rejected'],
  ['base_review', 'set_category', 'base', 'base_review'],
  ['base_review', 'withdraw', 'owner', 'withdrawn'],

  ['town_review', 'approve', 'town', 'city_approval'],
  ['town_review', 'return', 'town', 'returned'],
  ['town_review', 'reject', 'town', 'rejected'],
  ['town_review', 'set_category', 'town', 'town_review'],
  ['town_review', 'withdraw', 'owner', 'withdrawn'],

  ['city_approval', 'approve', 'approver', 'publicity'],
  ['city_approval', 'return', 'approver', 'returned'],
  ['city_approval', 'reject', 'approver', 'rejected'],
  ['city_approval', 'set_category', 'approver', 'city_approval'],
  ['city_approval', 'withdraw', 'owner', 'withdrawn'],

  ['returned', 'resubmit', 'owner', 'town_review'], // this walk's case was returned by the 街道
  ['returned', 'withdraw', 'owner', 'withdrawn'],

  ['publicity', 'object', 'public', 'publicity'],
  ['publicity', 'uphold_objection', 'approver', 'rejected'],
  ['publicity', 'dismiss_objection', 'approver', 'publicity'],
  ['publicity', 'file', 'approver', 'filed'],

  ['filed', 'record_payment', 'approver', 'paid'],
  ['filed', 'revise_amount', 'approver', 'filed'],
  ['filed', 'renew', 'approver', 'filed'],
  ['filed', 'close', 'approver', 'closed'],
  ['paid', 'record_payment', 'approver', 'paid'],
  ['paid', 'revise_amount', 'approver', 'paid'],
  ['paid', 'renew', 'approver', 'filed'],
  ['paid', 'close', 'approver', 'closed'],
];

/** A case at `state` that meets every requirement of `action`. */
function caseReadyFor(state: AidStatus, action: string): AidCaseSnapshot {
  return {
    id: 'case1',
    status: state,
    version: 3,
    ownerId: 'owner',
    orgPath: CASE_PATH,
    returnedFrom: state === 'returned' ? 'town_review' : null,
    submitted: state !== 'draft',
    returnAsks: [],
    changedFacts: [],
    // on file with 3 000 元 approved and 1 000 元 paid; the 年审 is due
    amount: { approvedFen: 300_000, paidFen: 100_000, defaultFen: null, periodFrom: NOW },
    reviewDueAt: new Date(NOW.getTime() - 86_400_000),
    earlierVisits: [],
    category: null,
    visit: { date: '2026-11-20', findings: '属实', officerId: 'b', at: NOW },
    publicity: {
      startsAt: new Date(NOW.getTime() - 8 * 86_400_000),
      endsAt: new Date(NOW.getTime() - 86_400_000),
    },
    objections:
      action === 'file'
        ? []
        : [{ id: 'o1', objectorId: 'someone', text: '情况不实', fileIds: [], at: NOW, status: 'open' }],
    payments: [],
    missingFields: [],
  };
}

const everything: AidTransitionInput = {
  version: 3,
  comment: '意见',
  category: 'deep',
  visit: { date: '2026-11-20', findings: '入户核实，情况属实' },
  objectionId: 'o1',
  objection: { id: 'o2', objectorId: 'another', text: '该户新买了汽车', fileIds: [] },
  payment: { amountFen: 200_000, kind: 'living' },
  amountFen: 600_000,
};

function outcome(state: AidStatus, action: AidProgramAction, who: Who, input = everything): string {
  try {
    return `→ ${applyTransition(program, caseReadyFor(state, action), ACTORS[who], action, input, NOW).status}`;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return e.code;
  }
}

describeTableWalk('the aid workflow table, walked over every state × action × caller', {
  statuses: AID_STATUSES,
  actions: AID_PROGRAM_ACTIONS,
  allowed: ALLOWED,
  outcome,
  stale: { ...everything, version: 2 },
  draft: 'draft',
});

describe('the aid workflow table, on a stale version', () => {
  it('checks it after the scope for every kind of step, an owner-only one and a closed case included', () => {
    const stale = { ...everything, version: 2 };
    // a draft is its owner's alone: to an officer of its own union it is not there
    expect(outcome('draft', 'submit', 'base', stale)).toBe('NOT_FOUND');
    expect(outcome('town_review', 'withdraw', 'base', stale)).toBe('VERSION_CONFLICT');
    expect(outcome('paid', 'approve', 'city', stale)).toBe('VERSION_CONFLICT');
  });
});
