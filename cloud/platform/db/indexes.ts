/**
 * Every index the app relies on, declared in code. Unique indexes carry business rules (one
 * member per openid and per ID number; one idempotency record per key); the rest serve the
 * queries named beside them. Domains add theirs through `registerIndexes`.
 *
 * They are ensured once per deploy, before the new code takes traffic (`npm run db:indexes`,
 * cloud/ops/ensure-indexes.ts), and by the dev server before it listens; never by a function
 * instance. The rules a unique index carries must hold from a deploy's first request, which an
 * instance building indexes beside its first request cannot promise (and in front of it, it cost
 * every cold start about 9 ms); a failed build (say, duplicates left by older code) stops the
 * deploy instead of being a log line while requests run without the rule; and a new index on a
 * large collection is built once, not started by each of many instances racing on their cold
 * starts. Measured: docs/benchmarks.md.
 */
import type { Db, IndexDescription } from 'mongodb';

const registry = new Map<string, IndexDescription[]>();

export function registerIndexes(collection: string, indexes: IndexDescription[]): void {
  registry.set(collection, [...(registry.get(collection) ?? []), ...indexes]);
}

registerIndexes('members', [
  { key: { openid: 1 }, name: 'openid_unique', unique: true },
  // one member per person; members without an ID number yet are not indexed
  {
    key: { idNumberHash: 1 },
    name: 'idNumberHash_unique',
    unique: true,
    partialFilterExpression: { idNumberHash: { $type: 'string' } },
  },
  { key: { orgPath: 1 }, name: 'orgPath' },
]);
registerIndexes('orgs', [{ key: { parentId: 1 }, name: 'parentId' }]);
registerIndexes('auditLog', [
  { key: { entity: 1, entityId: 1, at: -1 }, name: 'entity_at' },
  { key: { actorId: 1, at: -1 }, name: 'actor_at' },
]);
// retried requests within a day replay the first answer; older keys expire
registerIndexes('idempotencyKeys', [
  { key: { createdAt: 1 }, name: 'ttl_createdAt', expireAfterSeconds: 86400 },
]);
registerIndexes('notifications', [
  { key: { memberId: 1, createdAt: -1 }, name: 'member_createdAt' },
  { key: { memberId: 1, dedupeKey: 1 }, name: 'member_dedupe_unique', unique: true },
]);

/**
 * Creates the declared indexes that are missing, one `createIndexes` per collection, at once.
 * The registry holds what the modules loaded so far declared: load every function first
 * (cloud/functions/registry.ts), as the script and the dev server do.
 */
export async function ensureIndexes(db: Db): Promise<void> {
  await Promise.all(
    [...registry].map(([collection, indexes]) => db.collection(collection).createIndexes(indexes)),
  );
}

/** What the loaded modules declared, per collection. */
export function declaredIndexes(): ReadonlyMap<string, readonly IndexDescription[]> {
  return registry;
}
