/**
 * A collection: documents by canonical _id key, its secondary indexes, and the query planner
 * that picks candidate documents from an index before mingo applies the full filter. Writes
 * here are synchronous and check every unique index before changing anything, so one command's
 * effect on one document is atomic.
 */
import type { Document } from 'bson';
import { DuplicateKeyError } from './errors';
import { SecondaryIndex, type IndexSpec } from './index-def';
import { valueKey } from './values';

const RANGE_OPS = ['$gt', '$gte', '$lt', '$lte'] as const;

function isOperatorObject(v: unknown): v is Document {
  if (!v || typeof v !== 'object' || Array.isArray(v) || (v as { _bsontype?: string })._bsontype)
    return false;
  if (v instanceof Date || v instanceof RegExp) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}

/** The values a predicate requires a field to equal (plain value, $eq or $in), or null. */
function equalityValues(pred: unknown): unknown[] | null {
  if (pred === undefined) return null;
  const plain = (v: unknown) => !Array.isArray(v) && !(v instanceof RegExp);
  if (!isOperatorObject(pred)) return plain(pred) ? [pred] : null;
  const keys = Object.keys(pred);
  if (keys.length === 1 && '$eq' in pred && plain(pred.$eq)) return [pred.$eq];
  if (keys.length === 1 && Array.isArray(pred.$in) && pred.$in.every(plain)) {
    // {$in: [null]} also matches a missing field, indexed as null
    return pred.$in.some((v: unknown) => v === null) ? [...pred.$in, undefined] : pred.$in;
  }
  return null;
}

export class Collection {
  readonly docs = new Map<string, Document>();
  readonly indexes = new Map<string, SecondaryIndex>();

  constructor(
    readonly db: string,
    public name: string,
    readonly options: Document = {},
  ) {}

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
    if (old) for (const index of this.indexes.values()) index.remove(old, key);
    this.docs.set(key, doc);
    for (const index of this.indexes.values()) index.add(doc, key);
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

  /**
   * Candidate documents for a filter: by _id, or through the index whose leading field has an
   * equality / $in / range predicate giving the fewest ids; all documents otherwise.
   */
  candidates(filter: Document): Iterable<Document> {
    const idPred = filter._id;
    if (idPred !== undefined) {
      if (!isOperatorObject(idPred)) {
        const d = this.get(idPred);
        return d ? [d] : [];
      }
      if (Array.isArray(idPred.$in) && Object.keys(idPred).length === 1) {
        return idPred.$in
          .map((v: unknown) => this.get(v))
          .filter((d: Document | undefined): d is Document => !!d);
      }
    }
    let best: Set<string> | null = null;
    for (const index of this.indexes.values()) {
      if (index.spec.partialFilterExpression || index.spec.sparse) continue; // they omit documents
      const prefix: unknown[][] = [];
      for (const field of index.fields) {
        const values = equalityValues(filter[field]);
        if (!values) break;
        prefix.push(values);
      }
      let ids: Set<string> | null = null;
      if (prefix.length > 0) {
        ids = index.idsForPrefix(prefix);
      } else {
        const pred = filter[index.fields[0]];
        if (isOperatorObject(pred) && !index.multikey && RANGE_OPS.some((op) => op in pred)) {
          ids = index.idsForRange({ gt: pred.$gt, gte: pred.$gte, lt: pred.$lt, lte: pred.$lte });
        }
      }
      if (ids && (!best || ids.size < best.size)) best = ids;
    }
    if (!best) return this.docs.values();
    const docs: Document[] = [];
    for (const id of best) {
      const d = this.docs.get(id);
      if (d) docs.push(d);
    }
    return docs;
  }

  listIndexes(): Document[] {
    return [{ v: 2, key: { _id: 1 }, name: '_id_' }, ...[...this.indexes.values()].map((i) => i.describe())];
  }
}
