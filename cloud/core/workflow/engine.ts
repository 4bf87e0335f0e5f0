/**
 * The workflow engine: applies a program table (table.ts) to a case snapshot. Pure: the caller
 * loads the case and writes the result in one transaction, conditional on the version. Checks
 * run in this order, so a refusal never tells the caller more than they may know:
 *  1. may the caller act on this case at all? (an officer outside the subtree, any officer on a
 *     draft, a worker on someone else's case: NOT_FOUND, as for a case that does not exist) —
 *     skipped for a public action (objection);
 *  2. is the version the caller saw still current? (else VERSION_CONFLICT);
 *  3. is the action defined in this state? (else TRANSITION_NOT_ALLOWED);
 *  4. is it the caller's to take? (an officer of another level: NOT_YOUR_LEVEL, read-only to
 *     them; a worker taking an officer's action or an officer a worker's: FORBIDDEN);
 *  5. are its requirements met, in the order listed, then the kit's for an approved amount?
 *     (each names its own code);
 *  6. do its payments (ledger side effects) stay within the approved amount? (approved-amount.ts).
 * Besides the rule's own effect, the kit's fields: the owner's first submission sets submittedAt;
 * a return (a rule setting returnedFrom) keeps which facts it asked for; a rule that fixes the
 * amount writes it; payments add to the sum paid.
 */
import type { ActorRole } from '../../../src/contracts/workflow';
import { AppError } from '../../platform/http/app-error';
import { REVIEW_LEVELS, standingOn, type ReviewLevel, type WorkflowActor } from './actor';
import {
  amountAudit,
  amountPatch,
  amountRequirements,
  paidAfter,
  type ApprovedAmount,
} from './approved-amount';
import { reverifyTarget } from './changes';
import type { AuditDraft, HistoryEntry } from './record';
import type {
  ProgramTable,
  Requirement,
  SideEffect,
  Taker,
  TransitionContext,
  TransitionRule,
  WorkflowCase,
  WorkflowInput,
} from './table';

/** The kit's fields a transition may set besides the program's. */
export interface KitPatch {
  submittedAt?: Date;
  returnAsks?: string[];
  approvedAmount?: ApprovedAmount;
  paidFen?: number;
}

export interface TransitionResult<S extends string, A extends string, P extends object> {
  from: S;
  status: S;
  /** who the caller acted as */
  takenBy: Taker;
  /**
   * the owner hands the application to the reviewers (a submission or a resubmission): their
   * edits since a return become the application, and its diff is kept (case-flow.ts)
   */
  submits: boolean;
  /** `$set` this, conditional on the case still being at the version it was read at */
  patch: Partial<P> & KitPatch & { status: S; version: number; open: boolean; updatedAt: Date };
  /** `$push` this onto the case's history */
  historyEntry: HistoryEntry<S, A>;
  audit: AuditDraft;
  /** what the transition causes outside the case, to be written in the same transaction */
  sideEffects: SideEffect[];
}

/** The takers the caller counts as on this case. */
export function takersOn(actor: WorkflowActor, c: WorkflowCase<string>): Set<Taker> {
  const s = standingOn(actor, c);
  const takers = new Set<Taker>();
  if (s.owner) takers.add('owner');
  else takers.add('public');
  if (s.level) takers.add(s.level);
  return takers;
}

export function rulesAt<
  S extends string,
  A extends string,
  C extends WorkflowCase<S>,
  I extends WorkflowInput,
  P extends object,
>(program: ProgramTable<S, A, C, I, P>, status: S, action: A): TransitionRule<S, A, C, I, P>[] {
  return program.transitions.filter((t) => t.from === status && t.action === action);
}

export const isLevel = (t: Taker): t is ReviewLevel => (REVIEW_LEVELS as readonly string[]).includes(t);

/** How the history and the case view name a taker. */
export const roleOf = (t: Taker): ActorRole => (isLevel(t) ? 'officer' : t === 'owner' ? 'worker' : 'public');

