/** Open cursors: the rest of a result set, handed out batch by batch through getMore. */
import { Long, type Document } from 'bson';
import { errors } from './errors';

interface OpenCursor {
  ns: string;
  docs: Document[];
  pos: number;
  touched: number;
}

const IDLE_MS = 10 * 60 * 1000;

export class CursorStore {
  private readonly open = new Map<string, OpenCursor>();
  private next = 1000 + Math.floor(Math.random() * 1e6);

  /** Returns the first batch and the cursor id (0 when everything fit). */
  start(
    ns: string,
    docs: Document[],
    batchSize: number,
    single = false,
  ): { firstBatch: Document[]; id: Long } {
    this.sweep();
    const firstBatch = docs.slice(0, batchSize);
    if (single || firstBatch.length === docs.length) return { firstBatch, id: Long.ZERO };
    const id = this.next++;
    this.open.set(String(id), { ns, docs, pos: firstBatch.length, touched: Date.now() });
    return { firstBatch, id: Long.fromNumber(id) };
  }

  more(id: unknown, batchSize: number | undefined): { ns: string; nextBatch: Document[]; id: Long } {
    const key = String(id);
    const c = this.open.get(key);
    if (!c) throw errors.cursorNotFound(id);
    const size = batchSize && batchSize > 0 ? batchSize : c.docs.length;
    const nextBatch = c.docs.slice(c.pos, c.pos + size);
    c.pos += nextBatch.length;
    c.touched = Date.now();
    if (c.pos >= c.docs.length) {
      this.open.delete(key);
      return { ns: c.ns, nextBatch, id: Long.ZERO };
    }
    return { ns: c.ns, nextBatch, id: Long.fromNumber(Number(key)) };
  }

  kill(ids: unknown[]): { killed: Long[]; notFound: Long[] } {
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const id of ids) {
      const n = Long.fromNumber(Number(String(id)));
      (this.open.delete(String(id)) ? killed : notFound).push(n);
    }
    return { killed, notFound };
  }

  private sweep(): void {
    const now = Date.now();
    for (const [k, c] of this.open) if (now - c.touched > IDLE_MS) this.open.delete(k);
  }
}
