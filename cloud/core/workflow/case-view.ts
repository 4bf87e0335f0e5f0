/**
 * What the kit adds to every program's case view (src/contracts/workflow.ts CaseViewKit): the
 * progress and timeline, the actions open to the caller with what each needs, whether the owner
 * may still edit, why an officer in scope may only read, the application's changes after returns
 * (to reviewers those resubmitted; to the owner also those not yet resubmitted, with where a
 * resubmission will go and why), the approved amount, and to a reviewer the applicant's ID number
 * masked as submitted (the values they may reveal now listed). All drawn from the table and the case.
 */
import type {
  ApprovedAmountView,
  CaseSummaryKit,
  CaseViewKit,
  ChangeView,
} from '../../../src/contracts/workflow';
import { standingOn, type WorkflowActor } from './actor';
import type { CaseDocBase } from './case-store';
import { changeView, reverifyingFacts } from './changes';
import { availableActions, contextFor, readOnlyReason } from './engine';
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

/** The changes the caller may see, newest first, and the facts to mark on the page. */
function changesFor<S extends string>(
  program: Pick<ProgramTable<S, string>, 'facts'>,
  doc: CaseDocBase,
  owner: boolean,
): { changes: ChangeView[]; changedFacts: string[] } {
  const kept = [...(doc.changes ?? [])].sort((a, b) => b.resubmittedAt.getTime() - a.resubmittedAt.getTime());
  const pending = owner ? (doc.unsubmitted?.changes ?? []) : [];
  const lastRound = kept[0]?.resubmittedAt.getTime();
  const changedFacts = pending.length
    ? pending.map((c) => c.field)
    : kept.filter((c) => c.resubmittedAt.getTime() === lastRound).map((c) => c.field);
  return {
    changes: [...pending, ...kept].map((c) => changeView(program.facts, c)),
    changedFacts,
  };
}

/** To the owner of a returned case: where resubmitting takes it now, and why when it goes back further. */
function resubmitNote<S extends string, A extends string, C extends WorkflowCase<S>, I extends Input>(
  program: ProgramTable<S, A, C, I>,
  c: C,
  actor: WorkflowActor,
  now: Date,
): string | null {
  if (c.ownerId !== actor.memberId || !c.submitted || !program.states[c.status].editable) return null;
  const ctx = contextFor(program, c, { version: c.version } as I, actor, now);
  for (const rule of program.transitions) {
    if (rule.from !== c.status || rule.by !== 'owner') continue;
    const to = typeof rule.to === 'function' ? rule.to(ctx) : rule.to;
    const level = to ? program.states[to].level : null;
    if (!to || !level) continue;
    const levelName = program.levelText[level];
    if (program.facts && ctx.reverify === to) {
      const names = reverifyingFacts(program.facts, c).map((f) => program.facts!.labels[f] ?? f);
      return program.text.resubmit.reverify(names, levelName);
    }
    return program.text.resubmit.back(levelName);
  }
  return null;
}

/** The values the table lets the caller's level reveal at the case's state. */
function revealableBy<S extends string>(
  program: Pick<ProgramTable<S, string>, 'reveals'>,
  c: WorkflowCase<S>,
  actor: WorkflowActor,
): string[] {
  const { level } = standingOn(actor, c);
  if (!level) return [];
  return Object.entries(program.reveals ?? {})
    .filter(([, byLevel]) => (byLevel[level] ?? []).includes(c.status))
    .map(([field]) => field);
}

function amountView(doc: CaseDocBase): ApprovedAmountView | null {
  const a = doc.approvedAmount;
  if (!a) return null;
  const paidFen = doc.paidFen ?? 0;
  return {
    approvedFen: a.fen,
    paidFen,
    leftFen: Math.max(a.fen - paidFen, 0),
    defaultFen: a.defaultFen,
    reason: a.reason,
    at: a.at.toISOString(),
  };
}

/**
 * The kit's part of a case view. `doc` is the case as the caller may see it (the owner's edits
 * since a return included only for the owner: case-flow.ts loads it so).
 */
export function caseViewKit<S extends string, A extends string, C extends WorkflowCase<S>, I extends Input>(
  program: ProgramTable<S, A, C, I>,
  { case: c, doc }: { case: C; doc: CaseDocBase },
  actor: WorkflowActor,
  now: Date,
  extras: NeedExtras = {},
): CaseViewKit<S> {
  const reviewer = standingOn(actor, c).level !== null;
  return {
    id: doc._id.toHexString(),
    version: doc.version,
    applicantName: doc.applicantName,
    orgName: doc.orgName,
    ...progressOf(program, { status: c.status, history: doc.history }),
    applicantIdNumberMasked: reviewer ? doc.applicantIdNumberMasked : null,
    actions: availableActions(program, c, actor),
    offers: offersFor(program, c, actor, now, extras),
    editable: editableBy(program, c, actor),
    readOnlyReason: readOnlyReason(program, c, actor),
    ...changesFor(program, doc, c.ownerId === actor.memberId),
    resubmitNote: resubmitNote(program, c, actor, now),
    amount: amountView(doc),
    revealable: revealableBy(program, c, actor),
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
