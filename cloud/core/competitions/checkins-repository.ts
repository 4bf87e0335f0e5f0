/**
 * competitionCheckins: one document per ticket and check-in list (unique index: a ticket is
 * valid once per list), with the nonce of the scan that stands (unique per competition: a
 * re-sent upload finds its record) and the scans it displaced when an earlier offline scan
 * arrived later (first scan wins). `orgPath` is the entrant's, so officer counts are scoped.
 */
import { ObjectId, type ClientSession, type Db } from 'mongodb';
import { isDuplicateKey } from '../../platform/db/duplicate-key';
import { scopeFilter, type OfficerScope } from '../../platform/auth/org-scope';
import { registerIndexes } from '../../platform/db/indexes';
import { collectionHandle } from '../../platform/db/collection-handle';

export type CheckinSource = 'scan' | 'offline' | 'self';

export interface ScanRecord {
  at: Date;
  /** the officer's member id, or the entrant's own for a self sign-in */
  by: string;
  byName: string;
  nonce: string;
  source: CheckinSource;
}

export interface CheckinDoc extends ScanRecord {
  _id: ObjectId;
  competitionId: ObjectId;
  registrationId: ObjectId;
  /** the entrant (their own check-ins are read by it) */
  memberId: ObjectId;
  eventId: string;
  list: string;
  orgPath: string[];
  /** when the server recorded it (an offline scan's `at` is earlier) */
  recordedAt: Date;
  /** scans of the same ticket and list that lost to this earlier one (first scan wins) */
  displaced: ScanRecord[];
}

registerIndexes('competitionCheckins', [
  { key: { registrationId: 1, list: 1 }, name: 'once_per_list', unique: true },
  { key: { competitionId: 1, nonce: 1 }, name: 'nonce_unique', unique: true },
  { key: { competitionId: 1, 'displaced.nonce': 1 }, name: 'displaced_nonce' },
  { key: { orgPath: 1, at: -1 }, name: 'scope_at' },
  { key: { competitionId: 1, list: 1 }, name: 'competition_list' },
]);

const checkins = collectionHandle<CheckinDoc>('competitionCheckins');

export const isDuplicateCheckin = (e: unknown) => isDuplicateKey(e);

/**
 * The record a nonce made, or the one whose earlier scan displaced it: two reads, each on its own
 * index (one `$or` would walk every check-in of the competition on every scan).
 */
export async function findByNonce(
  db: Db,
  competitionId: ObjectId,
  nonce: string,
): Promise<CheckinDoc | null> {
  return (
    (await checkins(db).findOne({ competitionId, nonce })) ??
    checkins(db).findOne({ competitionId, 'displaced.nonce': nonce })
  );
}

export async function findCheckin(
  db: Db,
  registrationId: ObjectId,
  list: string,
  session?: ClientSession,
): Promise<CheckinDoc | null> {
  return checkins(db).findOne({ registrationId, list }, { session });
}

export async function insertCheckin(db: Db, doc: CheckinDoc, session: ClientSession): Promise<void> {
  await checkins(db).insertOne(doc, { session });
}

/** First scan wins: an earlier scan replaces the standing one, only if it is still later than it. */
export async function replaceWithEarlier(
  db: Db,
  standing: CheckinDoc,
  earlier: ScanRecord,
  session: ClientSession,
): Promise<CheckinDoc | null> {
  const { at, by, byName, nonce, source } = standing;
  return checkins(db).findOneAndUpdate(
    { _id: standing._id, at: standing.at, nonce: standing.nonce },
    { $set: { ...earlier, recordedAt: new Date() }, $push: { displaced: { at, by, byName, nonce, source } } },
    { returnDocument: 'after', session },
  );
}

/** Every check-in of a competition: [registration, list] pairs for the offline pack. */
export async function listCheckedIn(db: Db, competitionId: ObjectId): Promise<CheckinDoc[]> {
  return checkins(db)
    .find({ competitionId }, { projection: { registrationId: 1, list: 1, at: 1 } })
    .limit(50000)
    .toArray();
}

/** The caller's own entries' check-ins. */
export async function checkinsOfMine(
  db: Db,
  memberId: string,
  registrationIds: ObjectId[],
): Promise<CheckinDoc[]> {
  if (registrationIds.length === 0) return [];
  return checkins(db)
    .find(
      { memberId: new ObjectId(memberId), registrationId: { $in: registrationIds } },
      { projection: { registrationId: 1, list: 1, at: 1 } },
    )
    .toArray();
}

/** Check-ins of entries in the officer's subtree. */
export async function checkinsInScope(
  db: Db,
  scope: OfficerScope,
  registrationIds: ObjectId[],
): Promise<CheckinDoc[]> {
  if (registrationIds.length === 0) return [];
  return checkins(db)
    .find(
      { ...scopeFilter(scope), registrationId: { $in: registrationIds } },
      { projection: { registrationId: 1, list: 1, at: 1 } },
    )
    .toArray();
}
