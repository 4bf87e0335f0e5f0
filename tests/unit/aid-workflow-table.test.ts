/**
 * Walks every state × action × caller through the workflow engine with the aid table and
 * checks each outcome against an explicit list written here (not read from the table):
 * allowed ones reach the listed state; every other one is refused with the right code.
 */
import { AID_ACTIONS, AID_STATUSES, type AidStatus } from '../../src/contracts/aid';
import { AppError } from '../../cloud/platform/http/app-error';
import { decide, type WorkflowActor } from '../../cloud/core/workflow/engine';
import { AID_WORKFLOW } from '../../cloud/core/aid/workflow';

type Who =
  | 'owner'
  | 'otherWorker'
  | 'base'
  | 'town'
  | 'approver'
  | 'baseElsewhere'
  | 'townElsewhere'
  | 'districtElsewhere';

const CASE_PATH = ['c1', 'c1d1', 'c1d1t1', 'c1d1t1b1'];
const actors: Record<Who, WorkflowActor> = {
  owner: { memberId: 'owner', roles: ['worker'], officerOrgId: null, officerLevel: null },
  otherWorker: { memberId: 'other', roles: ['worker'], officerOrgId: null, officerLevel: null },
  base: { memberId: 'b', roles: ['worker', 'officer'], officerOrgId: 'c1d1t1b1', officerLevel: 'base' },
  town: { memberId: 't', roles: ['worker', 'officer'], officerOrgId: 'c1d1t1', officerLevel: 'town' },
  approver: { memberId: 'c', roles: ['worker', 'officer'], officerOrgId: 'c1', officerLevel: 'city' },
  baseElsewhere: {
    memberId: 'b2',
    roles: ['worker', 'officer'],
    officerOrgId: 'c1d1t2b1',
    officerLevel: 'base',
  },
  townElsewhere: {
    memberId: 't2',
    roles: ['worker', 'officer'],
    officerOrgId: 'c1d1t2',
    officerLevel: 'town',
  },
  districtElsewhere: {
    memberId: 'd2',
    roles: ['worker', 'officer'],
    officerOrgId: 'c1d2',
    officerLevel: 'district',
  },
};

// [state, action, who, next state]
const ALLOWED: [AidStatus, string, Who, AidStatus][] = [
  ['draft', 'submit', 'owner', 'submitted'],
  ['draft', 'withdraw', 'owner', 'withdrawn'],
  ['submitted', 'record_visit', 'base', 'base_review'],
  ['submitted', 'approve', 'base', 'town_review'],
  ['submitted', 'return', 'base', 'returned'],
  ['submitted', 'reject', 'base', 'rejected'],
  ['submitted', 'withdraw', 'owner', 'withdrawn'],
  ['base_review', 'record_visit', 'base', 'base_review'],
  ['base_review', 'approve', 'base', 'town_review'],
  ['base_review', 'return', 'base', 'returned'],
  ['base_review', 'reject', 'base', 'rejected'],
  ['base_review', 'withdraw', 'owner', 'withdrawn'],
  ['town_review', 'approve', 'town', 'city_approval'],
  ['town_review', 'return', 'town', 'returned'],
  ['town_review', 'reject', 'town', 'rejected'],
  ['town_review', 'withdraw', 'owner', 'withdrawn'],
  ['city_approval', 'approve', 'approver', 'publicity'],
  ['city_approval', 'return', 'approver', 'returned'],
  ['city_approval', 'reject', 'approver', 'rejected'],
  ['city_approval', 'withdraw', 'owner', 'withdrawn'],
  ['returned', 'resubmit', 'owner', 'town_review'], // returned from town_review in this walk
  ['returned', 'withdraw', 'owner', 'withdrawn'],
  ['publicity', 'uphold_objection', 'approver', 'rejected'],
  ['publicity', 'dismiss_objection', 'approver', 'publicity'],
  ['publicity', 'file', 'approver', 'filed'],
  ['filed', 'record_payment', 'approver', 'paid'],
  ['paid', 'record_payment', 'approver', 'paid'],
];

const OFFICER_IN_SCOPE: Who[] = ['base', 'town', 'approver'];
const OUTSIDE: Who[] = ['baseElsewhere', 'townElsewhere', 'districtElsewhere'];

function expectedRefusal(state: AidStatus, action: string, who: Who): string {
  if (who === 'otherWorker') return 'NOT_FOUND';
  if (OUTSIDE.includes(who)) return 'NOT_IN_ORG_SCOPE';
  const defined = ALLOWED.filter(([s, a]) => s === state && a === action);
  if (defined.length === 0) return 'TRANSITION_NOT_ALLOWED';
  if (OFFICER_IN_SCOPE.includes(who) && defined.some(([, , w]) => OFFICER_IN_SCOPE.includes(w)))
    return 'NOT_YOUR_LEVEL';
  return 'FORBIDDEN';
}

