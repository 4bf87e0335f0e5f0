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
import type { WorkflowActor } from '../../cloud/core/workflow/actor';
import { applyTransition } from '../../cloud/core/workflow/engine';
import type { AidCaseSnapshot, AidTransitionInput } from '../../cloud/core/aid/case';
import { aidProgram } from '../../cloud/core/aid/workflow';

const program = aidProgram({ publicityDays: 7 });
const NOW = new Date('2026-11-24T10:00:00+08:00');

// 市 c1 → 区 c1d1 → 街道 c1d1t1 → 基层 c1d1t1b1 (the case's union); c1d1t2 and c1d2 are elsewhere
const CASE_PATH = ['c1', 'c1d1', 'c1d1t1', 'c1d1t1b1'];
const officer = (memberId: string, orgId: string, level: WorkflowActor['officerLevel']): WorkflowActor => ({
  memberId,
  roles: ['worker', 'officer'],
  officerOrgId: orgId,
  officerLevel: level,
  officerOrgName: `${orgId} 工会`,
});
const ACTORS = {
  owner: { memberId: 'owner', roles: ['worker'], officerOrgId: null, officerLevel: null },
  otherWorker: { memberId: 'other', roles: ['worker'], officerOrgId: null, officerLevel: null },
  base: officer('b', 'c1d1t1b1', 'base'),
  town: officer('t', 'c1d1t1', 'town'),
  district: officer('d', 'c1d1', 'district'),
  city: officer('c', 'c1', 'city'),
  baseElsewhere: officer('b2', 'c1d1t2b1', 'base'),
  townElsewhere: officer('t2', 'c1d1t2', 'town'),
  districtElsewhere: officer('d2', 'c1d2', 'district'),
} satisfies Record<string, WorkflowActor>;
type Who = keyof typeof ACTORS;
const WHO = Object.keys(ACTORS) as Who[];

/** What each caller counts as on this case, written out by hand. */
type Kind = 'owner' | 'base' | 'town' | 'approver' | 'public';
const KINDS: Record<Who, Kind[]> = {
  owner: ['owner'],
  otherWorker: ['public'],
  base: ['base', 'public'],
  town: ['town', 'public'],
  district: ['approver', 'public'],
  city: ['approver', 'public'],
  baseElsewhere: ['public'],
  townElsewhere: ['public'],
  districtElsewhere: ['public'],
};
const IN_SCOPE_OFFICERS: Who[] = ['base', 'town', 'district', 'city'];
const OUT_OF_SCOPE_OFFICERS: Who[] = ['baseElsewhere', 'townElsewhere', 'districtElsewhere'];
const OFFICER_KINDS: Kind[] = ['base', 'town', 'approver'];

// [state, action, who may, next state] — the whole aid workflow (issue 4)
const ALLOWED: [AidStatus, AidProgramAction, Kind, AidStatus][] = [
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

/**
 * The refusal the issue asks for, in the engine's documented order (scope, version, state, level).
 * Whoever may not address the case hears what a missing case would say: another worker, an
 * officer of another subtree, and any officer on a draft (never submitted: the owner's alone).
 */
function expectedRefusal(state: AidStatus, action: string, who: Who): string {
  const here = ALLOWED.filter(([s, a]) => s === state && a === action);
  const publicAction = here.some(([, , k]) => k === 'public');
  const draftToOfficers = state === 'draft' && IN_SCOPE_OFFICERS.includes(who);
  if (!publicAction && (OUT_OF_SCOPE_OFFICERS.includes(who) || who === 'otherWorker' || draftToOfficers))
    return 'NOT_FOUND';
  if (here.length === 0) return 'TRANSITION_NOT_ALLOWED';
  if (IN_SCOPE_OFFICERS.includes(who) && here.some(([, , k]) => OFFICER_KINDS.includes(k)))
    return 'NOT_YOUR_LEVEL';
  return 'FORBIDDEN';
}

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

describe('the aid workflow table, walked over every state × action × caller', () => {
  it.each(AID_STATUSES)('in state %s, every action by every caller ends exactly as listed', (state) => {
    const mismatches: string[] = [];
    for (const action of AID_PROGRAM_ACTIONS) {
      for (const who of WHO) {
        const allowed = ALLOWED.find(([s, a, k]) => s === state && a === action && KINDS[who].includes(k));
        const expected = allowed ? `→ ${allowed[3]}` : expectedRefusal(state, action, who);
        const actual = outcome(state, action, who);
        if (actual !== expected) mismatches.push(`${action} by ${who}: expected ${expected}, got ${actual}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('allows exactly the listed transitions and nothing else', () => {
    const allowed = AID_STATUSES.flatMap((s) =>
      AID_PROGRAM_ACTIONS.flatMap((a) =>
        WHO.filter((w) => outcome(s, a, w).startsWith('→')).map((w) => [s, a, w]),
      ),
    );
    const listed = AID_STATUSES.flatMap((s) =>
      AID_PROGRAM_ACTIONS.flatMap((a) =>
        WHO.filter((w) => ALLOWED.some(([ls, la, k]) => ls === s && la === a && KINDS[w].includes(k))).map(
          (w) => [s, a, w],
        ),
      ),
    );
    expect(allowed).toEqual(listed);
  });

  it('checks the version only after the scope, so a stranger learns nothing from a stale version', () => {
    const stale = { ...everything, version: 2 };
    expect(outcome('town_review', 'approve', 'townElsewhere', stale)).toBe('NOT_FOUND');
    expect(outcome('town_review', 'approve', 'otherWorker', stale)).toBe('NOT_FOUND');
    expect(outcome('draft', 'submit', 'base', stale)).toBe('NOT_FOUND');
    expect(outcome('town_review', 'approve', 'town', stale)).toBe('VERSION_CONFLICT');
    expect(outcome('town_review', 'withdraw', 'base', stale)).toBe('VERSION_CONFLICT');
    expect(outcome('paid', 'approve', 'city', stale)).toBe('VERSION_CONFLICT');
  });
});
