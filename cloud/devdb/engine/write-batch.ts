/**
 * Everything one command (or one transaction) changed: the journal ops to persist once it is
 * acknowledged, and the undo steps that restore memory if a transaction aborts.
 */
import type { JournalOp } from '../journal/types';

export class WriteBatch {
  readonly ops: JournalOp[] = [];
  private readonly undo: (() => void)[] = [];

  record(op: JournalOp, undo: () => void): void {
    this.ops.push(op);
    this.undo.push(undo);
  }

  rollback(): void {
    for (let i = this.undo.length - 1; i >= 0; i--) this.undo[i]();
    this.undo.length = 0;
    this.ops.length = 0;
  }
}
