/**
 * One multi-document transaction, run optimistically: it holds no lock between round trips.
 *
 * - **Reads** see the snapshot taken when it started (versions.ts) plus its own writes.
 * - **Writes** go into its write set, never into the collections. Writing a document or unique
 *   key marks it with a write intent (intents.ts). Like MongoDB's first-writer-wins rule, a write
 *   is refused with WriteConflict (112, TransientTransactionError: withTransaction retries) when
 *   another open transaction already wrote that document or key, or when a commit after this
 *   transaction's snapshot changed the document.
 * - **Commit** applies the write set to the collections in one synchronous step (checked once
 *   more; anything unexpected is a WriteConflict, never a partial commit) and hands the engine
 *   one batch, journaled as one record.
 * - **Abort** (asked for, a failed command, its lifetime over, or a write outside transactions
 *   that waited for it too long) just drops the write set.
 * Collections it creates live only in the transaction until commit.
 */
import type { Document } from 'bson';
import { Collection } from '../engine/collection';
import { DuplicateKeyError, errors, type TransientTransactionError } from '../engine/errors';
import type { StorageEngine } from '../engine/engine';
import { Blocked, type IntentHolder } from '../engine/intents';
import type { IndexSpec } from '../engine/index-def';
import { WriteBatch } from '../engine/write-batch';
import { CollectionView } from './collection-view';

type Delta = Map<string, Document | null>;

export class Transaction implements IntentHolder {
  state: 'active' | 'committed' | 'aborted' = 'active';
  /** why it was aborted by someone else: its next command answers this */
  abortReason: TransientTransactionError | null = null;
  /** the commit's journal record is durable (a retried commitTransaction waits for it too) */
  durable: Promise<void> | null = null;
  readonly snapshot: number;
  /** its writes to committed collections: document key → new version (null: deleted) */
  private readonly writes = new Map<Collection, Delta>();
  /** collections it created: only it sees them until commit */
  private readonly created = new Map<string, Collection>();
  private readonly claimed = new Set<string>();
  private readonly views = new Map<Collection, CollectionView>();
  private readonly deltas = new Map<Collection, { seq: number; writes: number; delta: Delta }>();
  private writeCount = 0;
  private finished!: () => void;
  /** resolves when it commits or aborts */
  readonly ended = new Promise<void>((resolve) => (this.finished = resolve));
  timer: NodeJS.Timeout | null = null;

  constructor(
    readonly session: string,
    readonly txnNumber: number,
    private readonly engine: StorageEngine,
  ) {
    this.snapshot = engine.versions.begin();
  }

  get active(): boolean {
    return this.state === 'active';
  }

  // ---- reads -----------------------------------------------------------------------------------

  collection(db: string, name: string): Collection | undefined {
    const mine = this.created.get(`${db}.${name}`);
    if (mine) return mine;
    const base = this.engine.collection(db, name);
    return base ? this.viewOf(base) : undefined;
  }

  collections(db: string): Collection[] {
    const mine = [...this.created.values()].filter((c) => c.db === db);
    return [...this.engine.collections(db).map((c) => this.viewOf(c)), ...mine];
  }

  isCreatedHere(coll: Collection): boolean {
    return this.created.get(coll.ns) === coll;
  }

  createCollection(db: string, name: string, options: Document): Collection {
    const coll = new Collection(db, name, options);
    this.created.set(coll.ns, coll);
    return coll;
  }

  private viewOf(base: Collection): CollectionView {
    let view = this.views.get(base);
    if (!view) this.views.set(base, (view = new CollectionView(base, () => this.deltaOf(base))));
    return view;
  }

  /** What this transaction sees differently in `base`: snapshot versions, then its own writes. */
  private deltaOf(base: Collection): Delta {
    const seq = this.engine.versions.seq;
    const cached = this.deltas.get(base);
    if (cached && cached.seq === seq && cached.writes === this.writeCount) return cached.delta;
    const delta: Delta = this.engine.versions.asOf(base, this.snapshot) ?? new Map();
    for (const [key, doc] of this.writes.get(base) ?? []) delta.set(key, doc);
    this.deltas.set(base, { seq, writes: this.writeCount, delta });
    return delta;
  }

  // ---- writes ----------------------------------------------------------------------------------

  /** Records a write after MongoDB's conflict rules; `doc` null deletes. */
  write(view: CollectionView, key: string, doc: Document | null, inserting: boolean): void {
    const base = view.base;
    const intents = this.engine.intents;
    const docIntent = intents.docKey(base, key);
    if (intents.holder(docIntent, this)) throw errors.writeConflict();
    // changed by a commit after the snapshot (also: inserted by one, so invisible here)
    if (this.engine.versions.changedSince(base, key, this.snapshot)) throw errors.writeConflict();
    if (inserting && view.docs.has(key))
      throw new DuplicateKeyError(base.ns, '_id_', { _id: 1 }, { _id: doc!._id });
    const uniqueKeys = doc ? this.checkUnique(view, key, doc) : [];
    let delta = this.writes.get(base);
    if (!delta) this.writes.set(base, (delta = new Map()));
    delta.set(key, doc);
    this.writeCount++;
    for (const k of [docIntent, ...uniqueKeys]) {
      if (this.claimed.has(k)) continue;
      intents.claim(k, this);
      this.claimed.add(k);
    }
  }

