/**
 * The storage engine: databases of collections in memory, always holding committed data. Every
 * change goes through a WriteBatch (journal ops + before-images + undo) and is committed with
 * `commit(batch)`: it gets the next sequence number (versions.ts keeps the before-images that
 * open transactions' snapshots need) and is queued to the journal in the same synchronous step,
 * so the journal keeps commit order. Nothing here waits: there is no lock. A write that meets a
 * document or unique key an open transaction has written throws Blocked (intents.ts).
 *
 * `Engine` is what command handlers see; a transaction hands them its own (txn-engine.ts), which
 * reads through its snapshot and writes into its write set.
 */
import type { Document } from 'bson';
import type { Journal, JournalBatch, JournalOp } from '../journal/types';
import { Collection } from './collection';
import { errors, type CommandError } from './errors';
import type { IndexSpec } from './index-def';
import { Intents } from './intents';
import { LocalSessions } from './local-sessions';
import { valueKey } from './values';
import { Versions } from './versions';
import { WriteBatch } from './write-batch';

/** What command handlers use: reads of collections and writes through a batch. */
export interface Engine {
  readonly dbs: Map<string, Map<string, Collection>>;
  /** sessions seen in commands' `lsid` (for `$listLocalSessions`) */
  readonly sessions: LocalSessions;
  collection(db: string, name: string): Collection | undefined;
  collections(db: string): Collection[];
  ensureCollection(batch: WriteBatch, db: string, name: string, options?: Document): Collection;
  insert(batch: WriteBatch, coll: Collection, doc: Document): void;
  put(batch: WriteBatch, coll: Collection, doc: Document): void;
  remove(batch: WriteBatch, coll: Collection, id: unknown): void;
  createIndex(batch: WriteBatch, coll: Collection, spec: IndexSpec): boolean;
  dropIndex(batch: WriteBatch, coll: Collection, name: string): void;
  dropCollection(batch: WriteBatch, db: string, name: string): boolean;
  renameCollection(
    batch: WriteBatch,
    db: string,
    name: string,
    toDb: string,
    toName: string,
    dropTarget: boolean,
  ): void;
  dropDatabase(batch: WriteBatch, db: string): void;
}

export class StorageEngine implements Engine {
  readonly dbs = new Map<string, Map<string, Collection>>();
  readonly versions = new Versions();
  readonly intents = new Intents();
  /** sessions seen in commands' `lsid` (for `$listLocalSessions`); kept here, beside the data they touch */
  readonly sessions = new LocalSessions();
  private journal: Journal | null = null;
  compactThresholdBytes = 64 * 1024 * 1024;

  attachJournal(journal: Journal): void {
    this.journal = journal;
  }

  // ---- reads -------------------------------------------------------------------------------

  collection(db: string, name: string): Collection | undefined {
    return this.dbs.get(db)?.get(name);
  }

  collections(db: string): Collection[] {
    return [...(this.dbs.get(db)?.values() ?? [])];
  }

  // ---- writes (all through a batch) ----------------------------------------------------------

  ensureCollection(batch: WriteBatch, db: string, name: string, options: Document = {}): Collection {
    const existing = this.collection(db, name);
    if (existing) return existing;
    if (!/^[^$\0]+$/.test(name) || name.length > 200)
      throw errors.badValue(`Invalid collection name: ${name}`);
    let colls = this.dbs.get(db);
    if (!colls) this.dbs.set(db, (colls = new Map()));
    const coll = new Collection(db, name, options);
    colls.set(name, coll);
    const map = colls;
    batch.record({ op: 'createCollection', db, coll: name, options }, () => map.delete(name));
    return coll;
  }

  insert(batch: WriteBatch, coll: Collection, doc: Document): void {
    const key = coll.keyOf(doc);
    if (this.intents.size) this.intents.check(coll, key, doc, batch.owner);
    coll.insert(doc);
    batch.record({ op: 'put', db: coll.db, coll: coll.name, doc }, () => coll.delete(doc._id), {
      coll,
      key,
      before: null,
    });
  }

  put(batch: WriteBatch, coll: Collection, doc: Document): void {
    const key = coll.keyOf(doc);
    if (this.intents.size) this.intents.check(coll, key, doc, batch.owner);
    const old = coll.docs.get(key);
    coll.put(doc);
    batch.record(
      { op: 'put', db: coll.db, coll: coll.name, doc },
      () => {
        if (old) coll.put(old);
        else coll.delete(doc._id);
      },
      { coll, key, before: old ?? null },
    );
  }

  remove(batch: WriteBatch, coll: Collection, id: unknown): void {
    const key = valueKey(id);
    if (!coll.docs.has(key)) return;
    if (this.intents.size) this.intents.check(coll, key, null, batch.owner);
    const old = coll.delete(id)!;
    batch.record({ op: 'delete', db: coll.db, coll: coll.name, id }, () => coll.put(old), {
      coll,
      key,
      before: old,
    });
  }

  createIndex(batch: WriteBatch, coll: Collection, spec: IndexSpec): boolean {
    const created = coll.createIndex(spec);
    if (created) {
      batch.record({ op: 'createIndex', db: coll.db, coll: coll.name, spec }, () =>
        coll.indexes.delete(spec.name),
      );
    }
    return created;
  }

