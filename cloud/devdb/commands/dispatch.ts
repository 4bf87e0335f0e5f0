/**
 * Runs one command with MongoDB's session rules:
 *  - a transaction (autocommit: false) takes the writer lock at `startTransaction` (waiting at
 *    most `txnLockTimeoutMs`, else WriteConflict 112 + TransientTransactionError so the driver
 *    retries), writes straight into memory with undo, and is journaled as one batch at commit;
 *    an error or abort rolls it back; a transaction idle past `txnLifetimeMs` is aborted;
 *  - any other command waits for the lock (so nobody reads uncommitted data); a write is
 *    journaled before it is answered;
 *  - a retryable write (lsid + txnNumber, no transaction) that was already applied returns its
 *    first reply instead of running again.
 */
import type { Document } from 'bson';
import { CommandError, errors } from '../engine/errors';
import { LockTimeout } from '../engine/mutex';
import { WriteBatch } from '../engine/write-batch';
import type { Engine } from '../engine/engine';
import type { CursorStore } from '../engine/cursors';
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

interface Txn {
  owner: string;
  session: string;
  txnNumber: number;
  batch: WriteBatch;
  timer: NodeJS.Timeout;
  state: 'active' | 'committed' | 'aborted';
}

export interface DispatchOptions {
  txnLockTimeoutMs: number;
  txnLifetimeMs: number;
}

function sessionKey(cmd: Document): string | null {
  const id = cmd.lsid?.id;
  if (!id) return null;
  return Buffer.from(id.buffer ?? id).toString('hex');
}

export class Dispatcher {
  private readonly txns = new Map<string, Txn>();
  private readonly retryCache = new Map<string, Document>();
  private nextOwner = 1;

  constructor(
    private readonly engine: Engine,
    private readonly cursors: CursorStore,
    private readonly server: ServerInfo,
    private readonly opts: DispatchOptions,
  ) {}

  async run(cmd: Document, conn: { id: number; remote: string }): Promise<Document> {
    try {
      return await this.runUnsafe(cmd, conn);
    } catch (e) {
      if (e instanceof CommandError) return e.toReply();
      return { ok: 0, errmsg: (e as Error)?.message ?? String(e), code: 1, codeName: 'InternalError' };
    }
  }

  private context(cmd: Document, conn: { id: number; remote: string }, batch: WriteBatch): CommandContext {
    return {
      engine: this.engine,
      cursors: this.cursors,
      server: this.server,
      db: typeof cmd.$db === 'string' ? cmd.$db : 'admin',
      batch,
      connectionId: conn.id,
      remote: conn.remote,
    };
  }

  private async runUnsafe(cmd: Document, conn: { id: number; remote: string }): Promise<Document> {
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
    if (lower === 'committransaction') return this.finishTxn(cmd, 'commit');
    if (lower === 'aborttransaction') return this.finishTxn(cmd, 'abort');
    const spec = COMMANDS[lower];
    if (!spec) throw errors.commandNotFound(name);
    if (cmd.autocommit === false) return this.runInTxn(cmd, spec, conn);

    const session = spec.write && cmd.txnNumber !== undefined ? sessionKey(cmd) : null;
    const retryKey = session ? `${session}:${cmd.txnNumber}` : null;
    const owner = `cmd:${conn.id}:${this.nextOwner++}`;
    if (!this.engine.lock.tryAcquire(owner)) await this.engine.lock.acquire(owner);
    const batch = new WriteBatch();
    let reply: Document;
    let durable: Promise<void> | null = null;
    try {
      if (retryKey && this.retryCache.has(retryKey)) return this.retryCache.get(retryKey)!;
      try {
        reply = spec.handler(cmd, this.context(cmd, conn, batch));
      } finally {
        // queue the journal record while still holding the lock, so the journal keeps apply order
        if (spec.write) durable = this.engine.persist(batch);
      }
    } finally {
      this.engine.lock.release(owner);
    }
    if (durable) await durable;
    if (retryKey && !reply.writeErrors) this.remember(retryKey, reply);
    return reply;
  }

  private remember(key: string, reply: Document): void {
    this.retryCache.set(key, reply);
    if (this.retryCache.size > 10_000) this.retryCache.delete(this.retryCache.keys().next().value!);
  }

  private async runInTxn(
    cmd: Document,
    spec: CommandSpec,
    conn: { id: number; remote: string },
  ): Promise<Document> {
    const session = sessionKey(cmd);
    if (!session || cmd.txnNumber === undefined)
      throw errors.badValue('transactions need lsid and txnNumber');
    const txnNumber = Number(cmd.txnNumber);
    let txn = this.txns.get(session);
    if (cmd.startTransaction) {
      if (txn?.state === 'active') this.rollback(txn);
      const owner = `txn:${session}:${txnNumber}`;
      try {
        await this.engine.lock.acquire(owner, this.opts.txnLockTimeoutMs);
      } catch (e) {
        if (e instanceof LockTimeout) throw errors.writeConflict();
        throw e;
      }
      txn = {
        owner,
        session,
        txnNumber,
        batch: new WriteBatch(),
        state: 'active',
        timer: setTimeout(() => this.expire(session, txnNumber), this.opts.txnLifetimeMs),
      };
      this.txns.set(session, txn);
    }
    if (!txn || txn.txnNumber !== txnNumber || txn.state !== 'active')
      throw errors.noSuchTransaction(txnNumber);
    try {
      const reply = spec.handler(cmd, this.context(cmd, conn, txn.batch));
      if (reply.writeErrors) this.rollback(txn); // as MongoDB: a write error aborts the transaction
      return reply;
    } catch (e) {
      this.rollback(txn);
      throw e;
    }
  }

  private expire(session: string, txnNumber: number): void {
    const txn = this.txns.get(session);
    if (txn && txn.txnNumber === txnNumber && txn.state === 'active') this.rollback(txn);
  }

  private rollback(txn: Txn): void {
    clearTimeout(txn.timer);
    if (txn.state !== 'active') return;
    txn.batch.rollback();
    txn.state = 'aborted';
    this.engine.lock.release(txn.owner);
  }

  private async finishTxn(cmd: Document, how: 'commit' | 'abort'): Promise<Document> {
    const session = sessionKey(cmd);
    const txnNumber = Number(cmd.txnNumber);
    const txn = session ? this.txns.get(session) : undefined;
    if (!txn || txn.txnNumber !== txnNumber) {
      if (how === 'abort') return { ok: 1 };
      throw errors.noSuchTransaction(txnNumber);
    }
    if (how === 'abort') {
      this.rollback(txn);
      return { ok: 1 };
    }
    if (txn.state === 'committed') return { ok: 1 }; // a retried commit
    if (txn.state === 'aborted') throw errors.noSuchTransaction(txnNumber);
    clearTimeout(txn.timer);
    txn.state = 'committed';
    const durable = this.engine.persist(txn.batch); // queued before anyone else can write
    this.engine.lock.release(txn.owner);
    await durable;
    return { ok: 1 };
  }

  /** Aborts everything still open (server shutdown). */
  abortAll(): void {
    for (const txn of this.txns.values()) this.rollback(txn);
  }
}
