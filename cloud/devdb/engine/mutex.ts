/**
 * The engine's single writer lock. A transaction holds it from its first command to commit or
 * abort; every other command waits for it, so transactions are serializable and no one reads
 * a transaction's uncommitted writes. A waiter may give up after a timeout (a transaction that
 * cannot start then reports a WriteConflict, which the driver retries).
 */
interface Waiter {
  owner: string;
  resolve: () => void;
  reject: (e: Error) => void;
  timer?: NodeJS.Timeout;
}

export class LockTimeout extends Error {}

export class Mutex {
  private owner: string | null = null;
  private readonly queue: Waiter[] = [];

  get holder(): string | null {
    return this.owner;
  }

  /** Takes the lock now if nobody holds or waits for it (no promise, no microtask). */
  tryAcquire(owner: string): boolean {
    if (this.owner !== null || this.queue.length > 0) return false;
    this.owner = owner;
    return true;
  }

  acquire(owner: string, timeoutMs?: number): Promise<void> {
    if (this.owner === null && this.queue.length === 0) {
      this.owner = owner;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { owner, resolve, reject };
      if (timeoutMs !== undefined) {
        waiter.timer = setTimeout(() => {
          const i = this.queue.indexOf(waiter);
          if (i >= 0) this.queue.splice(i, 1);
          reject(new LockTimeout());
        }, timeoutMs);
      }
      this.queue.push(waiter);
    });
  }

  release(owner: string): void {
    if (this.owner !== owner) return;
    const next = this.queue.shift();
    if (next) {
      if (next.timer) clearTimeout(next.timer);
      this.owner = next.owner;
      next.resolve();
    } else {
      this.owner = null;
    }
  }
}