  dropIndex(batch: WriteBatch, coll: Collection, name: string): void {
    const index = coll.indexes.get(name);
    if (!index) throw errors.indexNotFound(`index not found with name [${name}]`);
    coll.indexes.delete(name);
    batch.record({ op: 'dropIndex', db: coll.db, coll: coll.name, name }, () => {
      coll.indexes.set(name, index);
    });
  }

  dropCollection(batch: WriteBatch, db: string, name: string): boolean {
    const colls = this.dbs.get(db);
    const coll = colls?.get(name);
    if (!colls || !coll) return false;
    if (this.intents.size) this.intents.checkNamespace(coll.ns, batch.owner);
    colls.delete(name);
    batch.record({ op: 'dropCollection', db, coll: name }, () => colls.set(name, coll));
    return true;
  }

  renameCollection(
    batch: WriteBatch,
    db: string,
    name: string,
    toDb: string,
    toName: string,
    dropTarget: boolean,
  ): void {
    const source = this.collection(db, name);
    if (!source) throw errors.nsNotFound('source namespace does not exist');
    if (this.collection(toDb, toName)) {
      if (!dropTarget) throw errors.nsExists('target namespace exists');
      this.dropCollection(batch, toDb, toName);
    }
    const target = this.ensureCollection(batch, toDb, toName, source.options);
    for (const spec of source.listIndexes().slice(1)) this.createIndex(batch, target, spec as IndexSpec);
    for (const doc of [...source.docs.values()]) this.put(batch, target, doc);
    this.dropCollection(batch, db, name);
  }

  dropDatabase(batch: WriteBatch, db: string): void {
    for (const coll of this.collections(db)) this.dropCollection(batch, db, coll.name);
    this.dbs.delete(db);
  }

  // ---- commit and durability ----------------------------------------------------------------

  /**
   * Commits a finished batch: the next sequence number (before-images for open snapshots), then
   * the journal record, queued in this same synchronous step so the journal keeps commit order.
   * Resolves once the record is durable (at once without a journal). A journal that cannot be
   * written is fail-stop: the change is already in memory (and others may have read it), so every
   * later command is refused until a restart replays what is durable.
   */
  commit(batch: WriteBatch): Promise<void> {
    if (batch.ops.length === 0) return this.failure ? Promise.reject(this.failure) : Promise.resolve();
    this.versions.commit(batch.changes);
    return this.persist(batch.ops.slice());
  }

  private async persist(ops: JournalOp[]): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.journal) return;
    try {
      await this.journal.append(ops);
    } catch (e) {
      this.failure ??= errors.journalFailed(e);
      throw this.failure;
    }
    if (this.journal.sizeBytes() > this.compactThresholdBytes && !this.compaction) {
      this.compaction = this.compact()
        .catch((e) => void (this.failure ??= errors.journalFailed(e)))
        .finally(() => (this.compaction = null));
    }
  }

  /** Set once the journal failed: the server then answers every command with this error. */
  failure: CommandError | null = null;

  private compaction: Promise<void> | null = null;

  /** Resolves when no compaction is running (so the journal can be closed). */
  async idle(): Promise<void> {
    while (this.compaction) await this.compaction;
  }

  /**
   * Rewrites the journal as a snapshot of the whole state. The journal takes the snapshot itself,
   * between two of its writes, so it covers exactly the records written or waiting; commands go
   * on meanwhile (their records follow the snapshot in the new file).
   */
  async compact(): Promise<void> {
    await this.journal?.compact(() => this.snapshot());
  }

  snapshot(): JournalBatch {
    const ops: JournalOp[] = [];
    for (const [db, colls] of this.dbs) {
      for (const coll of colls.values()) {
        ops.push({ op: 'createCollection', db, coll: coll.name, options: coll.options });
        for (const spec of coll.listIndexes().slice(1))
          ops.push({ op: 'createIndex', db, coll: coll.name, spec });
        for (const doc of coll.docs.values()) ops.push({ op: 'put', db, coll: coll.name, doc });
      }
    }
    return ops;
  }

  /** Replays journaled ops at start (no journaling, no undo). */
  apply(ops: JournalBatch): void {
    const batch = new WriteBatch();
    for (const op of ops) {
      switch (op.op) {
        case 'createCollection':
          this.ensureCollection(batch, op.db, op.coll, op.options);
          break;
        case 'dropCollection':
          this.dropCollection(batch, op.db, op.coll);
          break;
        case 'renameCollection':
          this.renameCollection(batch, op.db, op.coll, op.toDb, op.toColl, true);
          break;
        case 'dropDatabase':
          this.dropDatabase(batch, op.db);
          break;
        case 'createIndex':
          this.createIndex(batch, this.ensureCollection(batch, op.db, op.coll), op.spec as IndexSpec);
          break;
        case 'dropIndex': {
          const coll = this.collection(op.db, op.coll);
          if (coll?.indexes.has(op.name)) this.dropIndex(batch, coll, op.name);
          break;
        }
        case 'put':
          this.ensureCollection(batch, op.db, op.coll).put(op.doc);
          break;
        case 'delete':
          this.collection(op.db, op.coll)?.delete(op.id);
          break;
      }
    }
  }
}
