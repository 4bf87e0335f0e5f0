/**
 * A collection: documents by canonical _id key and its secondary indexes (planner.ts decides
 * how a query reads them). Writes here are synchronous and check every unique index before
 * changing anything, so one command's effect on one document is atomic.
 */
import type { Document } from 'bson';
import { DuplicateKeyError } from './errors';
import { SecondaryIndex, type IndexSpec } from './index-def';
import { valueKey } from './values';

/** What a transaction sees of a collection that differs from the collection itself. */
export interface Overlay {
  /** the collection as committed */
  base: Collection;
  /** documents the reader sees differently: its own writes, and versions from its snapshot (null: absent) */
  delta: Map<string, Document | null>;
}

export class Collection {
  constructor(
    readonly db: string,
    public name: string,
    readonly options: Document = {},
    readonly docs: Map<string, Document> = new Map(),
    readonly indexes: Map<string, SecondaryIndex> = new Map(),
  ) {}

  /** A transaction's view of a collection answers its overlay here (planner.ts plans around it). */
  overlay(): Overlay | null {
    return null;
  }

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  keyOf(doc: Document): string {
    return valueKey(doc._id);
  }

  get(id: unknown): Document | undefined {
    return this.docs.get(valueKey(id));
  }

  /** Throws DuplicateKeyError (and changes nothing) if `doc` collides on _id or a unique index. */
  checkUnique(doc: Document, replacingKey: string | null): void {
    const key = this.keyOf(doc);
    if (key !== replacingKey && this.docs.has(key)) {
      throw new DuplicateKeyError(this.ns, '_id_', { _id: 1 }, { _id: doc._id });
    }
    for (const index of this.indexes.values()) {
      const hit = index.conflict(doc, replacingKey ?? key);
      if (hit) {
        const keyValue: Document = {};
        index.fields.forEach((f, i) => (keyValue[f] = hit.tuple[i] ?? null));
        throw new DuplicateKeyError(this.ns, index.name, index.spec.key, keyValue);
      }
    }
  }

  /** Inserts a new document: an existing _id is a duplicate key, never a replacement. */
  insert(doc: Document): void {
    this.checkUnique(doc, null);
    this.put(doc);
  }

  /** Inserts or replaces (by _id) after the unique check. */
  put(doc: Document): void {
    const key = this.keyOf(doc);
    const old = this.docs.get(key);
    this.checkUnique(doc, old ? key : null);
    this.docs.set(key, doc);
    for (const index of this.indexes.values()) {
      if (old) index.replace(old, doc, key);
      else index.add(doc, key);
    }
  }

  delete(id: unknown): Document | undefined {
    const key = valueKey(id);
    const old = this.docs.get(key);
    if (!old) return undefined;
    for (const index of this.indexes.values()) index.remove(old, key);
    this.docs.delete(key);
    return old;
  }

  createIndex(spec: IndexSpec): boolean {
    const existing = this.indexes.get(spec.name);
    if (existing) return false;
    const index = new SecondaryIndex(spec);
    for (const [key, doc] of this.docs) {
      const hit = index.conflict(doc, key);
      if (hit) {
        const keyValue: Document = {};
        index.fields.forEach((f, i) => (keyValue[f] = hit.tuple[i] ?? null));
        throw new DuplicateKeyError(this.ns, spec.name, spec.key, keyValue);
      }
      index.add(doc, key);
    }
    this.indexes.set(spec.name, index);
    return true;
  }

  listIndexes(): Document[] {
    return [{ v: 2, key: { _id: 1 }, name: '_id_' }, ...[...this.indexes.values()].map((i) => i.describe())];
  }
}
