/**
 * A collection as one transaction sees it: the committed collection, except for the documents in
 * its delta (its own uncommitted writes, and the documents other commits changed after its
 * snapshot, as they were at the snapshot). Queries plan around the delta (planner.ts overlayPlan);
 * `docs` answers lookups and iteration the same way for the code that reads documents directly
 * ($lookup, aggregate without $match, counts). Writes never go through a view: the transaction's
 * engine (txn-engine.ts) records them in its write set.
 */
import type { Document } from 'bson';
import { Collection, type Overlay } from '../engine/collection';
import { errors } from '../engine/errors';
import { valueKey } from '../engine/values';

/** The documents of a view: a read-only Map over the committed ones with the delta applied. */
class VisibleDocs extends Map<string, Document> {
  constructor(
    private readonly base: Map<string, Document>,
    private readonly delta: () => Map<string, Document | null>,
  ) {
    super();
  }

  override get(key: string): Document | undefined {
    const d = this.delta();
    if (d.has(key)) return d.get(key) ?? undefined;
    return this.base.get(key);
  }

  override has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  override get size(): number {
    let n = this.base.size;
    for (const [key, doc] of this.delta()) n += (doc ? 1 : 0) - (this.base.has(key) ? 1 : 0);
    return n;
  }

  override *entries(): MapIterator<[string, Document]> {
    const d = this.delta();
    for (const entry of this.base) if (!d.has(entry[0])) yield entry;
    for (const [key, doc] of d) if (doc) yield [key, doc];
  }

  override *keys(): MapIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  override *values(): MapIterator<Document> {
    for (const [, doc] of this.entries()) yield doc;
  }

  override [Symbol.iterator](): MapIterator<[string, Document]> {
    return this.entries();
  }

  override forEach(fn: (value: Document, key: string, map: Map<string, Document>) => void): void {
    for (const [key, doc] of this.entries()) fn(doc, key, this);
  }

  override set(): this {
    throw errors.badValue('devdb: a transaction view is read-only');
  }

  override delete(): boolean {
    throw errors.badValue('devdb: a transaction view is read-only');
  }
}

export class CollectionView extends Collection {
  constructor(
    readonly base: Collection,
    private readonly delta: () => Map<string, Document | null>,
  ) {
    super(base.db, base.name, base.options, new VisibleDocs(base.docs, delta), base.indexes);
  }

  override overlay(): Overlay {
    return { base: this.base, delta: this.delta() };
  }

  override get(id: unknown): Document | undefined {
    return this.docs.get(valueKey(id));
  }

  override insert(): void {
    throw errors.badValue('devdb: writes in a transaction go through its write set');
  }

  override put(): void {
    throw errors.badValue('devdb: writes in a transaction go through its write set');
  }

  override delete(): Document | undefined {
    throw errors.badValue('devdb: writes in a transaction go through its write set');
  }

  override createIndex(): boolean {
    throw errors.badValue('devdb: writes in a transaction go through its write set');
  }
}
