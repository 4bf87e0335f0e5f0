/**
 * The transactions of each logical session (`lsid`), by MongoDB's rules: `startTransaction`
 * with a txnNumber opens one (a newer number aborts an older one still open), later commands
 * carry the same number, `commitTransaction` / `abortTransaction` end it. A transaction that
 * lives past `lifetimeMs` is aborted (MongoDB: transactionLifetimeLimitSeconds), so an abandoned
 * one (its client gone) never keeps write intents.
 */
import type { Document } from 'bson';
import type { StorageEngine } from '../engine/engine';
import { errors } from '../engine/errors';
import { Transaction } from './transaction';

export function sessionKey(cmd: Document): string | null {
  const id = cmd.lsid?.id;
  if (!id) return null;
  return Buffer.from(id.buffer ?? id).toString('hex');
}

export class Sessions {
  private readonly txns = new Map<string, Transaction>();

  constructor(
    private readonly engine: StorageEngine,
    private readonly lifetimeMs: number,
  ) {}

  start(session: string, txnNumber: number): Transaction {
    const current = this.txns.get(session);
    if (current?.active) current.abort();
    const txn = new Transaction(session, txnNumber, this.engine);
    txn.timer = setTimeout(
      () => txn.abort(errors.transactionAborted(txnNumber, 'it ran longer than the transaction lifetime')),
      this.lifetimeMs,
    );
    txn.timer.unref?.();
    this.txns.set(session, txn);
    return txn;
  }

  /** The session's transaction with this number, if it is the current one. */
  find(session: string | null, txnNumber: number): Transaction | undefined {
    const txn = session ? this.txns.get(session) : undefined;
    return txn && txn.txnNumber === txnNumber ? txn : undefined;
  }

  /** The session ended (endSessions): its open transaction is aborted, as MongoDB does. */
  forget(session: string): void {
    this.txns.get(session)?.abort();
    this.txns.delete(session);
  }

  /** Aborts every open transaction (server shutdown). */
  abortAll(): void {
    for (const txn of this.txns.values()) txn.abort();
  }

  /** Open transactions (tests and serverStatus). */
  openCount(): number {
    let n = 0;
    for (const t of this.txns.values()) if (t.active) n++;
    return n;
  }
}
