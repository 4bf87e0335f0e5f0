/**
 * Runs one command with MongoDB's session rules. Nothing here holds a lock across round trips,
 * and only a write can wait, for a bounded time:
 *  - reads and every server command (hello, ping, …) run at once on the committed data;
 *  - a write outside a transaction applies and commits in one synchronous step and is answered
 *    once its journal record is durable (unless it asks for `writeConcern: {j: false}`). If it meets a document or unique key an open transaction
 *    has written (Blocked), it undoes its partial work and waits for that transaction to end, as
 *    MongoDB's writes do; after `writeConflictWaitMs` it aborts that transaction instead (which
 *    then answers NoSuchTransaction + TransientTransactionError, so withTransaction retries it)
 *    and runs. So no write waits longer than that, and a full connection pool of waiting writes
 *    cannot starve the transaction they wait for;
 *  - a retryable write (lsid + txnNumber, no transaction) runs once: a retry, even one that
 *    arrives while the first attempt still runs, gets the first attempt's reply;
 *  - commands of a transaction (autocommit: false) run against its snapshot and write set
 *    (transactions/transaction.ts); a failed command or a write error aborts it; commit applies
 *    it in one step and answers once its record is durable.
 */
import type { Document } from 'bson';
import { CommandError, errors, TransientTransactionError } from '../engine/errors';
import { Blocked } from '../engine/intents';
import { WriteBatch } from '../engine/write-batch';
import type { Engine, StorageEngine } from '../engine/engine';
import type { CursorStore } from '../engine/cursors';
import { RetryMemory } from '../transactions/retry-memory';
import { Sessions, sessionKey } from '../transactions/sessions';
import type { Transaction } from '../transactions/transaction';
import { TxnEngine } from '../transactions/txn-engine';
import { adminCommands } from './admin';
import type { CommandContext, CommandSpec, ServerInfo } from './context';
import { readCommands } from './crud-read';
import { writeCommands } from './crud-write';
import { ddlCommands } from './ddl';
import { explainCommands } from './explain';

const COMMANDS: Record<string, CommandSpec> = {
  ...adminCommands,
  ...readCommands,
  ...writeCommands,
  ...ddlCommands,
  ...explainCommands,
};

/** A write whose client asked not to wait for the journal. */
function unjournaled(cmd: Document): boolean {
  const wc = cmd.writeConcern;
  return !!wc && typeof wc === 'object' && (wc.j === false || wc.w === 0);
}

export interface DispatchOptions {
  /** how long a write outside a transaction waits for a transaction holding its document */
  writeConflictWaitMs: number;
  txnLifetimeMs: number;
}

interface Connection {
  id: number;
  remote: string;
}

export class Dispatcher {
  private readonly sessions: Sessions;
  private readonly retries = new RetryMemory();

  constructor(
    private readonly engine: StorageEngine,
    private readonly cursors: CursorStore,
    private readonly server: ServerInfo,
    private readonly opts: DispatchOptions,
  ) {
    this.sessions = new Sessions(engine, opts.txnLifetimeMs);
  }

  async run(cmd: Document, conn: Connection): Promise<Document> {
    try {
      return await this.runUnsafe(cmd, conn);
    } catch (e) {
      if (e instanceof CommandError || e instanceof TransientTransactionError) return e.toReply();
      return { ok: 0, errmsg: (e as Error)?.message ?? String(e), code: 1, codeName: 'InternalError' };
    }
  }

  /** Open transactions right now (tests). */
  openTransactions(): number {
    return this.sessions.openCount();
  }

  private context(cmd: Document, conn: Connection, engine: Engine, batch: WriteBatch): CommandContext {
    return {
      engine,
      cursors: this.cursors,
      server: this.server,
      db: typeof cmd.$db === 'string' ? cmd.$db : 'admin',
      batch,
      connectionId: conn.id,
      remote: conn.remote,
    };
  }

