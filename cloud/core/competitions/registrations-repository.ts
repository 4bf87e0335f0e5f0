/**
 * competitionRegistrations: one document per entry (a member in an event), with the entrant's
 * 基层工会 path as `orgPath` (officer lists start with `scopeFilter`) and the judges' part scores.
 * Rules the database enforces (unique partial indexes on active entries):
 *  - one active entry per member and event (ALREADY_REGISTERED);
 *  - one active entry per member and competition where it allows one event per person
 *    (ONE_EVENT_PER_PERSON: `onePerPerson` is copied onto each entry for this index);
 *  - a short code unique within the competition.
 * A status change is a compare-and-set on (`_id`, `status`, `version`).
 */
import { ObjectId, type ClientSession, type Db, type Filter } from 'mongodb';
import { isDuplicateKey } from '../../platform/db/duplicate-key';
import type { RegistrationStatus } from '../../../src/contracts/competitions';
import { scopeFilter, type OfficerScope } from '../../platform/auth/org-scope';
import { registerIndexes } from '../../platform/db/indexes';
import { collectionHandle } from '../../platform/db/collection-handle';

export interface RegistrationDoc {
  _id: ObjectId;
  competitionId: ObjectId;
  eventId: string;
  memberId: ObjectId;
  memberName: string;
  orgId: string;
  orgName: string;
  orgPath: string[];
  status: RegistrationStatus;
  /** false once cancelled: the unique indexes hold only active entries */
  active: boolean;
  onePerPerson: boolean;
  /** 8 characters for manual entry at the door */
  shortCode: string;
  /** the officer who nominated the entrant, if one did */
  nominatedBy: string | null;
  teamLeader: boolean;
  /** part key → points */
  scores: Record<string, number>;
  createdAt: Date;
  updatedAt: Date;
  promotedAt: Date | null;
  cancelledAt: Date | null;
  version: number;
}

registerIndexes('competitionRegistrations', [
  {
    key: { competitionId: 1, eventId: 1, memberId: 1 },
    name: 'one_entry_per_event',
    unique: true,
    partialFilterExpression: { active: true },
  },
  {
    key: { competitionId: 1, memberId: 1 },
    name: 'one_event_per_person',
    unique: true,
    partialFilterExpression: { active: true, onePerPerson: true },
  },
  { key: { competitionId: 1, shortCode: 1 }, name: 'short_code_unique', unique: true },
  // the waiting list of an event, first come first served
  { key: { competitionId: 1, eventId: 1, status: 1, createdAt: 1 }, name: 'waitlist' },
  { key: { memberId: 1, createdAt: -1 }, name: 'mine' },
  { key: { orgPath: 1, competitionId: 1 }, name: 'scope' },
]);

const registrations = collectionHandle<RegistrationDoc>('competitionRegistrations');

/** Which rule a refused insert broke. */
export function duplicateOf(e: unknown): 'id' | 'event' | 'person' | 'shortCode' | null {
  if (!isDuplicateKey(e)) return null;
  const pattern = (e.keyPattern ?? {}) as Record<string, unknown>;
  if ('_id' in pattern) return 'id';
  if ('shortCode' in pattern) return 'shortCode';
  if ('eventId' in pattern) return 'event';
  if ('memberId' in pattern) return 'person';
  const text = e.message;
  if (text.includes('one_entry_per_event')) return 'event';
  if (text.includes('one_event_per_person')) return 'person';
  if (text.includes('short_code_unique')) return 'shortCode';
  return 'id';
}

export async function insertRegistration(
  db: Db,
  doc: RegistrationDoc,
  session: ClientSession,
): Promise<void> {
  await registrations(db).insertOne(doc, { session });
}

export async function findRegistration(
  db: Db,
  competitionId: ObjectId,
  id: string,
  session?: ClientSession,
): Promise<RegistrationDoc | null> {
  if (!/^[a-f0-9]{24}$/i.test(id)) return null;
  return registrations(db).findOne({ _id: new ObjectId(id), competitionId }, { session });
}

