/**
 * Everything one command (or one committing transaction) changed: the journal ops to persist once
 * it is acknowledged, the before-image of every document it changed (for snapshot readers,
 * versions.ts), and the undo steps that restore memory if it cannot finish (a write that meets a
 * transaction's document undoes what it did so far and runs again later).
 */
import type { JournalOp } from '../journal/types';
import type { Change } from './versions';

export class WriteBatch {
  readonly ops: JournalOp[] = [];
  readonly changes: Change[] = [];
  private readonly undo: (() => void)[] = [];

  /** @param owner the transaction this batch commits: its own write intents do not block it */
  constructor(readonly owner: unknown = null) {}

  record(op: JournalOp, undo: () => void, change?: Change): void {
    this.ops.push(op);
    this.undo.push(undo);
    if (change) this.changes.push(change);
  }

  rollback(): void {
    for (let i = this.undo.length - 1; i >= 0; i--) this.undo[i]();
    this.undo.length = 0;
    this.ops.length = 0;
    this.changes.length = 0;
  }
}
