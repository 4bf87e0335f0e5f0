/**
 * Daily quotas kept in MongoDB, so every function instance counts against the same numbers.
 * One document per (quota, subject, China day) holds a count and an amount (e.g. bytes). Taking
 * from it is one conditional upsert: the filter matches only while both stay within the limits,
 * so when the day's document is full the upsert tries to insert a second document with the same
 * _id and fails with a duplicate key: no read-then-write, no race between parallel requests.
 * Documents expire (TTL index) a day after their day ends.
 */
import { MongoServerError, type Db } from 'mongodb';
import { registerIndexes } from '../db/indexes';
import { collectionHandle } from '../db/collection-handle';

interface QuotaDoc {
  _id: string;
  count: number;
  amount: number;
  expiresAt: Date;
}

registerIndexes('quotas', [{ key: { expiresAt: 1 }, name: 'ttl_expiresAt', expireAfterSeconds: 0 }]);

const quotas = collectionHandle<QuotaDoc>('quotas');

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

export interface DailyLimits {
  count: number;
  amount: number;
}

/**
 * Takes one use of `amount` from the subject's quota for today (China time); false, taking
 * nothing, when that would pass either limit.
 */
export async function takeDailyQuota(
  db: Db,
  quota: string,
  subject: string,
  amount: number,
  limits: DailyLimits,
  now = new Date(),
): Promise<boolean> {
  if (amount > limits.amount || limits.count < 1) return false;
  const day = Math.floor((now.getTime() + CHINA_OFFSET_MS) / DAY_MS);
  const expiresAt = new Date((day + 2) * DAY_MS - CHINA_OFFSET_MS);
  try {
    await quotas(db).updateOne(
      {
        _id: `${quota}:${subject}:${day}`,
        count: { $lte: limits.count - 1 },
        amount: { $lte: limits.amount - amount },
      },
      { $inc: { count: 1, amount }, $setOnInsert: { expiresAt } },
      { upsert: true },
    );
    return true;
  } catch (e) {
    if (e instanceof MongoServerError && e.code === 11000) return false;
    throw e;
  }
}
