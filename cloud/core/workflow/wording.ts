/**
 * How a program words what the kit shows: each action (its label from the program's contract,
 * what is said once done, and more) and the timeline's normal path, where the review steps every
 * program shares (街道 审核, 区/市 审批, 公示) keep the shared words.
 */
import { REVIEW_PATH_STATUSES, SHARED_STEP_TEXT } from '../../../src/contracts/workflow';
import type { ActionText } from './table';

export const actionWords =
  <A extends string>(labels: Readonly<Record<A, string>>) =>
  (action: A, done: string, more: Partial<ActionText> = {}): ActionText => ({
    label: labels[action],
    done,
    ...more,
  });

type Step<S extends string> = readonly [S, string];

/** The normal path: the program's steps before the shared review, the shared ones, then its own after. */
export function timelineOf<S extends string>(
  before: readonly Step<S>[],
  after: readonly Step<S>[],
): { status: S; label: string }[] {
  const shared = REVIEW_PATH_STATUSES.map((s): Step<S> => [s as S, SHARED_STEP_TEXT[s]]);
  return [...before, ...shared, ...after].map(([status, label]) => ({ status, label }));
}
