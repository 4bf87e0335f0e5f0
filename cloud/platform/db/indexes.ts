/**
 * Every index the app relies on, declared in code and ensured at start. Unique indexes carry
 * business rules (one member per openid and per ID number; one idempotency record per key);
 * the rest serve the queries named beside them. Domains add theirs through `registerIndexes`.
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

export async function ensureIndexes(db: Db): Promise<void> {
  await Promise.all(
    [...registry].map(([collection, indexes]) => db.collection(collection).createIndexes(indexes)),
  );
}
