/**
 * Walking a program's workflow table over every state × action × caller (tests/unit/workflow-*-table):
 * the callers around one case of 江城机械厂工会, what each counts as on it, written out by hand,
 * and the refusal the engine's documented order gives (scope, version, state, level): whoever may
 * not address the case (another worker, an officer of another subtree, any officer on a draft)
 * hears NOT_FOUND, as for a case that does not exist. Each
 * program's test lists by hand which (state, action, taker) are allowed and where they lead.
 */
import type { WorkflowActor } from '../../cloud/core/workflow/actor';

// 市 c1 → 区 c1d1 → 街道 c1d1t1 → 基层 c1d1t1b1 (the case's union); c1d1t2 and c1d2 are elsewhere
export const CASE_PATH = ['c1', 'c1d1', 'c1d1t1', 'c1d1t1b1'];

const officer = (memberId: string, orgId: string, level: WorkflowActor['officerLevel']): WorkflowActor => ({
  memberId,
  roles: ['worker', 'officer'],
  officerOrgId: orgId,
  officerLevel: level,
  officerOrgName: `${orgId} 工会`,
});

export const ACTORS = {
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
export type Who = keyof typeof ACTORS;
export const WHO = Object.keys(ACTORS) as Who[];

/** Who may take a rule: the owner, a review level, or the public (any member but the owner). */
export type Kind = 'owner' | 'base' | 'town' | 'approver' | 'public';

/** What each caller counts as on this case. */
export const KINDS: Record<Who, Kind[]> = {
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

/** One allowed step: in this state, this action, by this kind of caller, leads there. */
export type Allowed<S extends string, A extends string> = readonly [S, A, Kind, S];

export interface Walk<S extends string, A extends string, I> {
  statuses: readonly S[];
  actions: readonly A[];
  allowed: readonly Allowed<S, A>[];
  /** `→ <state>` when the engine allows it, else the refusal's code; `input` defaults to one that meets every need */
  outcome: (state: S, action: A, who: Who, input?: I) => string;
  /** an input that meets every need but names an older version */
  stale: I;
  /** the state of a case its owner has not submitted yet (the walk's case there is unsubmitted) */
  draft: S;
}

export function tableWalk<S extends string, A extends string, I>(t: Walk<S, A, I>) {
  /**
   * The refusal in the engine's documented order (scope, version, state, level). Whoever may not
   * address the case hears what a missing case would say: another worker, an officer of another
   * subtree, and any officer on a draft (never submitted: the owner's alone).
   */
  function expectedRefusal(state: S, action: A, who: Who): string {
    const here = t.allowed.filter(([s, a]) => s === state && a === action);
    const publicAction = here.some(([, , k]) => k === 'public');
    const draftToOfficers = state === t.draft && IN_SCOPE_OFFICERS.includes(who);
    if (!publicAction && (OUT_OF_SCOPE_OFFICERS.includes(who) || who === 'otherWorker' || draftToOfficers))
      return 'NOT_FOUND';
    if (here.length === 0) return 'TRANSITION_NOT_ALLOWED';
    if (IN_SCOPE_OFFICERS.includes(who) && here.some(([, , k]) => OFFICER_KINDS.includes(k)))
      return 'NOT_YOUR_LEVEL';
    return 'FORBIDDEN';
  }
  const listedFor = (s: S, a: A, who: Who) =>
    t.allowed.find(([ls, la, k]) => ls === s && la === a && KINDS[who].includes(k));
  const everyStep = (keep: (s: S, a: A, w: Who) => boolean) =>
    t.statuses.flatMap((s) =>
      t.actions.flatMap((a) => WHO.filter((w) => keep(s, a, w)).map((w) => [s, a, w])),
    );
  return {
    /** Every action by every caller in `state` that does not end as listed, said in words. */
    mismatchesIn(state: S): string[] {
      const mismatches: string[] = [];
      for (const action of t.actions)
        for (const who of WHO) {
          const allowed = listedFor(state, action, who);
          const expected = allowed ? `→ ${allowed[3]}` : expectedRefusal(state, action, who);
          const actual = t.outcome(state, action, who);
          if (actual !== expected)
            mismatches.push(`${action} by ${who}: expected ${expected}, got ${actual}`);
        }
      return mismatches;
    },
    /** [state, action, caller] of every step the engine allows. */
    allowedByEngine: () => everyStep((s, a, w) => t.outcome(s, a, w).startsWith('→')),
    /** [state, action, caller] of every step the list allows. */
    allowedByList: () => everyStep((s, a, w) => listedFor(s, a, w) !== undefined),
  };
}

/**
 * The walk as tests: in every state, every action by every caller ends exactly as listed; the
 * engine allows exactly the listed steps; and the version is checked only after the scope, so a
 * stranger learns nothing from a stale version (shown on the 街道's approval, which every program has).
 */
export function describeTableWalk<S extends string, A extends string, I>(
  title: string,
  t: Walk<S, A, I>,
): void {
  const walk = tableWalk(t);
  describe(title, () => {
    it.each(t.statuses)('in state %s, every action by every caller ends exactly as listed', (state) => {
      expect(walk.mismatchesIn(state)).toEqual([]);
    });

    it('allows exactly the listed transitions and nothing else', () => {
      expect(walk.allowedByEngine()).toEqual(walk.allowedByList());
    });

    it('checks the version only after the scope, so a stranger learns nothing from a stale version', () => {
      const approve = (who: Who) => t.outcome('town_review' as S, 'approve' as A, who, t.stale);
      expect(approve('townElsewhere')).toBe('NOT_FOUND');
      expect(approve('otherWorker')).toBe('NOT_FOUND');
      expect(approve('town')).toBe('VERSION_CONFLICT');
    });
  });
}
