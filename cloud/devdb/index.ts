/**
 * devdb: an embedded MongoDB-compatible server for local use and tests (see docs/devdb.md).
 * `startDevDb({ port?, dbpath?, host? })` → `{ uri, port, stop() }`. With `dbpath`, every
 * acknowledged write is journaled and fsynced first, and the journal is replayed at start.
 */
import { StorageEngine } from './engine/engine';
import { startTtlMonitor } from './engine/ttl';
import { openJournal } from './journal/journal';
import { listen } from './server';

export interface DevDbOptions {
  port?: number;
  host?: string;
  dbpath?: string;
  /**
   * how long a write outside a transaction waits for an open transaction that has written the
   * same document or unique key; then that transaction is aborted (its client retries it)
   */
  writeConflictWaitMs?: number;
  /** a transaction open this long is aborted (MongoDB: transactionLifetimeLimitSeconds, 60 s) */
  txnLifetimeMs?: number;
  ttlIntervalMs?: number;
  compactThresholdBytes?: number;
}

export interface DevDb {
  uri: string;
  port: number;
  engine: StorageEngine;
  stop(): Promise<void>;
}

export const REPLICA_SET = 'rs0';

export async function startDevDb(opts: DevDbOptions = {}): Promise<DevDb> {
  const engine = new StorageEngine();
  if (opts.compactThresholdBytes) engine.compactThresholdBytes = opts.compactThresholdBytes;
  const journal = opts.dbpath ? await openJournal(opts.dbpath) : null;
  if (journal) {
    for await (const batch of journal.replay()) engine.apply(batch);
    engine.attachJournal(journal);
  }
  const host = opts.host ?? '127.0.0.1';
  const wire = await listen(engine, {
    host,
    port: opts.port ?? 0,
    setName: REPLICA_SET,
    writeConflictWaitMs: opts.writeConflictWaitMs ?? 1000,
    txnLifetimeMs: opts.txnLifetimeMs ?? 60_000,
  });
  const stopTtl = startTtlMonitor(engine, opts.ttlIntervalMs ?? 1000);
  const port = wire.info.port;
  return {
    uri: `mongodb://${host}:${port}/?replicaSet=${REPLICA_SET}`,
    port,
    engine,
    async stop() {
      stopTtl();
      await wire.close();
      await engine.idle(); // a compaction in flight owns the journal file until it is done
      await journal?.close();
    },
  };
}
