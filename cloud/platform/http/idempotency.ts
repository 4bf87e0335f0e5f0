/**
 * Idempotency-Key (per caller, method and path). The first request inserts a `pending` record
 * under a unique _id; a retry that finds the record gets the stored answer when the first one
 * finished, 409 REQUEST_IN_PROGRESS while it runs, and 422 when the same key comes with a
 * different body. Answers to rejected requests (4xx) are kept too, so a retry sees the same
 * result; a server error (5xx) deletes the record so the client may retry. Records expire
 * after a day (TTL index in db/indexes.ts).
 */
import { createHash } from 'node:crypto';
import { MongoServerError, type Db } from 'mongodb';
import { collections } from '../db/collections';
import { AppError } from './app-error';
import type { RouteResult } from './context';

const KEY_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;

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
  scope: string; // caller id + method + path
  body: unknown;
  run: () => Promise<RouteResult>;
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
  try {
    await keys.insertOne({ _id, state: 'pending', requestHash, createdAt: new Date() });
  } catch (e) {
    if (!(e instanceof MongoServerError && e.code === 11000)) throw e;
    const existing = await keys.findOne({ _id });
    if (!existing) throw new AppError('REQUEST_IN_PROGRESS');
    if (existing.requestHash !== requestHash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    if (existing.state !== 'done') throw new AppError('REQUEST_IN_PROGRESS');
    return { status: existing.status, body: existing.body, replayed: true };
  }
  let result: RouteResult;
  try {
    result = await run();
  } catch (e) {
    if (e instanceof AppError && e.status < 500) {
      // stored as the client saw it (JSON: no `details` when there are none, not null)
      const errorBody = asJson({ error: { code: e.code, message: e.message, details: e.details } });
      await keys.updateOne({ _id }, { $set: { state: 'done', status: e.status, body: errorBody } });
    } else {
      await keys.deleteOne({ _id });
    }
    throw e;
  }
  await keys.updateOne(
    { _id },
    { $set: { state: 'done', status: result.status ?? 200, body: asJson(result.body ?? null) } },
  );
  return { ...result, replayed: false };
}
