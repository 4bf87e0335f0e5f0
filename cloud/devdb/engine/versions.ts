/**
 * Snapshot reads for transactions (multi-version concurrency control, kept small).
 *
 * The collections always hold the latest committed state. Every commit (one write command, or one
 * transaction) gets the next sequence number. A transaction reads "as of" the sequence number it
 * started at: its snapshot. For that, while any transaction is open, each commit keeps the
 * version a document had before it (its before-image) under the commit's number; a reader at
 * snapshot S sees, for every document changed after S, the before-image of the first commit after
 * S (null: it did not exist yet), and the live document for everything else. Before-images that
 * no open snapshot can need any more are dropped as transactions end, so with no transaction open
 * nothing is kept at all.
 *
 * Documents are never changed in place (every write stores a new object), so a before-image is the
 * very object the collection held, not a copy.
 */
import type { Document } from 'bson';
import type { Collection } from './collection';

/** One document changed by one commit, and what it was before. */
export interface Change {
  coll: Collection;
  key: string;
  before: Document | null;
}

interface BeforeImage {
  seq: number;
  before: Document | null;
}

export class Versions {
  /** sequence number of the last commit */
  seq = 0;
  /** open snapshots → how many transactions read at each */
  private readonly open = new Map<number, number>();
  private readonly history = new Map<Collection, Map<string, BeforeImage[]>>();

  /** A transaction starts: it reads as of now. */
  begin(): number {
    this.open.set(this.seq, (this.open.get(this.seq) ?? 0) + 1);
    return this.seq;
  }

  /** A transaction ended: before-images only it needed are dropped. */
  end(snapshot: number): void {
    const n = this.open.get(snapshot);
    if (n === undefined) return;
    if (n > 1) {
      this.open.set(snapshot, n - 1);
      return;
    }
    this.open.delete(snapshot);
    this.prune();
  }

  /** Records a commit; returns its sequence number. */
  commit(changes: readonly Change[]): number {
    this.seq++;
    if (this.open.size === 0 || changes.length === 0) return this.seq;
    for (const { coll, key, before } of changes) {
      let docs = this.history.get(coll);
      if (!docs) this.history.set(coll, (docs = new Map()));
      const images = docs.get(key);
      // a document changed twice in one commit keeps the image from before the commit
      if (images?.at(-1)?.seq === this.seq) continue;
      if (images) images.push({ seq: this.seq, before });
      else docs.set(key, [{ seq: this.seq, before }]);
    }
    return this.seq;
  }

  /** Has a commit after `snapshot` changed this document? */
  changedSince(coll: Collection, key: string, snapshot: number): boolean {
    const images = this.history.get(coll)?.get(key);
    return images !== undefined && images[images.length - 1].seq > snapshot;
  }

  /**
   * The documents of `coll` that changed after `snapshot`, each as it was at the snapshot (null:
   * it did not exist). Everything else a reader at `snapshot` sees as the collection holds it.
   */
  asOf(coll: Collection, snapshot: number): Map<string, Document | null> | null {
    const docs = this.history.get(coll);
    if (!docs) return null;
    let out: Map<string, Document | null> | null = null;
    for (const [key, images] of docs) {
      if (images[images.length - 1].seq <= snapshot) continue;
      const first = images.find((i) => i.seq > snapshot)!;
      (out ??= new Map()).set(key, first.before);
    }
    return out;
  }

  /** How many before-images are kept (for tests: none once every transaction has ended). */
  size(): number {
    let n = 0;
    for (const docs of this.history.values()) for (const images of docs.values()) n += images.length;
    return n;
  }

  private prune(): void {
    if (this.open.size === 0) {
      this.history.clear();
      return;
    }
    const oldest = Math.min(...this.open.keys());
    for (const [coll, docs] of this.history) {
      for (const [key, images] of docs) {
        // an image of commit s serves readers older than s; none is left when s <= oldest
        const keep = images.filter((i) => i.seq > oldest);
        if (keep.length === 0) docs.delete(key);
        else if (keep.length !== images.length) docs.set(key, keep);
      }
      if (docs.size === 0) this.history.delete(coll);
    }
  }
}
