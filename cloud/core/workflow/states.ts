/**
 * A program's states as the table wants them (table.ts StateInfo), from the lists a program keeps
 * anyway: its statuses, their words and next steps (its contract), the review level whose queue
 * holds each, which are final (closed) and which the owner may still edit.
 */
import type { ReviewLevel } from './actor';
import type { StateInfo } from './table';

export interface StateLists<S extends string> {
  statuses: readonly S[];
  label: Readonly<Record<S, string>>;
  nextStep: Readonly<Record<S, string>>;
  level: Readonly<Record<S, ReviewLevel | null>>;
  final: readonly S[];
  editable: readonly S[];
}

export function stateTable<S extends string>(lists: StateLists<S>): Record<S, StateInfo> {
  const entries = lists.statuses.map((s): [S, StateInfo] => [
    s,
    {
      label: lists.label[s],
      nextStep: lists.nextStep[s],
      level: lists.level[s],
      final: lists.final.includes(s),
      editable: lists.editable.includes(s),
    },
  ]);
  return Object.fromEntries(entries) as Record<S, StateInfo>;
}