/** A rule's requirements as the engine checks them: its own, then the kit's for an approved amount. */
export function requirementsOf<S extends string, C extends WorkflowCase<S>, I extends WorkflowInput>(
  rule: Pick<TransitionRule<S, string, C, I, object>, 'requires' | 'fixesAmount'>,
): Requirement<S, C, I>[] {
  return [
    ...(rule.requires ?? []),
    ...(amountRequirements(rule as never) as unknown as Requirement<S, C, I>[]),
  ];
}

/** The context a rule sees: the case, the input, the caller, the time, and where a resubmission must be verified again. */
export function contextFor<S extends string, C extends WorkflowCase<S>, I extends WorkflowInput>(
  program: Pick<ProgramTable<S, string, C, I>, 'facts'>,
  c: C,
  input: I,
  actor: WorkflowActor,
  now: Date,
): TransitionContext<S, C, I> {
  return { case: c, from: c.status, input, actor, now, reverify: reverifyTarget(program.facts, c) };
}

/** Of the rules for one (state, action), the one a caller counting as `takers` would take, or none. */
export function ruleFor<R extends { by: Taker }>(
  rules: readonly R[],
  takers: ReadonlySet<Taker>,
): R | undefined {
  return rules.find((r) => takers.has(r.by));
}

export function applyTransition<
  S extends string,
  A extends string,
  C extends WorkflowCase<S>,
  I extends WorkflowInput,
  P extends object,
>(
  program: ProgramTable<S, A, C, I, P>,
  c: C,
  actor: WorkflowActor,
  action: A,
  input: I,
  now: Date,
): TransitionResult<S, A, P> {
  const rules = rulesAt(program, c.status, action);
  const standing = standingOn(actor, c);
  // 1. scope: whoever may not address the case hears what a missing case would say
  if (!rules.some((r) => r.by === 'public') && !standing.owner && standing.level === null) {
    throw new AppError('NOT_FOUND');
  }
  // 2. version
  if (input.version !== c.version) throw new AppError('VERSION_CONFLICT');
  // 3. defined here?
  if (rules.length === 0) throw new AppError('TRANSITION_NOT_ALLOWED');
  // 4. the caller's to take?
  const rule = ruleFor(rules, takersOn(actor, c));
  if (!rule) {
    const forAnotherLevel = standing.level !== null && rules.some((r) => isLevel(r.by));
    throw new AppError(forAnotherLevel ? 'NOT_YOUR_LEVEL' : 'FORBIDDEN');
  }
  // 5. requirements
  const ctx = contextFor(program, c, input, actor, now);
  for (const req of requirementsOf(rule)) {
    if (!req.holds(ctx)) throw new AppError(req.code, req.message, req.details?.(ctx));
  }
  const to = typeof rule.to === 'function' ? rule.to(ctx) : rule.to;
  if (to === null) throw new AppError('TRANSITION_NOT_ALLOWED');
  // 6. payments within the approved amount
  const sideEffects = rule.sideEffects?.(ctx) ?? [];
  const paying = sideEffects.reduce((sum, e) => sum + (e.kind === 'ledger' ? e.amountFen : 0), 0);
  const paid = paying > 0 ? { paidFen: paidAfter(c, paying) } : {};

  const version = c.version + 1;
  const officer = isLevel(rule.by);
  const actorRole = roleOf(rule.by);
  const comment = input.comment?.trim() || null;
  const submits = rule.by === 'owner' && program.states[to].level !== null;
  const effect: Record<string, unknown> = { ...(rule.effect?.({ ...ctx, to }) ?? {}) };
  const kit: KitPatch = {
    ...(submits && !c.submitted ? { submittedAt: now } : {}),
    // a return keeps what it asked for; a resubmission clears it
    ...('returnedFrom' in effect
      ? { returnAsks: effect.returnedFrom ? askedFacts(program, input) : [] }
      : {}),
    ...(officer ? amountPatch(rule as never, ctx as never, rule.by as ReviewLevel) : {}),
    ...paid,
  };
  return {
    from: c.status,
    status: to,
    takenBy: rule.by,
    submits,
    patch: {
      ...effect,
      ...kit,
      status: to,
      version,
      open: !program.states[to].final,
      updatedAt: now,
    } as TransitionResult<S, A, P>['patch'],
    historyEntry: {
      action,
      from: c.status,
      to,
      actorId: actor.memberId,
      actorRole,
      orgId: officer ? actor.officerOrgId : null,
      orgName: officer ? (actor.officerOrgName ?? null) : null,
      level: officer ? (rule.by as ReviewLevel) : null,
      comment,
      at: now,
    },
    audit: {
      actorId: actor.memberId,
      action: `${program.name}.${action}`,
      entity: program.entity,
      entityId: c.id,
      orgPath: [...c.orgPath],
      data: {
        from: c.status,
        to,
        version,
        ...(comment ? { comment } : {}),
        ...(kit.returnAsks?.length ? { asks: kit.returnAsks } : {}),
        ...(submits && c.changedFacts.length ? { changedFacts: [...c.changedFacts] } : {}),
        ...(submits && ctx.reverify === to ? { reverify: true } : {}),
        ...amountAudit(rule as never, ctx as never),
        ...(rule.auditData?.(ctx) ?? {}),
      },
    },
    sideEffects,
  };
}

