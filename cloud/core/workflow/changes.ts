/**
 * Changes after a return (退回补充). While a case is returned, what the owner types is kept apart
 * from the application the reviewers read (`unsubmitted` on the case): no officer sees it until it
 * is resubmitted. Each edit is compared with the application as submitted, fact by fact (the
 * program's `facts`: a fact's shown text, sensitive ones masked, and an optional comparison key,
 * e.g. a keyed hash of a bank account whose masked form could stay the same). The diff names the
 * fact, what it said before and after, and when it changed; a change undone drops out of it.
 * On resubmission the diff is kept on the case for good, and where the case goes depends on it:
 * a changed fact that a lower level verified, which the return did not ask for, sends the case
 * back to that level (`reverifyAt`); anything else goes back to the level that returned it.
 */
import type { ChangeView } from '../../../src/contracts/workflow';
import type { FactsDecl, WorkflowCase } from './table';

/** A fact as shown (masked where sensitive), and what tells two values apart when the text cannot. */
export interface FactValue {
  text: string;
  same?: string;
}
export type Facts = Readonly<Record<string, FactValue>>;

export interface FactChange {
  field: string;
  before: string;
  after: string;
  at: Date;
}

/** A change that was resubmitted: kept on the case for good. */
export interface KeptChange extends FactChange {
  resubmittedAt: Date;
}

/** The owner's edits since a return: the fields they set, and the diff against the submitted application. */
export interface Unsubmitted {
  set: Record<string, unknown>;
  changes: FactChange[];
  at: Date;
}

const keyOf = (v: FactValue | undefined) => (v ? (v.same ?? v.text) : '');

/**
 * The facts that differ between the application as submitted and as edited now. A fact that
 * already differed keeps the time of its change unless it changed again.
 */
export function diffFacts(
  before: Facts,
  after: Facts,
  earlier: readonly FactChange[],
  now: Date,
): FactChange[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields.flatMap((field) => {
    const was = before[field];
    const is = after[field];
    if (keyOf(was) === keyOf(is)) return [];
    const prior = earlier.find((c) => c.field === field);
    const afterText = is?.text ?? '';
    return [
      {
        field,
        before: was?.text ?? '',
        after: afterText,
        at: prior && prior.after === afterText ? prior.at : now,
      },
    ];
  });
}

/** Where a resubmission must go to be verified again, or null when the returning level may take it back. */
export function reverifyTarget<S extends string>(
  facts: FactsDecl<S> | undefined,
  c: Pick<WorkflowCase<S>, 'changedFacts' | 'returnAsks'>,
): S | null {
  if (!facts) return null;
  const unasked = c.changedFacts.filter((f) => facts.verified.includes(f) && !c.returnAsks.includes(f));
  return unasked.length > 0 ? facts.reverifyAt : null;
}

/** The facts that send the case back to be verified again (for the owner's note). */
export function reverifyingFacts<S extends string>(
  facts: FactsDecl<S>,
  c: Pick<WorkflowCase<S>, 'changedFacts' | 'returnAsks'>,
): string[] {
  return c.changedFacts.filter((f) => facts.verified.includes(f) && !c.returnAsks.includes(f));
}

export function changeView<S extends string>(
  facts: FactsDecl<S> | undefined,
  c: FactChange & { resubmittedAt?: Date | null },
): ChangeView {
  return {
    field: c.field,
    label: facts?.labels[c.field] ?? c.field,
    before: c.before,
    after: c.after,
    at: c.at.toISOString(),
    verified: facts?.verified.includes(c.field) ?? false,
    resubmittedAt: c.resubmittedAt ? c.resubmittedAt.toISOString() : null,
  };
}
