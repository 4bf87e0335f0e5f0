/**
 * A case's progress as the worker and the officers read it (the shared timeline draws it): the
 * status in the program's words, what comes next, every step taken (who = the org, never the
 * officer; an approval in its level's word) and the program's normal path.
 */
import type { CaseProgress, HistoryView } from '../../../src/contracts/workflow';
import type { ReviewLevel } from './actor';
import type { HistoryEntry } from './record';
import type { ProgramTable } from './table';

type Wording<S extends string, A extends string> = Pick<
  ProgramTable<S, A>,
  'states' | 'actions' | 'levelText' | 'text' | 'timeline'
>;

export function historyView<S extends string, A extends string>(
  program: Wording<S, A>,
  h: HistoryEntry,
): HistoryView<S> {
  const text = program.actions[h.action as A];
  const level = h.level as ReviewLevel | null;
  const by =
    h.actorRole === 'worker'
      ? program.text.who.owner
      : h.actorRole === 'public'
        ? program.text.who.public
        : (h.orgName ?? program.text.who.union);
  return {
    action: h.action,
    actionText: (level && text?.byLevel?.[level]) || text?.label || h.action,
    from: h.from as S,
    to: h.to as S,
    status: h.to as S,
    orgName: h.actorRole === 'officer' ? h.orgName : null,
    by,
    // entries store the level key; older ones stored its text
    level: level ? (program.levelText[level] ?? level) : null,
    comment: h.comment,
    at: h.at.toISOString(),
  };
}

export function progressOf<S extends string, A extends string>(
  program: Wording<S, A>,
  doc: { status: string; history: readonly HistoryEntry[] },
): CaseProgress<S> {
  const status = doc.status as S;
  return {
    status,
    statusText: program.states[status].label,
    nextStep: program.states[status].nextStep,
    history: doc.history.map((h) => historyView(program, h)),
    timeline: program.timeline.map((t) => ({ status: t.status, label: t.label })),
  };
}
