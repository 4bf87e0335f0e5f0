/**
 * Write intents: the documents and unique keys an open transaction has written and not yet
 * committed. They give devdb MongoDB's write-conflict rules without any lock held across round
 * trips:
 *  - a transaction writing a document (or unique key) another open transaction holds gets
 *    WriteConflict at once (the driver's withTransaction retries it), as in MongoDB;
 *  - a write outside any transaction that meets one is `Blocked`: it undoes what it did so far
 *    and waits for that transaction to end, as MongoDB's does (bounded: see dispatch.ts);
 *  - reads never look here: they see committed data only.
 */
import type { Document } from 'bson';
import type { Collection } from './collection';

/** An open transaction, as the engine needs to know it. */
export interface IntentHolder {
  readonly active: boolean;
}

/** A write outside a transaction met a document or unique key `holder` has written. */
export class Blocked extends Error {
  constructor(readonly holder: IntentHolder) {
    super('blocked by an open transaction');
  }
}

const SEP = '\u0000';

export class Intents {
  private readonly held = new Map<string, IntentHolder>();

  get size(): number {
    return this.held.size;
  }

  docKey(coll: Collection, key: string): string {
    return `${coll.ns}${SEP}${key}`;
  }

  /** One intent key per unique index entry the document has (partial / sparse rules applied). */
  uniqueKeys(coll: Collection, doc: Document): string[] {
    const out: string[] = [];
    for (const index of coll.indexes.values()) {
      if (!index.spec.unique) continue;
      for (const e of index.entries(doc))
        out.push(`${coll.ns}${SEP}${index.name}${SEP}${e.keys.join('\u0001')}`);
    }
    return out;
  }

  /** The open transaction holding this key, other than `self`. */
  holder(key: string, self: unknown): IntentHolder | null {
    const h = this.held.get(key);
    return h && h !== self && h.active ? h : null;
  }

  /**
   * For a write to `coll` (document `key`, new version `doc`, null for a delete): throws Blocked
   * when an open transaction other than `self` holds the document or one of its unique keys.
   */
  check(coll: Collection, key: string, doc: Document | null, self: unknown): void {
    const h = this.holder(this.docKey(coll, key), self);
    if (h) throw new Blocked(h);
    if (doc)
      for (const k of this.uniqueKeys(coll, doc)) {
        const u = this.holder(k, self);
        if (u) throw new Blocked(u);
      }
  }

  /** Throws Blocked when an open transaction holds anything in this namespace (drop, rename). */
  checkNamespace(ns: string, self: unknown): void {
    const prefix = `${ns}${SEP}`;
    for (const [k, h] of this.held) if (k.startsWith(prefix) && h !== self && h.active) throw new Blocked(h);
  }

  claim(key: string, holder: IntentHolder): void {
    this.held.set(key, holder);
  }

  release(keys: Iterable<string>, holder: IntentHolder): void {
    for (const k of keys) if (this.held.get(k) === holder) this.held.delete(k);
  }
}
