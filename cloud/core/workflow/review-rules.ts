/**
 * Rules every program's table has at each review state, written once: the level reviewing there
 * may return the case for more material (退回补充 → `returned`, with a reason, naming the facts it
 * asks the owner to change when it wishes; the owner's resubmission comes back to this state, or
 * further back when they changed, unasked, a fact a lower level verified: engine.ts
 * backToReturningLevel) or refuse it (→ `rejected`, with a reason). A program whose states and
 * actions use these names spreads them into its transitions.
 */
import type { ReviewLevel } from './actor';
import { commentGiven } from './requirements';
import type { TransitionRule, WorkflowCase, WorkflowInput } from './table';

type WithReturns<S extends string> = S | 'returned' | 'rejected';

export function returnOrReject<
  S extends string,
  A extends string,
  C extends WorkflowCase<S>,
  I extends WorkflowInput,
  P extends { returnedFrom: S | null },
>(from: S, by: ReviewLevel): TransitionRule<S, A, C, I, P>[] {
  const rules: TransitionRule<WithReturns<S>, 'return' | 'reject', C, I, Partial<P>>[] = [
    {
      from,
      action: 'return',
      by,
      to: 'returned',
      requires: [commentGiven],
      accepts: ['facts'],
      effect: () => ({ returnedFrom: from }) as Partial<P>,
    },
    { from, action: 'reject', by, to: 'rejected', requires: [commentGiven] },
  ];
  return rules as unknown as TransitionRule<S, A, C, I, P>[];
}