const everything = {
  comment: '意见',
  category: 'deep',
  visit: { date: '2026-11-20', findings: '属实' },
  objectionId: 'o1',
};
const allFactsMet = {
  complete: true,
  visitRecorded: true,
  publicityEnded: true,
  noOpenObjections: true,
  openObjection: true,
};

const ACTIONS = [...AID_ACTIONS, 'record_payment'];
const WHO = Object.keys(actors) as Who[];

function outcome(state: AidStatus, action: string, who: Who): string {
  const c = {
    status: state,
    version: 3,
    ownerId: 'owner',
    orgPath: CASE_PATH,
    returnedFrom: 'town_review' as AidStatus,
  };
  try {
    return `→ ${decide(AID_WORKFLOW, c, actors[who], action as never, { version: 3, ...everything }, allFactsMet).to}`;
  } catch (e) {
    return (e as AppError).code;
  }
}

describe('the aid workflow table, walked exhaustively', () => {
  it.each(AID_STATUSES)('in state %s, every action by every caller ends as listed', (state) => {
    const mismatches: string[] = [];
    for (const action of ACTIONS) {
      for (const who of WHO) {
        const allowed = ALLOWED.find(([s, a, w]) => s === state && a === action && w === who);
        const expected = allowed ? `→ ${allowed[3]}` : expectedRefusal(state, action, who);
        const actual = outcome(state, action, who);
        if (actual !== expected) mismatches.push(`${action} by ${who}: expected ${expected}, got ${actual}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('allows exactly the listed transitions and nothing else', () => {
    const allowedCount = AID_STATUSES.flatMap((s) =>
      ACTIONS.flatMap((a) => WHO.map((w) => outcome(s, a, w))),
    ).filter((o) => o.startsWith('→')).length;
    expect(allowedCount).toBe(ALLOWED.length);
  });
});

describe('what a transition needs', () => {
  const at = (status: AidStatus) => ({
    status,
    version: 1,
    ownerId: 'owner',
    orgPath: CASE_PATH,
    returnedFrom: null,
  });
  const codeOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      return (e as AppError).code;
    }
    return 'ok';
  };

  it('checks the version before anything about the action, so a stale approve is a conflict', () => {
    expect(
      codeOf(() => decide(AID_WORKFLOW, at('town_review'), actors.base, 'approve', { version: 0 })),
    ).toBe('VERSION_CONFLICT');
  });

  it('needs a reason to return or reject, a category to approve at 区/市, a visit before 初审 approval', () => {
    expect(codeOf(() => decide(AID_WORKFLOW, at('town_review'), actors.town, 'return', { version: 1 }))).toBe(
      'COMMENT_REQUIRED',
    );
    expect(
      codeOf(() =>
        decide(AID_WORKFLOW, at('submitted'), actors.base, 'reject', { version: 1, comment: '  ' }),
      ),
    ).toBe('COMMENT_REQUIRED');
    expect(
      codeOf(() => decide(AID_WORKFLOW, at('city_approval'), actors.approver, 'approve', { version: 1 })),
    ).toBe('CATEGORY_REQUIRED');
    expect(
      codeOf(() =>
        decide(
          AID_WORKFLOW,
          at('base_review'),
          actors.base,
          'approve',
          { version: 1 },
          { visitRecorded: false },
        ),
      ),
    ).toBe('TRANSITION_NOT_ALLOWED');
  });

  it('files only after the 公示 days and with no open objection', () => {
    const file = (facts: object) =>
      codeOf(() => decide(AID_WORKFLOW, at('publicity'), actors.approver, 'file', { version: 1 }, facts));
    expect(file({ publicityEnded: false, noOpenObjections: true })).toBe('TRANSITION_NOT_ALLOWED');
    expect(file({ publicityEnded: true, noOpenObjections: false })).toBe('TRANSITION_NOT_ALLOWED');
    expect(file({ publicityEnded: true, noOpenObjections: true })).toBe('ok');
  });

  it('lets a district officer approve cases in its own district only', () => {
    const districtHere: WorkflowActor = {
      memberId: 'd',
      roles: ['officer'],
      officerOrgId: 'c1d1',
      officerLevel: 'district',
    };
    expect(
      decide(AID_WORKFLOW, at('city_approval'), districtHere, 'approve', { version: 1, category: 'relative' })
        .to,
    ).toBe('publicity');
  });
});
