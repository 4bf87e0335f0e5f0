/**
 * Walks every state × action × caller through the workflow engine with the 金秋助学 table and
 * checks each outcome against an explicit list written here (not read from the table): allowed
 * ones reach the listed state; every other one is refused with the code the precedence rules
 * give. Then what the table's rules do besides moving the state: the amount fixed at approval,
 * the 公示 days, the grant register, the payment into the ledger, the child freed on withdrawal.
 */
import {
  BURSARY_PROGRAM_ACTIONS,
  BURSARY_STATUSES,
  type BursaryProgramAction,
  type BursaryStatus,
} from '../../src/contracts/bursary';
import { AppError } from '../../cloud/platform/http/app-error';
import { applyTransition, type TransitionResult } from '../../cloud/core/workflow/engine';
import type {
  BursaryCaseSnapshot,
  BursaryPatch,
  BursaryTransitionRequest,
} from '../../cloud/core/bursary/case';
import { BURSARY_WORKFLOW } from '../../cloud/core/bursary/workflow';
import { ACTORS, CASE_PATH, describeTableWalk, type Allowed, type Who } from '../support/table-walk';

const NOW = new Date('2026-08-10T10:00:00+08:00');
const DAY = 86_400_000;

// [state, action, who may, next state] — the whole 金秋助学 workflow (issue 8); it has no public action
const ALLOWED: Allowed<BursaryStatus, BursaryProgramAction>[] = [
  ['draft', 'submit', 'owner', 'submitted'],

  ['submitted', 'approve', 'base', 'town_review'],
  ['submitted', 'return', 'base', 'returned'],
  ['submitted', 'reject', 'base', 'rejected'],
  ['submitted', 'withdraw', 'owner', 'withdrawn'],

  ['town_review', 'approve', 'town', 'city_approval'],
  ['town_review', 'return', 'town', 'returned'],
  ['town_review', 'reject', 'town', 'rejected'],
  ['town_review', 'withdraw', 'owner', 'withdrawn'],

  ['city_approval', 'approve', 'approver', 'publicity'],
  ['city_approval', 'return', 'approver', 'returned'],
  ['city_approval', 'reject', 'approver', 'rejected'],
  ['city_approval', 'withdraw', 'owner', 'withdrawn'],

  ['returned', 'resubmit', 'owner', 'town_review'], // this walk's application was returned by the 街道
  ['returned', 'withdraw', 'owner', 'withdrawn'],

  ['publicity', 'grant', 'approver', 'granted'],
  ['publicity', 'reject', 'approver', 'rejected'],

  ['granted', 'record_payment', 'approver', 'paid'],
];

/** An application at `state` that meets every requirement (its 公示 over, its amount approved). */
function ready(state: BursaryStatus, over: Partial<BursaryCaseSnapshot> = {}): BursaryCaseSnapshot {
  return {
    id: 'app1',
    status: state,
    version: 3,
    ownerId: 'owner',
    orgPath: CASE_PATH,
    returnedFrom: state === 'returned' ? 'town_review' : null,
    submitted: state !== 'draft',
    returnAsks: [],
    changedFacts: [],
    amount: ['publicity', 'granted', 'paid'].includes(state)
      ? {
          approvedFen: 500_000,
          paidFen: state === 'paid' ? 500_000 : 0,
          defaultFen: 500_000,
          periodFrom: NOW,
        }
      : null,
    objections: [],
    publicity: { startsAt: new Date(NOW.getTime() - 6 * DAY), endsAt: new Date(NOW.getTime() - DAY) },
    publicityDays: 5,
    campaignYear: 2026,
    childIdHash: 'hash-of-child',
    childName: '钱小雨',
    standardAmountFen: 500_000,
    payments: [],
    ...over,
  };
}

const everything: BursaryTransitionRequest = { version: 3, comment: '情况属实' };

function outcome(state: BursaryStatus, action: BursaryProgramAction, who: Who, input = everything): string {
  try {
    return `→ ${applyTransition(BURSARY_WORKFLOW, ready(state), ACTORS[who], action, input, NOW).status}`;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return e.code;
  }
}

