/**
 * Retryable writes: a write sent with `lsid` + `txnNumber` outside a transaction runs once. The
 * driver sends it again after a network error or a pool clear, often while the first attempt is
 * still running here (waiting for a transaction's document, or for its fsync): the retry is then
 * recognised at once and answered with the first attempt's reply when that one finishes, instead
 * of running a second time. A reply is remembered once it is final, for the last 10 000 writes;
 * an attempt that failed as a whole (no reply) is forgotten, so a retry runs it again.
 */
import type { Document } from 'bson';

const REMEMBERED = 10_000;

export class RetryMemory {
  private readonly done = new Map<string, Document>();
  private readonly running = new Map<string, Promise<Document>>();

  /** The first attempt's reply (or the promise of it, while it runs). */
  find(key: string): Document | Promise<Document> | undefined {
    return this.done.get(key) ?? this.running.get(key);
  }

  /** Runs the first attempt of `key`; later attempts get its reply through `find`. */
  run(key: string, attempt: () => Promise<Document>): Promise<Document> {
    const p = attempt();
    this.running.set(key, p);
    p.then(
      (reply) => {
        this.running.delete(key);
        // a reply with write errors may succeed when run again (the conflicting key may be gone)
        if (reply.ok === 1 && !reply.writeErrors) this.remember(key, reply);
      },
      () => this.running.delete(key),
    );
    return p;
  }

  private remember(key: string, reply: Document): void {
    this.done.set(key, reply);
    if (this.done.size > REMEMBERED) this.done.delete(this.done.keys().next().value!);
  }
}
