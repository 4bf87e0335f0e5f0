/**
 * What the kit adds to every program's case view (src/contracts/workflow.ts CaseViewKit): the
 * progress and timeline, the actions open to the caller with what each needs, whether the owner
 * may still edit, and why an officer in scope may only read. All drawn from the table.
 */
import type { CaseSummaryKit, CaseViewKit } from '../../../src/contracts/workflow';
import type { CaseDocBase } from './case-store';
import type { WorkflowActor } from './actor';
import type { HistoryEntry } from './record';
import { availableActions, readOnlyReason } from './engine';
import { offersFor, type NeedExtras } from './offers';
import { progressOf } from './progress';
import type { ProgramTable, WorkflowCase, WorkflowInput as Input } from './table';

/** The owner may change the application now: their case, in a state the table marks editable. */
export function editableBy<S extends string>(
  program: { states: Readonly<Record<S, { editable: boolean }>> },
  c: Pick<WorkflowCase<S>, 'status' | 'ownerId'>,
  actor: Pick<WorkflowActor, 'memberId'>,
): boolean {
  return c.ownerId === actor.memberId && program.states[c.status].editable;
}

export function caseViewKit<S extends string, A extends string, C extends WorkflowCase<S>, I extends Input>(
  program: ProgramTable<S, A, C, I>,
  { case: c, history }: { case: C; history: readonly HistoryEntry[] },
  actor: WorkflowActor,
  now: Date,
  extras: NeedExtras = {},
): CaseViewKit<S> {
  return {
    ...progressOf(program, { status: c.status, history }),
    actions: availableActions(program, c, actor),
    offers: offersFor(program, c, actor, now, extras),
    editable: editableBy(program, c, actor),
    readOnlyReason: readOnlyReason(program, c, actor),
  };
}

/** What every program's list row carries, for the caller (editable only for the owner). */
export function caseSummaryKit<S extends string>(
  program: { states: Readonly<Record<S, { label: string; editable: boolean }>> },
  doc: CaseDocBase,
  caller: Pick<WorkflowActor, 'memberId'>,
): CaseSummaryKit<S> {
  const status = doc.status as S;
  return {
    id: doc._id.toHexString(),
    status,
    statusText: program.states[status].label,
    applicantName: doc.applicantName,
    orgName: doc.orgName,
    submittedAt: doc.submittedAt?.toISOString() ?? null,
    version: doc.version,
    editable: editableBy(program, { status, ownerId: doc.applicantId }, caller),
  };
}
