import { ObjectId, type ClientSession, type Db } from 'mongodb';
import { isDuplicateKey } from '../../platform/db/duplicate-key';
import { scopeFilter, type OfficerScope } from '../../platform/auth/org-scope';
import { collections, type MemberDoc } from '../../platform/db/collections';

export type NewMember = Pick<MemberDoc, 'openid'> & Partial<Omit<MemberDoc, '_id' | 'openid'>>;

export function blankMember(input: NewMember, now = new Date()): MemberDoc {
  return {
    _id: new ObjectId(),
    roles: ['worker'],
    name: null,
    orgId: null,
    orgPath: [],
    officerOrgId: null,
    officerLevel: null,
    officerOrgPath: [],
    idNumberEnc: null,
    idNumberHash: null,
    idNumberMasked: null,
    phoneEnc: null,
    phoneMasked: null,
    consent: null,
    sessionVersion: 0,
    createdAt: now,
    updatedAt: now,
    version: 1,
    ...input,
  };
}

export async function findMemberById(db: Db, id: string, session?: ClientSession): Promise<MemberDoc | null> {
  if (!ObjectId.isValid(id)) return null;
  return collections(db).members.findOne({ _id: new ObjectId(id) }, { session });
}

export async function findMemberByOpenid(db: Db, openid: string): Promise<MemberDoc | null> {
  return collections(db).members.findOne({ openid });
}

export async function insertMember(db: Db, doc: MemberDoc, session?: ClientSession): Promise<void> {
  await collections(db).members.insertOne(doc, { session });
}

export function isDuplicateOpenid(e: unknown): boolean {
  return (
    isDuplicateKey(e) &&
    Boolean((e.keyPattern as Record<string, unknown> | undefined)?.openid ?? /openid/.test(e.message))
  );
}

export async function updateMember(
  db: Db,
  id: ObjectId,
  set: Partial<MemberDoc>,
  session?: ClientSession,
): Promise<MemberDoc | null> {
  return collections(db).members.findOneAndUpdate(
    { _id: id },
    { $set: { ...set, updatedAt: new Date() }, $inc: { version: 1 } },
    { returnDocument: 'after', session },
  );
}

export function isDuplicateIdNumber(e: unknown): boolean {
  return (
    isDuplicateKey(e) &&
    Boolean(
      (e.keyPattern as Record<string, unknown> | undefined)?.idNumberHash ?? /idNumberHash/.test(e.message),
    )
  );
}

/** Ends every session signed at the current session version; false when there is no such member. */
export async function raiseSessionVersion(db: Db, id: ObjectId, session?: ClientSession): Promise<boolean> {
  const r = await collections(db).members.updateOne(
    { _id: id },
    { $inc: { sessionVersion: 1 }, $set: { updatedAt: new Date() } },
    { session },
  );
  return r.matchedCount === 1;
}

/** Names (and the org an officer acts for) of the members among `ids`, by id; unknown ids are left out. */
export async function findMemberNames(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, { name: string | null; officerOrgId: string | null }>> {
  const valid = [...new Set(ids)].filter((id) => /^[a-f0-9]{24}$/.test(id)).map((id) => new ObjectId(id));
  const docs = await collections(db)
    .members.find({ _id: { $in: valid } }, { projection: { name: 1, officerOrgId: 1 } })
    .toArray();
  return new Map(docs.map((d) => [d._id.toHexString(), { name: d.name, officerOrgId: d.officerOrgId }]));
}

/** Another member already registered with this ID number (keyed hash), if any. */
export async function findOtherByIdHash(db: Db, hash: string, exceptId: ObjectId): Promise<MemberDoc | null> {
  return collections(db).members.findOne({ idNumberHash: hash, _id: { $ne: exceptId } });
}

/** Members in the officer's subtree with a change of name or ID number waiting, oldest first. */
export async function listPendingIdentityInScope(
  db: Db,
  scope: OfficerScope,
  limit = 100,
): Promise<MemberDoc[]> {
  return collections(db)
    .members.find(
      { ...scopeFilter(scope), pendingIdentity: { $type: 'object' } },
      { projection: { idNumberEnc: 0, phoneEnc: 0, 'pendingIdentity.idNumberEnc': 0 } },
    )
    .sort({ 'pendingIdentity.requestedAt': 1 })
    .limit(limit)
    .toArray();
}

export async function countPendingIdentityInScope(db: Db, scope: OfficerScope): Promise<number> {
  return collections(db).members.countDocuments({
    ...scopeFilter(scope),
    pendingIdentity: { $type: 'object' },
  });
}

/**
 * Settles the member's waiting change requested at `requestedAt` (confirmed: `set` applies it);
 * null when it was settled or replaced meanwhile, so a decision is taken once.
 */
export async function settlePendingIdentity(
  db: Db,
  id: ObjectId,
  requestedAt: Date,
  set: Partial<MemberDoc>,
  session?: ClientSession,
): Promise<MemberDoc | null> {
  return collections(db).members.findOneAndUpdate(
    { _id: id, 'pendingIdentity.requestedAt': requestedAt },
    { $set: { ...set, pendingIdentity: null, updatedAt: new Date() }, $inc: { version: 1 } },
    { returnDocument: 'after', session },
  );
}
