/**
 * TTL indexes: every `intervalMs` (MongoDB: 60 s; devdb: 1 s by default) delete documents whose
 * indexed date (or the earliest date in an array) is older than expireAfterSeconds. Runs as an
 * ordinary write under the lock, journaled like any other.
 */
import type { Document } from 'bson';
import type { Engine } from './engine';
import { readPath } from './values';
import { WriteBatch } from './write-batch';

function expiresAt(doc: Document, field: string, seconds: number): number | null {
  const dates = readPath(doc, field)
    .flatMap((v) => (Array.isArray(v) ? v : [v]))
    .filter((v): v is Date => v instanceof Date);
  if (dates.length === 0) return null;
  return Math.min(...dates.map((d) => d.getTime())) + seconds * 1000;
}

export async function sweepExpired(engine: Engine, now = Date.now()): Promise<number> {
  await engine.lock.acquire('ttl');
  const batch = new WriteBatch();
  let durable: Promise<void>;
  try {
    for (const colls of engine.dbs.values()) {
      for (const coll of colls.values()) {
        for (const index of coll.indexes.values()) {
          const seconds = index.spec.expireAfterSeconds;
          if (typeof seconds !== 'number' || index.fields.length !== 1) continue;
          for (const doc of [...coll.docs.values()]) {
            const at = expiresAt(doc, index.fields[0], seconds);
            if (at !== null && at <= now) engine.remove(batch, coll, doc._id);
          }
        }
      }
    }
  } finally {
    durable = engine.persist(batch);
    engine.lock.release('ttl');
  }
  await durable;
  return batch.ops.length;
}

export function startTtlMonitor(engine: Engine, intervalMs: number): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepExpired(engine)
      .catch(() => undefined)
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