  /**
   * Unique indexes, as this transaction sees the collection: a key another open transaction holds
   * is a WriteConflict; one a document visible here holds is a DuplicateKey; one that only a
   * commit after the snapshot took is a WriteConflict too (the retry then sees the duplicate).
   */
  private checkUnique(view: CollectionView, key: string, doc: Document): string[] {
    const base = view.base;
    const intents = this.engine.intents;
    const keys = intents.uniqueKeys(base, doc);
    if (keys.length === 0) return keys;
    for (const k of keys) if (intents.holder(k, this)) throw errors.writeConflict();
    const mine = this.writes.get(base);
    for (const index of base.indexes.values()) {
      if (!index.spec.unique) continue;
      for (const entry of index.entries(doc)) {
        const dup = () => {
          const keyValue: Document = {};
          index.fields.forEach((f, i) => (keyValue[f] = entry.tuple[i] ?? null));
          return new DuplicateKeyError(base.ns, index.name, index.spec.key, keyValue);
        };
        const tuple = entry.keys.join('\u0001');
        // its own other writes
        for (const [otherKey, other] of mine ?? []) {
          if (otherKey === key || !other) continue;
          if (index.entries(other).some((e) => e.keys.join('\u0001') === tuple)) throw dup();
        }
        // committed holders of the key
        let node = index.root.children?.get(entry.keys[0]);
        for (let i = 1; node && i < entry.keys.length; i++) node = node.children?.get(entry.keys[i]);
        for (const holder of node?.ids ?? []) {
          if (holder === key || mine?.has(holder)) continue; // its own version was checked above
          if (this.engine.versions.changedSince(base, holder, this.snapshot)) throw errors.writeConflict();
          throw dup();
        }
      }
    }
    return keys;
  }

  /** Index builds inside a transaction: only on a collection it created (as MongoDB allows). */
  createIndex(coll: Collection, spec: IndexSpec): boolean {
    if (!this.isCreatedHere(coll)) throw errors.notInTransaction('createIndexes on an existing collection');
    return coll.createIndex(spec);
  }

  // ---- commit and abort --------------------------------------------------------------------------

  /**
   * Applies the write set to the collections (synchronous: nothing else runs in between) and
   * returns the batch to commit. Throws WriteConflict, changing nothing, if it cannot apply whole.
   */
  apply(): WriteBatch {
    const engine = this.engine;
    for (const [base, delta] of this.writes) {
      if (engine.collection(base.db, base.name) !== base) throw errors.writeConflict(); // dropped meanwhile
      for (const key of delta.keys())
        if (engine.versions.changedSince(base, key, this.snapshot)) throw errors.writeConflict();
    }
    for (const coll of this.created.values())
      if (engine.collection(coll.db, coll.name)) throw errors.writeConflict(); // created meanwhile
    // deletes first, so a key one document gives up is free for another; if two documents swap
    // unique keys, the second try takes every changed document out before putting them back
    for (const removeAllFirst of [false, true]) {
      const batch = new WriteBatch(this);
      try {
        for (const [base, delta] of this.writes) {
          for (const [key, doc] of delta) {
            const old = base.docs.get(key);
            if (old && (!doc || removeAllFirst)) engine.remove(batch, base, old._id);
          }
          for (const doc of delta.values()) if (doc) engine.put(batch, base, doc);
        }
        for (const mine of this.created.values()) {
          const coll = engine.ensureCollection(batch, mine.db, mine.name, mine.options);
          for (const index of mine.indexes.values()) engine.createIndex(batch, coll, index.spec);
          for (const doc of mine.docs.values()) engine.insert(batch, coll, doc);
        }
        return batch;
      } catch (e) {
        batch.rollback();
        if (!(e instanceof DuplicateKeyError || e instanceof Blocked)) throw e;
      }
    }
    throw errors.writeConflict();
  }

  /** Marks it committed (after `apply` and the engine's commit of the batch). */
  committed(durable: Promise<void>): void {
    this.durable = durable;
    this.finish('committed');
  }

  abort(reason: TransientTransactionError | null = null): void {
    if (this.state !== 'active') return;
    this.abortReason = reason;
    this.finish('aborted');
  }

  private finish(state: 'committed' | 'aborted'): void {
    if (this.timer) clearTimeout(this.timer);
    this.state = state;
    this.writes.clear();
    this.created.clear();
    this.deltas.clear();
    this.engine.intents.release(this.claimed, this);
    this.engine.versions.end(this.snapshot);
    this.finished();
  }
}
