/**
 * A member's cases across the review programs, for the rules that look at a member rather than
 * at one case: whether a change of name or ID number needs an officer's confirmation (a case
 * past draft), which open cases stay with their union when the member moves, and whether an
 * officer's reveal of a member's value serves a case in the officer's reach. Each program joins
 * by listing its store and table in the workbench (cloud/core/officer/programs.ts: `cases`).
 */
import type { Db } from 'mongodb';
import type { WorkflowActor } from './actor';
import { standingOn } from './actor';
import { caseBasics, type CaseDocBase, type CaseStore } from './case-store';
import type { ProgramTable } from './table';

/** What the member rules read of a program: its key (as the API names it), its store and its table's states. */
export interface ProgramCases {
  key: string;
  name: string;
  store: CaseStore<CaseDocBase>;
  table: Pick<ProgramTable<string, string>, 'states' | 'reveals'>;
}

export interface MemberCase {
  program: ProgramCases;
  doc: CaseDocBase;
}

/** The member's own cases in every program (newest first within each). */
export async function casesOfMember(
  db: Db,
  programs: readonly ProgramCases[],
  memberId: string,
): Promise<MemberCase[]> {
  const lists = await Promise.all(programs.map((p) => p.store.listMine(db, memberId)));
  return programs.flatMap((program, i) => lists[i].map((doc) => ({ program, doc })));
}

/** Cases past draft: the member's identity on them matters. */
export const submitted = (cases: readonly MemberCase[]) => cases.filter((c) => c.doc.submittedAt != null);

/** Open cases past draft: they stay with the union they were submitted to. */
export const openSubmitted = (cases: readonly MemberCase[]) =>
  submitted(cases).filter((c) => !c.program.table.states[c.doc.status]?.final);

/**
 * The member's case `caseId` of program `key`, if the officer reviews it (in their subtree,
 * submitted, not their own) and its state needs `field` at their level; else null.
 */
export async function caseServedBy(
  db: Db,
  programs: readonly ProgramCases[],
  actor: WorkflowActor,
  { memberId, key, caseId, field }: { memberId: string; key: string; caseId: string; field: string },
): Promise<CaseDocBase | null> {
  const program = programs.find((p) => p.key === key);
  const doc = program ? await program.store.find(db, caseId) : null;
  if (!program || !doc || doc.applicantId !== memberId) return null;
  const { level } = standingOn(actor, caseBasics(doc));
  if (!level) return null;
  return (program.table.reveals?.[field]?.[level] ?? []).includes(doc.status) ? doc : null;
}
