/**
 * Idempotency-Key, scoped by caller, function, method, route pattern and the route's parameters
 * (see `idempotencyScope`): never by the raw path, which a client may spell several ways. The first request inserts a `pending` record
 * under a unique _id with a lease and the id of this process (acknowledged without waiting for
 * the journal: a crash that loses it also loses the work, journaled after it); a retry that finds the record gets
 * the stored answer when the first one finished, and 422 when the same key comes with a different
 * body. Answers to rejected requests (4xx) are kept too, so a retry sees the same result; a server
 * error (5xx) deletes the record so the client may retry.
 *
 * A retry that arrives while the first run is still going waits for it (up to WAIT_MS) and then
 * answers with its result; only if it is still running after that does it get 409
 * REQUEST_IN_PROGRESS. A pending record whose run is over without an answer is taken over at once
 * (one taker wins, by a conditional update) instead of answering "in progress" until its lease
 * runs out:
 *  - the driver re-sent our own insert after a network error and it had landed (same lease);
 *  - the first run was in this process and has finished (it failed and could not delete its
 *    record, e.g. while the database was unreachable);
 *  - its lease (LEASE_MS) ran out: the instance that ran it was killed or timed out.
 * Only the run holding the lease stores its answer. `run` gets the operation id (derived from the
 * key and scope): a handler that creates something can name it by that id, so a run taken over
 * after a first one that did its work but could not record its answer finds that work instead of
 * doing it twice. Records expire after a day (TTL index in db/indexes.ts).
 */
import { isDuplicateKey } from '../db/duplicate-key';
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from 'mongodb';
import { collections, type IdempotencyDoc } from '../db/collections';
import { isTransientDbError } from '../db/transient-errors';
import { AppError } from './app-error';
import type { RouteResult } from './context';

const KEY_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;
/** Longer than any function's timeout, so a live run is never taken over. */
export const LEASE_MS = 2 * 60_000;
/** How long a retry waits for a first run that is still going before answering "in progress". */
export const WAIT_MS = 3_000;
const POLL_MS = 100;

/** This process: a pending record it wrote whose run is no longer in `running` is over. */
const INSTANCE = randomBytes(8).toString('hex');
/** Runs of this process still going, by record id; settle once their answer is stored (or dropped). */
const running = new Map<string, Promise<void>>();

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
function sha256Bytes(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits for `p` (if any), at most `ms`; leaves no timer behind. */
async function waitAtMost(p: Promise<unknown> | undefined, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p ?? new Promise(() => undefined), new Promise((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}

export interface IdempotentCall {
  db: Db;
  key: string;
  scope: string; // see idempotencyScope
  body: unknown;
  /** the work; `operationId` (24 hex digits) is the same for every retry of this key */
  run: (operationId: string) => Promise<RouteResult>;
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

type Keys = ReturnType<typeof collections>['idempotencyKeys'];

/**
 * Writes to the record, a few times over a short while when the database is unreachable for a
 * moment (the work is already done: its answer should not be lost to a blip).
 */
async function persistently(write: () => Promise<unknown>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await write();
      return;
    } catch (e) {
      if (attempt >= 3 || !isTransientDbError(e)) throw e;
      await sleep(100 * 2 ** attempt);
    }
  }
}

/**
 * Makes this call the owner of the record (null), or answers it from the first run's stored
 * result. Throws REQUEST_IN_PROGRESS if the first run is still going after WAIT_MS.
 */
async function claim(
  keys: Keys,
  record: IdempotencyDoc,
  self: Promise<void>,
): Promise<IdempotentResult | null> {
  const { _id, requestHash, lease } = record;
  if (!lease) throw new Error('a claim needs a lease');
  const until = Date.now() + WAIT_MS;
  for (;;) {
    try {
      // acknowledged once applied, not after its own fsync: other requests see it at once, which
      // is all a concurrent retry needs, and the journal keeps it before the work's own writes
      await keys.insertOne(record, { writeConcern: { w: 1, j: false } });
      return null;
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
    }
    const existing = await keys.findOne({ _id });
    if (existing) {
      if (existing.requestHash !== requestHash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
      if (existing.state === 'done') return { status: existing.status, body: existing.body, replayed: true };
      if (existing.lease === lease) return null; // our own insert, re-sent by the driver, had landed
      const other = running.get(_id);
      const here = other !== self ? other : undefined; // another call of this process is on it
      const expiredAt = existing.leaseUntil ?? new Date(existing.createdAt.getTime() + LEASE_MS);
      const over = expiredAt.getTime() <= Date.now() || (existing.instance === INSTANCE && !here);
      if (over) {
        // the first run is over without an answer: take its record over, unless another retry just did
        const taken = await keys.updateOne(
          { _id, state: 'pending', lease: existing.lease ?? { $exists: false } },
          { $set: { lease, leaseUntil: record.leaseUntil, instance: INSTANCE } },
        );
        if (taken.modifiedCount === 1) return null;
        continue;
      }
      if (Date.now() >= until) throw new AppError('REQUEST_IN_PROGRESS');
      // still running: wait for it (here: until it settles; elsewhere: look again shortly)
      await waitAtMost(here, here ? Math.max(0, until - Date.now()) : POLL_MS);
    } else if (Date.now() >= until) {
      throw new AppError('REQUEST_IN_PROGRESS');
    }
    // the record is gone (the first run failed and released it) or may be done: look again
  }
}

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
  // registered before the record is written, so a retry in this process never mistakes this
  // run for one that is over
  let settle!: () => void;
  const settled = new Promise<void>((resolve) => (settle = resolve));
  if (!running.has(_id)) running.set(_id, settled);
  const mine = { _id, state: 'pending' as const, lease };
  try {
    const stored = await claim(
      keys,
      {
        _id,
        state: 'pending',
        requestHash,
        createdAt: new Date(),
        lease,
        leaseUntil: new Date(Date.now() + LEASE_MS),
        instance: INSTANCE,
      },
      settled,
    );
    if (stored) return stored;
    running.set(_id, settled);
    let result: RouteResult;
    try {
      result = await run(_id.slice(0, 24));
    } catch (e) {
      if (e instanceof AppError && e.status < 500) {
        // stored as the client saw it (JSON: no `details` when there are none, not null)
        const errorBody = asJson({ error: { code: e.code, message: e.message, details: e.details } });
        await persistently(() =>
          keys.updateOne(mine, { $set: { state: 'done', status: e.status, body: errorBody } }),
        ).catch(() => undefined); // the client gets the refusal anyway; a retry runs it again
      } else {
        // if even this fails, a retry in this process takes the record over (see claim)
        await keys.deleteOne(mine).catch(() => undefined);
      }
      throw e;
    }
    await persistently(() =>
      keys.updateOne(mine, {
        $set: { state: 'done', status: result.status ?? 200, body: asJson(result.body ?? null) },
      }),
    );
    return { ...result, replayed: false };
  } finally {
    if (running.get(_id) === settled) running.delete(_id);
    settle();
  }
}
