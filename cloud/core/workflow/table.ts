/**
 * A review program as data: which org level acts on each state, and for each (state, action)
 * who may take it, where it leads and what it needs. The engine (engine.ts) applies any such
 * table; 困难帮扶, 金秋助学 and the 5.1 card each declare one. Nothing else decides transitions.
 */
import type { ErrorCode } from '../../../src/contracts/errors';

/** Who acts: the case owner, an officer of a level (in the case's org subtree), or any member. */
export type ActorRole = 'owner' | 'base' | 'town' | 'approver' | 'member';

/** Conditions a transition checks on the case (facts) or the request (input). */
export type Requirement =
  | 'comment'
  | 'category'
  | 'visit'
  | 'visitRecorded'
  | 'publicityEnded'
  | 'noOpenObjections'
  | 'openObjection'
  | 'complete';

export interface TransitionRule<S extends string, A extends string> {
  from: S;
  action: A;
  by: ActorRole;
  /** the next state; 'returnedFrom' = back to the state the case was returned from */
  to: S | 'returnedFrom';
  requires?: Requirement[];
}

export interface ProgramTable<S extends string, A extends string> {
  name: string;
  states: readonly S[];
  /** states after which the case is closed (no longer counts as open) */
  finalStates: readonly S[];
  /** the officer level whose queue holds a case in this state */
  levelOf: Partial<Record<S, Exclude<ActorRole, 'owner' | 'member'>>>;
  transitions: TransitionRule<S, A>[];
}

/** The error each unmet requirement gives, with a plain message. */
export const REQUIREMENT_ERRORS: Record<Requirement, { code: ErrorCode; message?: string }> = {
  comment: { code: 'COMMENT_REQUIRED' },
  category: { code: 'CATEGORY_REQUIRED' },
  visit: { code: 'VALIDATION_FAILED', message: '请填写入户核查的日期和情况' },
  visitRecorded: { code: 'TRANSITION_NOT_ALLOWED', message: '请先记录入户核查，再审核通过' },
  publicityEnded: { code: 'TRANSITION_NOT_ALLOWED', message: '公示期还没有结束' },
  noOpenObjections: { code: 'TRANSITION_NOT_ALLOWED', message: '还有未处理的异议，请先处理' },
  openObjection: { code: 'VALIDATION_FAILED', message: '请选择要处理的异议' },
  complete: { code: 'AID_INCOMPLETE' },
};
