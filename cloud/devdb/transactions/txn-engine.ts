/**
 * The engine a command running inside a transaction gets (commands/context.ts): the same calls
 * as the storage engine, answered from the transaction's snapshot and recorded in its write set
 * (transaction.ts). The batch a handler passes is not used: nothing reaches the collections
 * before commit. DDL that MongoDB refuses inside transactions is refused the same way (263).
 */
import type { Document } from 'bson';
import type { Collection } from '../engine/collection';
import type { Engine } from '../engine/engine';
import { errors } from '../engine/errors';
import type { LocalSessions } from '../engine/local-sessions';
import type { IndexSpec } from '../engine/index-def';
import type { WriteBatch } from '../engine/write-batch';
import { CollectionView } from './collection-view';
import type { Transaction } from './transaction';

export class TxnEngine implements Engine {
  constructor(
    private readonly live: Engine,
    private readonly txn: Transaction,
  ) {}

  get dbs(): Map<string, Map<string, Collection>> {
    return this.live.dbs;
  }

  get sessions(): LocalSessions {
    return this.live.sessions;
  }

  collection(db: string, name: string): Collection | undefined {
    return this.txn.collection(db, name);
  }

  collections(db: string): Collection[] {
    return this.txn.collections(db);
  }

  ensureCollection(_batch: WriteBatch, db: string, name: string, options: Document = {}): Collection {
    const existing = this.txn.collection(db, name);
    if (existing) return existing;
    if (!/^[^$\0]+$/.test(name) || name.length > 200)
      throw errors.badValue(`Invalid collection name: ${name}`);
    return this.txn.createCollection(db, name, options);
  }

  insert(_batch: WriteBatch, coll: Collection, doc: Document): void {
    if (this.txn.isCreatedHere(coll)) coll.insert(doc);
    else this.txn.write(this.viewOf(coll), coll.keyOf(doc), doc, true);
  }

  put(_batch: WriteBatch, coll: Collection, doc: Document): void {
    if (this.txn.isCreatedHere(coll)) coll.put(doc);
    else this.txn.write(this.viewOf(coll), coll.keyOf(doc), doc, false);
  }

  remove(_batch: WriteBatch, coll: Collection, id: unknown): void {
    if (this.txn.isCreatedHere(coll)) {
      coll.delete(id);
      return;
    }
    const view = this.viewOf(coll);
    const doc = view.get(id);
    if (doc) this.txn.write(view, view.keyOf(doc), null, false);
  }

  createIndex(_batch: WriteBatch, coll: Collection, spec: IndexSpec): boolean {
    return this.txn.createIndex(coll, spec);
  }

  dropIndex(): void {
    throw errors.notInTransaction('dropIndexes');
  }

  dropCollection(): boolean {
    throw errors.notInTransaction('drop');
  }

  renameCollection(): void {
    throw errors.notInTransaction('renameCollection');
  }

  dropDatabase(): void {
    throw errors.notInTransaction('dropDatabase');
  }

  private viewOf(coll: Collection): CollectionView {
    if (coll instanceof CollectionView) return coll;
    // a handler that kept the committed collection itself: answer through this transaction's view
    const view = this.txn.collection(coll.db, coll.name);
    if (!(view instanceof CollectionView)) throw errors.writeConflict();
    return view;
  }
}