type Result = TransitionResult<BursaryStatus, BursaryProgramAction, BursaryPatch>;
const take = (
  c: BursaryCaseSnapshot,
  who: Who,
  action: BursaryProgramAction,
  input: Partial<BursaryTransitionRequest> = {},
): Result => applyTransition(BURSARY_WORKFLOW, c, ACTORS[who], action, { version: c.version, ...input }, NOW);
const refusal = (run: () => unknown): string => {
  try {
    run();
    return 'allowed';
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
};

describeTableWalk('the 金秋助学 workflow table, walked over every state × action × caller', {
  statuses: BURSARY_STATUSES,
  actions: BURSARY_PROGRAM_ACTIONS,
  allowed: ALLOWED,
  outcome,
  stale: { ...everything, version: 2 },
  draft: 'draft',
});

describe('what the 金秋助学 rules do besides moving the state', () => {
  it('checks the version after the scope on a closed application too', () => {
    expect(outcome('paid', 'record_payment', 'city', { ...everything, version: 2 })).toBe('VERSION_CONFLICT');
  });

  it('fixes the table amount at the 区/市 approval when the approver keeps it, and starts the 公示 for the campaign days', () => {
    const r = take(ready('city_approval'), 'city', 'approve');
    expect(r.patch).toMatchObject({
      approvedAmount: { fen: 500_000, defaultFen: 500_000, reason: null },
      paidFen: 0,
    });
    expect(r.patch.publicity).toEqual({ startsAt: NOW, endsAt: new Date(NOW.getTime() + 5 * DAY) });
    expect(r.audit.data).toMatchObject({ approvedFen: 500_000, defaultFen: 500_000 });
  });

  it('refuses another amount without a reason, and keeps the reason with the amount when one is given', () => {
    const c = ready('city_approval');
    expect(refusal(() => take(c, 'city', 'approve', { amountFen: 300_000 }))).toBe('AMOUNT_REASON_REQUIRED');
    expect(refusal(() => take(c, 'city', 'approve', { amountFen: 300_000, comment: '  ' }))).toBe(
      'AMOUNT_REASON_REQUIRED',
    );
    // the same amount as the table's needs no reason
    expect(take(c, 'city', 'approve', { amountFen: 500_000 }).patch.approvedAmount?.fen).toBe(500_000);
    const r = take(c, 'city', 'approve', { amountFen: 300_000, comment: '已获学校减免一部分学费' });
    expect(r.patch.approvedAmount).toMatchObject({ fen: 300_000, reason: '已获学校减免一部分学费' });
    expect(r.historyEntry.comment).toBe('已获学校减免一部分学费');
  });

  it('refuses an approval when there is neither a table amount nor a valid one given', () => {
    // the kit's approved amount: AMOUNT_REQUIRED (the route refuses a malformed amount as AMOUNT_INVALID first)
    const none = ready('city_approval', { standardAmountFen: null });
    expect(refusal(() => take(none, 'city', 'approve'))).toBe('AMOUNT_REQUIRED');
    expect(refusal(() => take(none, 'district', 'approve', { amountFen: 0, comment: '原因' }))).toBe(
      'AMOUNT_REQUIRED',
    );
  });

  it('grants only after the 公示 days, writing the child into the student-aid register with its own refusal', () => {
    const running = ready('publicity', {
      publicity: { startsAt: NOW, endsAt: new Date(NOW.getTime() + DAY) },
    });
    expect(refusal(() => take(running, 'city', 'grant'))).toBe('PUBLICITY_NOT_ENDED');
    const r = take(ready('publicity'), 'city', 'grant');
    expect(r.sideEffects).toEqual([
      {
        kind: 'grant',
        register: 'student_aid',
        year: 2026,
        subjectHash: 'hash-of-child',
        refusal: 'BURSARY_CHILD_ALREADY_GRANTED',
      },
    ]);
  });

  it('pays the approved amount once into the ledger as 助学 and closes the application', () => {
    const amount = { approvedFen: 300_000, paidFen: 0, defaultFen: 500_000, periodFrom: NOW };
    const r = take(ready('granted', { amount }), 'district', 'record_payment');
    expect(r.sideEffects).toEqual([{ kind: 'ledger', amountFen: 300_000, paymentKind: 'schooling' }]);
    expect(r.patch.payments).toEqual([{ amountFen: 300_000, kind: 'schooling', at: NOW, officerId: 'd' }]);
    expect(r.patch.paidFen).toBe(300_000);
    expect(r.patch.open).toBe(false);
    // nothing more may be paid on a closed application
    expect(refusal(() => take(ready('paid'), 'city', 'record_payment'))).toBe('TRANSITION_NOT_ALLOWED');
  });

  it('frees the child for another registration only when the application is withdrawn', () => {
    expect(take(ready('town_review'), 'owner', 'withdraw').patch.claimsChild).toBe(false);
    expect(
      take(ready('town_review'), 'town', 'reject', { comment: '不符合' }).patch.claimsChild,
    ).toBeUndefined();
  });

  it('keeps the facts a return asks the worker to change, those of the table only', () => {
    const r = take(ready('town_review'), 'town', 'return', {
      comment: '请核对学校',
      facts: ['school', 'salary'],
    });
    expect(r.patch.returnAsks).toEqual(['school']);
  });

  it('sends a returned application back to the 基层 when the worker changed, unasked, what the 基层 checked', () => {
    const changed = ready('returned', { changedFacts: ['school'] });
    expect(take(changed, 'owner', 'resubmit').status).toBe('submitted');
    expect(take({ ...changed, returnAsks: ['school'] }, 'owner', 'resubmit').status).toBe('town_review');
    // the answers are the parent's own word: nobody checked them
    expect(take(ready('returned', { changedFacts: ['answers'] }), 'owner', 'resubmit').status).toBe(
      'town_review',
    );
  });

  it('sends a returned application back to the level that returned it', () => {
    const r = take(ready('returned', { returnedFrom: 'city_approval' }), 'owner', 'resubmit');
    expect(r.status).toBe('city_approval');
    expect(r.patch.returnedFrom).toBeNull();
  });
});
