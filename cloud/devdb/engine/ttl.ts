/**
 * TTL indexes: every `intervalMs` (MongoDB: 60 s; devdb: 1 s by default) delete documents whose
 * indexed date (or the earliest date in an array) is older than expireAfterSeconds. The index's
 * first level is read in BSON order from its first date up to the cutoff, so a sweep reads only
 * the expired keys, not the collection. Runs as an ordinary write, journaled like any other; a
 * document an open transaction has written is left for the next sweep.
 */
import type { StorageEngine } from './engine';
import { Blocked } from './intents';
import type { SecondaryIndex } from './index-def';
import { WriteBatch } from './write-batch';

const EARLIEST_DATE = new Date(-8.64e15);

/** ids whose indexed date (any element of an array: so the earliest) is at or before `cutoff`. */
function expiredIds(index: SecondaryIndex, cutoff: number): string[] {
  const list = index.root.sorted();
  const ids: string[] = [];
  for (let i = index.root.lowerBound(EARLIEST_DATE, false); i < list.length; i++) {
    const value = list[i].value;
    if (!(value instanceof Date) || value.getTime() > cutoff) break;
    for (const id of list[i].ids) ids.push(id);
  }
  return ids;
}

export async function sweepExpired(engine: StorageEngine, now = Date.now()): Promise<number> {
  const batch = new WriteBatch();
  for (const colls of engine.dbs.values()) {
    for (const coll of colls.values()) {
      for (const index of coll.indexes.values()) {
        const seconds = index.spec.expireAfterSeconds;
        if (typeof seconds !== 'number' || index.fields.length !== 1) continue;
        for (const id of expiredIds(index, now - seconds * 1000)) {
          const doc = coll.docs.get(id);
          try {
            if (doc) engine.remove(batch, coll, doc._id);
          } catch (e) {
            if (!(e instanceof Blocked)) throw e;
          }
        }
      }
    }
  }
  await engine.commit(batch);
  return batch.ops.length;
}

export function startTtlMonitor(engine: StorageEngine, intervalMs: number): () => void {
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
