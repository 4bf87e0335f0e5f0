import { MongoServerError, ObjectId, type ClientSession, type Db } from 'mongodb';
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

/** Inserts; when another request created the same openid first (unique index), returns theirs. */
export async function insertMemberOnce(
  db: Db,
  doc: MemberDoc,
): Promise<{ member: MemberDoc; created: boolean }> {
  try {
    await collections(db).members.insertOne(doc);
    return { member: doc, created: true };
  } catch (e) {
    if (e instanceof MongoServerError && e.code === 11000) {
      const existing = await findMemberByOpenid(db, doc.openid);
      if (existing) return { member: existing, created: false };
    }
    throw e;
  }
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
    e instanceof MongoServerError &&
    e.code === 11000 &&
    Boolean(
      (e.keyPattern as Record<string, unknown> | undefined)?.idNumberHash ?? /idNumberHash/.test(e.message),
    )
  );
}
