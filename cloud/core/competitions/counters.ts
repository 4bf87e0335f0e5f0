/**
 * Seats and unit quotas, held by the database (competitionCounters), never read-then-write:
 *  - an event's seats: `{_id: <competition>:<event>, taken, waiting}`, made with the competition.
 *    A seat is taken by a conditional update (`taken < capacity`); a registration that finds no
 *    seat raises `waiting` instead, so every registration and every cancellation writes this one
 *    document and concurrent transactions on an event serialise on it (no write skew between a
 *    registration that saw the event full and a cancellation that freed a seat);
 *  - a unit's quota in an event: `{_id: <competition>:<event>:<org>, taken}`, raised by a
 *    conditional upsert (`taken < quota`): when the quota is full the filter matches nothing and
 *    the upsert's insert meets the existing `_id` (DuplicateKey) → UNIT_QUOTA_FULL.
 * All of it runs inside the registration's transaction.
 */
import type { ClientSession, Db, ObjectId } from 'mongodb';
import { isDuplicateKey } from '../../platform/db/duplicate-key';
import { registerIndexes } from '../../platform/db/indexes';
import { AppError } from '../../platform/http/app-error';
import { collectionHandle } from '../../platform/db/collection-handle';

export interface CounterDoc {
  _id: string;
  competitionId: ObjectId;
  taken: number;
  waiting?: number;
}

registerIndexes('competitionCounters', [{ key: { competitionId: 1 }, name: 'competition' }]);

const counters = collectionHandle<CounterDoc>('competitionCounters');
const seatKey = (competitionId: ObjectId, eventId: string) => `${competitionId.toHexString()}:${eventId}`;
const quotaKey = (competitionId: ObjectId, eventId: string, orgId: string) =>
  `${seatKey(competitionId, eventId)}:${orgId}`;

export async function createSeatCounters(
  db: Db,
  competitionId: ObjectId,
  eventIds: string[],
  session?: ClientSession,
): Promise<void> {
  await counters(db).insertMany(
    eventIds.map((e) => ({ _id: seatKey(competitionId, e), competitionId, taken: 0, waiting: 0 })),
    { session },
  );
}

/** Takes a seat if one is free (true), or joins the waiting list's count (false). */
export async function takeSeatOrWait(
  db: Db,
  competitionId: ObjectId,
  eventId: string,
  capacity: number,
  session: ClientSession,
): Promise<boolean> {
  const _id = seatKey(competitionId, eventId);
  const seated = await counters(db).updateOne(
    { _id, taken: { $lt: capacity } },
    { $inc: { taken: 1 } },
    { session },
  );
  if (seated.matchedCount === 1) return true;
  await counters(db).updateOne({ _id }, { $inc: { waiting: 1 } }, { session });
  return false;
}

/** After a cancellation: a seat given back, or a waiting place given up or turned into a seat. */
export async function moveSeatCount(
  db: Db,
  competitionId: ObjectId,
  eventId: string,
  change: { taken?: number; waiting?: number },
  session: ClientSession,
): Promise<void> {
  await counters(db).updateOne({ _id: seatKey(competitionId, eventId) }, { $inc: change }, { session });
}

export async function takeUnitQuota(
  db: Db,
  competitionId: ObjectId,
  eventId: string,
  orgId: string,
  quota: number,
  session: ClientSession,
): Promise<void> {
  try {
    await counters(db).updateOne(
      { _id: quotaKey(competitionId, eventId, orgId), taken: { $lt: quota } },
      { $inc: { taken: 1 }, $setOnInsert: { competitionId } },
      { upsert: true, session },
    );
  } catch (e) {
    if (isDuplicateKey(e)) throw new AppError('UNIT_QUOTA_FULL');
    throw e;
  }
}

export async function releaseUnitQuota(
  db: Db,
  competitionId: ObjectId,
  eventId: string,
  orgId: string,
  session: ClientSession,
): Promise<void> {
  await counters(db).updateOne(
    { _id: quotaKey(competitionId, eventId, orgId), taken: { $gt: 0 } },
    { $inc: { taken: -1 } },
    { session },
  );
}

/** Seats taken and entries waiting, by event id. */
export async function seatCounts(
  db: Db,
  competitionId: ObjectId,
  eventIds: string[],
): Promise<Map<string, { taken: number; waiting: number }>> {
  const docs = await counters(db)
    .find({ _id: { $in: eventIds.map((e) => seatKey(competitionId, e)) } })
    .toArray();
  return new Map(
    docs.map((d) => [d._id.slice(d._id.indexOf(':') + 1), { taken: d.taken, waiting: d.waiting ?? 0 }]),
  );
}