/** The facts a return asks for: those the caller named that the table knows. */
function askedFacts<S extends string>(
  program: Pick<ProgramTable<S, string>, 'facts'>,
  input: WorkflowInput,
): string[] {
  const known = program.facts?.labels ?? {};
  return [...new Set((input.facts ?? []).filter((f) => f in known))];
}

/**
 * Actions the caller could take on the case now, requirements aside: what the UI offers.
 * Public actions (objections) are left out unless asked for; they have their own entry point.
 */
export function availableActions<
  S extends string,
  A extends string,
  C extends WorkflowCase<S>,
  I extends WorkflowInput,
  P extends object,
>(
  program: ProgramTable<S, A, C, I, P>,
  c: C,
  actor: WorkflowActor,
  opts: { includePublic?: boolean } = {},
): A[] {
  const takers = takersOn(actor, c);
  if (!opts.includePublic) takers.delete('public');
  const actions = program.transitions
    .filter((t) => t.from === c.status && takers.has(t.by))
    .map((t) => t.action);
  return [...new Set(actions)];
}

/** Why an officer in scope may only read the case now; null when they can act, or are not such an officer. */
export function readOnlyReason<
  S extends string,
  A extends string,
  C extends WorkflowCase<S>,
  I extends WorkflowInput,
  P extends object,
>(program: ProgramTable<S, A, C, I, P>, c: C, actor: WorkflowActor): string | null {
  if (standingOn(actor, c).level === null) return null;
  if (availableActions(program, c, actor).length > 0) return null;
  const at = program.states[c.status].level;
  return at ? program.text.readOnlyAt(program.levelText[at]) : program.text.readOnlyClosed;
}

/** The states whose cases wait in a level's queue. */
export function queueStates<S extends string>(
  program: { states: Readonly<Record<S, { level: ReviewLevel | null }>> },
  level: ReviewLevel,
): S[] {
  return (Object.keys(program.states) as S[]).filter((s) => program.states[s].level === level);
}

/** The states in which the public may act on a case (公示): the cases a public list shows. */
export function publicStates<S extends string>(program: {
  transitions: readonly { from: S; by: Taker }[];
}): S[] {
  return [...new Set(program.transitions.filter((t) => t.by === 'public').map((t) => t.from))];
}

/**
 * The state a returned case goes back to: the one it was returned from (the returning level),
 * unless the owner changed a fact a lower level verified that the return did not ask for; then
 * where the table's `facts.reverifyAt` says (e.g. the 基层 queue), to be verified again.
 */
export function backToReturningLevel<S extends string>(ctx: {
  case: WorkflowCase<S>;
  reverify: S | null;
}): S | null {
  return ctx.reverify ?? ctx.case.returnedFrom;
}
