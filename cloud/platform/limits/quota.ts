/**
 * Quotas kept in MongoDB, so every function instance counts against the same numbers (uploads a
 * day, objections a day, reveals an hour). One document per (quota, subject, window) holds a
 * count and an amount (e.g. bytes). Taking from it is one conditional upsert: the filter matches
 * only while both stay within the limits, so when the window's document is full the upsert tries
 * to insert a second document with the same _id and fails with a duplicate key: no
 * read-then-write, no race between parallel requests. Days are China days. Documents expire
 * (TTL index) a window after their window ends.
 */
import type { Db } from 'mongodb';
import { isDuplicateKey } from '../db/duplicate-key';
import { registerIndexes } from '../db/indexes';

interface QuotaDoc {
  _id: string;
  count: number;
  amount: number;
  expiresAt: Date;
}

registerIndexes('quotas', [{ key: { expiresAt: 1 }, name: 'ttl_expiresAt', expireAfterSeconds: 0 }]);

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const CHINA_OFFSET_MS = 8 * HOUR_MS;

export interface DailyLimits {
  count: number;
  amount: number;
}

export type QuotaWindow = 'day' | 'hour';

/**
 * Takes one use of `amount` from the subject's quota for the current window; false, taking
 * nothing, when that would pass either limit.
 */
export async function takeQuota(
  db: Db,
  quota: string,
  subject: string,
  amount: number,
  limits: DailyLimits,
  window: QuotaWindow,
  now = new Date(),
): Promise<boolean> {
  if (amount > limits.amount || limits.count < 1) return false;
  const size = window === 'day' ? DAY_MS : HOUR_MS;
  const offset = window === 'day' ? CHINA_OFFSET_MS : 0;
  const n = Math.floor((now.getTime() + offset) / size);
  const expiresAt = new Date((n + 2) * size - offset);
  const id = window === 'day' ? `${quota}:${subject}:${n}` : `${quota}:${subject}:h${n}`;
  try {
    await db
      .collection<QuotaDoc>('quotas')
      .updateOne(
        { _id: id, count: { $lte: limits.count - 1 }, amount: { $lte: limits.amount - amount } },
        { $inc: { count: 1, amount }, $setOnInsert: { expiresAt } },
        { upsert: true },
      );
    return true;
  } catch (e) {
    if (isDuplicateKey(e)) return false;
    throw e;
  }
}

/** Takes one use from the subject's quota for today (China time). */
export function takeDailyQuota(
  db: Db,
  quota: string,
  subject: string,
  amount: number,
  limits: DailyLimits,
  now = new Date(),
): Promise<boolean> {
  return takeQuota(db, quota, subject, amount, limits, 'day', now);
}

/** Takes one use from the subject's quota for this hour: `count` uses an hour. */
export function takeHourlyQuota(db: Db, quota: string, subject: string, count: number, now = new Date()) {
  return takeQuota(db, quota, subject, 0, { count, amount: 0 }, 'hour', now);
}
