/**
 * competitions: one document per competition, its events and check-in lists inside it, and its
 * indexes. The organiser's org path is the document's `orgPath`, so an officer list starts with
 * `scopeFilter` like every org-owned record. Keys: the public ticket key in the clear, the
 * private signing key and the venue-code secret only encrypted (keys.ts).
 */
import { ObjectId, type ClientSession, type Db } from 'mongodb';
import type {
  CompetitionKind,
  EntryMode,
  Prize,
  ScorePartView,
  CheckinListView,
} from '../../../src/contracts/competitions';
import { scopeFilter, type OfficerScope } from '../../platform/auth/org-scope';
import type { EncryptedValue } from '../../platform/db/collections';
import { registerIndexes } from '../../platform/db/indexes';
import { collectionHandle } from '../../platform/db/collection-handle';

export interface CompetitionEvent {
  /** 24 hex digits; its position in `events` is the ticket's event index, so events never move */
  id: string;
  name: string;
  capacity: number;
  startsAt: Date;
}

export interface CompetitionDoc {
  _id: ObjectId;
  title: string;
  kind: CompetitionKind;
  venue: string;
  description: string;
  /** the organising union and its path from the 市总 down */
  orgId: string;
  orgName: string;
  orgPath: string[];
  startsAt: Date;
  endsAt: Date;
  registrationOpensAt: Date;
  registrationClosesAt: Date;
  events: CompetitionEvent[];
  perUnitQuota: number | null;
  onePerPerson: boolean;
  entryMode: EntryMode;
  lateLimitMinutes: number;
  checkinLists: CheckinListView[];
  scoring: { parts: ScorePartView[]; teamBestN: number | null; prizes: Record<Prize, number> };
  judgeIds: string[];
  /** base64url Ed25519 public key */
  publicKey: string;
  /** the signing key and the venue-code secret, encrypted with the PII key (keys.ts) */
  secretsEnc: EncryptedValue;
  publishedAt: Date | null;
  /** raised by every score entry (touchUnpublished) */
  scoreWrites?: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

registerIndexes('competitions', [
  // officers: competitions organised in their subtree, soonest last
  { key: { orgPath: 1, startsAt: -1 }, name: 'scope_startsAt' },
  // members: open for registration, organised by a union on their path
  { key: { orgId: 1, registrationClosesAt: 1 }, name: 'organiser_closes' },
]);

const competitions = collectionHandle<CompetitionDoc>('competitions');

/** Without the encrypted secrets: what every read but key use needs. */
const NO_SECRETS = { secretsEnc: 0 } as const;

const validId = (id: string) => /^[a-f0-9]{24}$/i.test(id);

export async function insertCompetition(db: Db, doc: CompetitionDoc, session?: ClientSession): Promise<void> {
  await competitions(db).insertOne(doc, { session });
}

export async function findCompetition(
  db: Db,
  id: string,
  session?: ClientSession,
): Promise<CompetitionDoc | null> {
  if (!validId(id)) return null;
  return competitions(db).findOne({ _id: new ObjectId(id) }, { session, projection: NO_SECRETS });
}

/** The encrypted secrets of one competition, for signing a ticket or making a venue code. */
export async function findCompetitionSecrets(db: Db, id: ObjectId): Promise<EncryptedValue | null> {
  return (await competitions(db).findOne({ _id: id }, { projection: { secretsEnc: 1 } }))?.secretsEnc ?? null;
}

export async function findCompetitionsByIds(db: Db, ids: ObjectId[]): Promise<CompetitionDoc[]> {
  if (ids.length === 0) return [];
  return competitions(db)
    .find({ _id: { $in: ids } }, { projection: NO_SECRETS })
    .sort({ startsAt: -1 })
    .toArray();
}

/** Open for registration now, organised by one of these unions (a member's org path). */
export async function listOpenFor(db: Db, orgPath: readonly string[], now: Date): Promise<CompetitionDoc[]> {
  if (orgPath.length === 0) return [];
  return competitions(db)
    .find(
      {
        orgId: { $in: [...orgPath] },
        registrationOpensAt: { $lte: now },
        registrationClosesAt: { $gt: now },
      },
      { projection: NO_SECRETS },
    )
    .sort({ startsAt: 1 })
    .limit(100)
    .toArray();
}

/** Organised in the officer's subtree, newest first. */
export async function listInScope(db: Db, scope: OfficerScope): Promise<CompetitionDoc[]> {
  return competitions(db)
    .find({ ...scopeFilter(scope) }, { projection: NO_SECRETS })
    .sort({ startsAt: -1 })
    .limit(100)
    .toArray();
}

/** Compare-and-set on the version; null when someone else changed it first. */
export async function updateCompetitionAtVersion(
  db: Db,
  id: ObjectId,
  version: number,
  set: Partial<CompetitionDoc>,
  session?: ClientSession,
): Promise<CompetitionDoc | null> {
  return competitions(db).findOneAndUpdate(
    { _id: id, version },
    { $set: { ...set, version: version + 1, updatedAt: new Date() } },
    { returnDocument: 'after', session, projection: NO_SECRETS },
  );
}

/**
 * A score is written only while results are not published: this conditional write puts every
 * scoring transaction and the publishing one on the same document, so they cannot interleave.
 */
export async function touchUnpublished(db: Db, id: ObjectId, session: ClientSession): Promise<boolean> {
  const r = await competitions(db).updateOne(
    { _id: id, publishedAt: null },
    { $inc: { scoreWrites: 1 } },
    { session },
  );
  return r.matchedCount === 1;
}

/** Publishes results once; null when they were published already (or the version moved). */
export async function markPublished(
  db: Db,
  c: Pick<CompetitionDoc, '_id' | 'version'>,
  at: Date,
  session: ClientSession,
): Promise<CompetitionDoc | null> {
  return competitions(db).findOneAndUpdate(
    { _id: c._id, publishedAt: null },
    { $set: { publishedAt: at, updatedAt: at }, $inc: { version: 1 } },
    { returnDocument: 'after', session, projection: NO_SECRETS },
  );
}