  private runUnsafe(cmd: Document, conn: Connection): Document | Promise<Document> {
    let name = '';
    for (const key in cmd) {
      name = key; // the first field names the command (no keys array per command)
      break;
    }
    if (!name) throw errors.badValue('empty command');
    if (cmd.lsid) this.engine.sessions.touch(cmd.lsid);
    const lower = name.toLowerCase();
    // after a journal failure only the handshake is answered, so clients connect and see the error
    if (this.engine.failure && lower !== 'hello' && lower !== 'ismaster') throw this.engine.failure;
    if (lower === 'committransaction') return this.commit(cmd);
    if (lower === 'aborttransaction') return this.abort(cmd);
    const spec = COMMANDS[lower];
    if (!spec) throw errors.commandNotFound(name);
    if (cmd.autocommit === false) return this.runInTxn(cmd, spec, conn);
    if (lower === 'endsessions') for (const s of cmd.endSessions ?? []) this.forgetSession(s);
    if (!spec.write) return spec.handler(cmd, this.context(cmd, conn, this.engine, new WriteBatch()));

    const session = cmd.txnNumber !== undefined ? sessionKey(cmd) : null;
    if (!session) return this.runWrite(cmd, spec, conn);
    const retryKey = `${session}:${cmd.txnNumber}`;
    return this.retries.find(retryKey) ?? this.retries.run(retryKey, () => this.runWrite(cmd, spec, conn));
  }

  /** A write outside a transaction: apply + commit in one step, then wait for durability. */
  private async runWrite(cmd: Document, spec: CommandSpec, conn: Connection): Promise<Document> {
    const deadline = Date.now() + this.opts.writeConflictWaitMs;
    for (;;) {
      const batch = new WriteBatch();
      let reply: Document;
      try {
        reply = spec.handler(cmd, this.context(cmd, conn, this.engine, batch));
      } catch (e) {
        if (e instanceof Blocked) {
          batch.rollback();
          await this.waitFor(e.holder as Transaction, deadline);
          continue;
        }
        // what was applied before the error stays, as in MongoDB (a write is atomic per document)
        await this.engine.commit(batch);
        throw e;
      }
      const durable = this.engine.commit(batch);
      // {j: false} / {w: 0}: acknowledged once applied, as MongoDB does; the record is still
      // journaled in commit order, so it is durable once any later acknowledged write is
      if (unjournaled(cmd)) durable.catch(() => undefined);
      else await durable;
      return reply;
    }
  }

  /** Waits for a transaction to end, until `deadline`; then aborts it. */
  private async waitFor(txn: Transaction, deadline: number): Promise<void> {
    const left = deadline - Date.now();
    if (left > 0 && txn.active) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([txn.ended, new Promise((r) => (timer = setTimeout(r, left)))]);
      clearTimeout(timer);
    }
    txn.abort(
      errors.transactionAborted(txn.txnNumber, 'a write outside it waited too long for a document it holds'),
    );
  }

  private runInTxn(cmd: Document, spec: CommandSpec, conn: Connection): Document {
    const session = sessionKey(cmd);
    if (!session || cmd.txnNumber === undefined)
      throw errors.badValue('transactions need lsid and txnNumber');
    const txnNumber = Number(cmd.txnNumber);
    const txn = cmd.startTransaction
      ? this.sessions.start(session, txnNumber)
      : this.sessions.find(session, txnNumber);
    if (!txn) throw errors.noSuchTransaction(txnNumber);
    if (!txn.active) throw txn.abortReason ?? errors.noSuchTransaction(txnNumber);
    try {
      const reply = spec.handler(
        cmd,
        this.context(cmd, conn, new TxnEngine(this.engine, txn), new WriteBatch()),
      );
      if (reply.writeErrors) txn.abort(); // as MongoDB: a write error aborts the transaction
      return reply;
    } catch (e) {
      txn.abort();
      throw e;
    }
  }

  private async commit(cmd: Document): Promise<Document> {
    const txnNumber = Number(cmd.txnNumber);
    const txn = this.sessions.find(sessionKey(cmd), txnNumber);
    if (!txn) throw errors.noSuchTransaction(txnNumber);
    if (txn.state === 'committed') {
      await txn.durable; // a retried commit: answered once the first one is durable
      return { ok: 1 };
    }
    if (!txn.active) throw txn.abortReason ?? errors.noSuchTransaction(txnNumber);
    let durable: Promise<void>;
    try {
      durable = this.engine.commit(txn.apply());
    } catch (e) {
      txn.abort();
      throw e;
    }
    txn.committed(durable);
    await durable;
    return { ok: 1 };
  }

  private abort(cmd: Document): Document {
    const txnNumber = Number(cmd.txnNumber);
    const txn = this.sessions.find(sessionKey(cmd), txnNumber);
    if (!txn) return { ok: 1 };
    if (txn.state === 'committed') throw errors.badValue('Cannot abort a committed transaction');
    txn.abort();
    return { ok: 1 };
  }

  private forgetSession(lsid: Document): void {
    const key = sessionKey({ lsid });
    if (key) this.sessions.forget(key);
  }

  /** Aborts everything still open (server shutdown). */
  abortAll(): void {
    this.sessions.abortAll();
  }
}
