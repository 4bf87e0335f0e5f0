/**
 * Idempotency-Key, scoped by caller, function, method, route pattern and the route's parameters
 * (see `idempotencyScope`): never by the raw path, which a client may spell several ways. The first request inserts a `pending` record
 * under a unique _id with a lease; a retry that finds the record gets the stored answer when the
 * first one finished, 409 REQUEST_IN_PROGRESS while it runs, and 422 when the same key comes with
 * a different body. Answers to rejected requests (4xx) are kept too, so a retry sees the same
 * result; a server error (5xx) deletes the record so the client may retry. A run that died
 * without either (the function instance was killed or timed out) leaves a pending record whose
 * lease runs out after LEASE_MS: a retry then takes the record over (one taker wins, by a
 * conditional update) instead of being told "in progress" until the record expires. Only the
 * run holding the lease stores its answer. Records expire after a day (TTL index in db/indexes.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { MongoServerError, type Db } from 'mongodb';
import { collections } from '../db/collections';
import { AppError } from './app-error';
import type { RouteResult } from './context';

const KEY_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;
/** Longer than any function's timeout, so a live run is never taken over. */
export const LEASE_MS = 2 * 60_000;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
function sha256Bytes(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

export interface IdempotentCall {
  db: Db;
  key: string;
  scope: string; // see idempotencyScope
  body: unknown;
  run: () => Promise<RouteResult>;
}

/**
 * What a key is unique within. Express matches paths case-insensitively and with or without a
 * trailing slash, and the gateway (or the dev server's mount) may pass `/api/Notifications`:
 * the raw path would make each spelling a new key and let one request apply several times. The
 * declared route pattern is one string per route; its parameters are ids, compared in lower
 * case (hex ids are case-insensitive where they are parsed).
 */
export function idempotencyScope(s: {
  memberId: string | null;
  fn: string;
  method: string;
  routePath: string;
  params: Record<string, string>;
}): string {
  const params = Object.keys(s.params)
    .sort()
    .map((k) => `${k}=${s.params[k].toLowerCase()}`);
  return JSON.stringify([s.memberId ?? 'anon', s.fn, s.method.toUpperCase(), s.routePath, params]);
}

export type IdempotentResult = RouteResult & { replayed: boolean };

export async function runIdempotent({
  db,
  key,
  scope,
  body,
  run,
}: IdempotentCall): Promise<IdempotentResult> {
  if (!KEY_PATTERN.test(key)) throw new AppError('IDEMPOTENCY_KEY_INVALID');
  const keys = collections(db).idempotencyKeys;
  const _id = sha256(`${scope}\n${key}`);
  const requestHash = Buffer.isBuffer(body) ? sha256Bytes(body) : sha256(JSON.stringify(body ?? null));
  const lease = randomBytes(8).toString('hex');
  const leaseUntil = () => new Date(Date.now() + LEASE_MS);
  try {
    await keys.insertOne({
      _id,
      state: 'pending',
      requestHash,
      createdAt: new Date(),
      lease,
      leaseUntil: leaseUntil(),
    });
  } catch (e) {
    if (!(e instanceof MongoServerError && e.code === 11000)) throw e;
    const existing = await keys.findOne({ _id });
    if (!existing) throw new AppError('REQUEST_IN_PROGRESS');
    if (existing.requestHash !== requestHash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    if (existing.state === 'done') return { status: existing.status, body: existing.body, replayed: true };
    const expiredAt = existing.leaseUntil ?? new Date(existing.createdAt.getTime() + LEASE_MS);
    if (expiredAt.getTime() > Date.now()) throw new AppError('REQUEST_IN_PROGRESS');
    // the first run died: take its record over, unless another retry just did
    const taken = await keys.updateOne(
      { _id, state: 'pending', lease: existing.lease ?? { $exists: false } },
      { $set: { lease, leaseUntil: leaseUntil() } },
    );
    if (taken.modifiedCount !== 1) throw new AppError('REQUEST_IN_PROGRESS');
  }
  const mine = { _id, state: 'pending' as const, lease };
  let result: RouteResult;
  try {
    result = await run();
  } catch (e) {
    if (e instanceof AppError && e.status < 500) {
      // stored as the client saw it (JSON: no `details` when there are none, not null)
      const errorBody = asJson({ error: { code: e.code, message: e.message, details: e.details } });
      await keys.updateOne(mine, { $set: { state: 'done', status: e.status, body: errorBody } });
    } else {
      await keys.deleteOne(mine);
    }
    throw e;
  }
  await keys.updateOne(mine, {
    $set: { state: 'done', status: result.status ?? 200, body: asJson(result.body ?? null) },
  });
  return { ...result, replayed: false };
}