export async function findByShortCode(
  db: Db,
  competitionId: ObjectId,
  shortCode: string,
): Promise<RegistrationDoc | null> {
  return registrations(db).findOne({ competitionId, shortCode });
}

/** Compare-and-set a status change; null when the entry moved on meanwhile. */
export async function setStatus(
  db: Db,
  doc: Pick<RegistrationDoc, '_id' | 'status' | 'version'>,
  to: RegistrationStatus,
  extra: Partial<RegistrationDoc>,
  session: ClientSession,
): Promise<RegistrationDoc | null> {
  return registrations(db).findOneAndUpdate(
    { _id: doc._id, status: doc.status, version: doc.version },
    {
      $set: {
        ...extra,
        status: to,
        active: to !== 'cancelled',
        version: doc.version + 1,
        updatedAt: new Date(),
      },
    },
    { returnDocument: 'after', session },
  );
}

/** The earliest entry waiting in an event. */
export async function firstWaiting(
  db: Db,
  competitionId: ObjectId,
  eventId: string,
  session: ClientSession,
): Promise<RegistrationDoc | null> {
  return registrations(db).findOne(
    { competitionId, eventId, status: 'waitlisted' },
    { sort: { createdAt: 1, _id: 1 }, session },
  );
}

/** How many wait ahead of this entry (its place is this + 1). */
export async function waitingAhead(db: Db, doc: RegistrationDoc): Promise<number> {
  return registrations(db).countDocuments({
    competitionId: doc.competitionId,
    eventId: doc.eventId,
    status: 'waitlisted',
    $or: [{ createdAt: { $lt: doc.createdAt } }, { createdAt: doc.createdAt, _id: { $lt: doc._id } }],
  } as Filter<RegistrationDoc>);
}

/** A member's own entries (in one competition, or all), newest first. */
export async function listMine(
  db: Db,
  memberId: string,
  competitionId?: ObjectId,
): Promise<RegistrationDoc[]> {
  return registrations(db)
    .find({ memberId: new ObjectId(memberId), ...(competitionId ? { competitionId } : {}) })
    .sort({ createdAt: -1 })
    .limit(200)
    .toArray();
}

/** The entries of one competition inside the officer's subtree. */
export async function listInScope(
  db: Db,
  scope: OfficerScope,
  competitionId: ObjectId,
): Promise<RegistrationDoc[]> {
  return registrations(db)
    .find({ ...scopeFilter(scope), competitionId })
    .sort({ eventId: 1, status: 1, createdAt: 1 })
    .limit(5000)
    .toArray();
}

/**
 * Every active entry of a competition, whatever union it comes from: the door admits all of
 * them (offline pack) and ranks need all of them (results). Callers decide what of it is shown.
 */
export async function listAllActive(
  db: Db,
  competitionId: ObjectId,
  projection?: Record<string, 0 | 1>,
  session?: ClientSession,
): Promise<RegistrationDoc[]> {
  return registrations(db)
    .find({ competitionId, active: true }, { session, ...(projection ? { projection } : {}) })
    .limit(20000)
    .toArray() as Promise<RegistrationDoc[]>;
}

/** Sets part scores on a registered entry, unless results were frozen meanwhile (the caller checks). */
export async function setScores(
  db: Db,
  doc: RegistrationDoc,
  parts: Record<string, number>,
  session: ClientSession,
): Promise<RegistrationDoc | null> {
  const set: Record<string, unknown> = { updatedAt: new Date(), version: doc.version + 1 };
  for (const [k, v] of Object.entries(parts)) set[`scores.${k}`] = v;
  return registrations(db).findOneAndUpdate(
    { _id: doc._id, status: 'registered', version: doc.version },
    { $set: set },
    { returnDocument: 'after', session },
  );
}
