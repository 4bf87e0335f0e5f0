/**
 * A review program as data (statechart style): its states, and for each (state, action) who may
 * take it, what it requires and where it leads. The engine (engine.ts) applies any such table;
 * 困难帮扶, 金秋助学 and the 5.1 card each declare one and share the engine unchanged. Nothing
 * else decides transitions, so an illegal one cannot happen through any route.
 */
import type { ErrorCode } from '../../../src/contracts/errors';
import type { ReviewLevel, WorkflowActor } from './actor';

/** What every program's case offers the engine (a snapshot; the repository maps its document to it). */
export interface WorkflowCase<S extends string> {
  id: string;
  status: S;
  version: number;
  ownerId: string;
  /** the case's 基层工会 path, root first */
  orgPath: readonly string[];
  /** the state a returned case goes back to on resubmit (the level that returned it) */
  returnedFrom: S | null;
  /** the decided category, for programs that have one */
  category?: string | null;
}

/** What every transition request carries; programs extend it. */
export interface WorkflowInput {
  /** the version the caller saw: a stale one is VERSION_CONFLICT and changes nothing */
  version: number;
  comment?: string;
  category?: string;
}

/**
 * Who may take a transition: the case's owner (a worker), the officer of one review level in
 * whose subtree the case lies, or the public (any member but the owner, e.g. an objection
 * during 公示; the case need not be readable to them).
 */
export type Taker = 'owner' | ReviewLevel | 'public';

export interface TransitionContext<S extends string, C extends WorkflowCase<S>, I extends WorkflowInput> {
  case: C;
  from: S;
  input: I;
  actor: WorkflowActor;
  now: Date;
}

/** A requirement: a named predicate and the error that its failure gives. */
export interface Requirement<S extends string, C extends WorkflowCase<S>, I extends WorkflowInput> {
  name: string;
  code: ErrorCode;
  message?: string;
  holds: (ctx: TransitionContext<S, C, I>) => boolean;
  details?: (ctx: TransitionContext<S, C, I>) => unknown;
}

export interface TransitionRule<
  S extends string,
  A extends string,
  C extends WorkflowCase<S>,
  I extends WorkflowInput,
  P extends object,
> {
  from: S;
  action: A;
  by: Taker;
  /** the next state, or a function of the case (e.g. back to the level that returned it); null = refuse */
  to: S | ((ctx: TransitionContext<S, C, I>) => S | null);
  requires?: readonly Requirement<S, C, I>[];
  /** the program's fields this transition changes (besides status and version) */
  effect?: (ctx: TransitionContext<S, C, I> & { to: S }) => Partial<P>;
  /** extra facts for the audit entry (e.g. a payment's amount) */
  auditData?: (ctx: TransitionContext<S, C, I>) => Record<string, unknown>;
}

export interface StateInfo {
  /** Chinese label shown on the timeline */
  label: string;
  /** what the worker should expect next, in plain words */
  nextStep: string;
  /** the review level whose queue holds a case in this state; null for the worker's or closed states */
  level: ReviewLevel | null;
  /** a closed case: it no longer counts as the household's open case */
  final: boolean;
}

export interface ProgramTable<
  S extends string,
  A extends string,
  C extends WorkflowCase<S> = WorkflowCase<S>,
  I extends WorkflowInput = WorkflowInput,
  P extends object = object,
> {
  /** short name, prefixes audit actions: `aid.approve` */
  name: string;
  /** the audited entity: `aidCase` */
  entity: string;
  states: Readonly<Record<S, StateInfo>>;
  levelText: Readonly<Record<ReviewLevel, string>>;
  transitions: readonly TransitionRule<S, A, C, I, P>[];
}
