/**
 * aidCases: one document per hardship-aid case. Rules the database enforces:
 *  - one open case per applicant household (unique index on applicantId where `open` is true;
 *    `open` turns false only in a final state), so two submissions racing cannot both land;
 *  - every change is a conditional update on (`_id`, `version`), so a stale action matches
 *    nothing and becomes VERSION_CONFLICT instead of a second transition.
 * Officer reads always carry the org-subtree filter (`orgPath` contains the officer's org).
 */
import { MongoServerError, ObjectId, type ClientSession, type Db, type Filter } from 'mongodb';
import { registerIndexes } from '../../platform/db/indexes';
import type { EncryptedValue } from '../../platform/db/collections';
import type { HistoryEntry } from '../workflow/record';
import type { AidObjection, AidPayment, AidPublicity, AidVisit } from './case';

/** One step on the case's timeline, as the workflow engine records it. */
export type AidHistoryEntry = HistoryEntry;

export interface AidCaseDoc {
  _id: ObjectId;
  applicantId: string;
  applicantName: string;
  orgId: string;
  orgName: string;
  orgPath: string[];
  regionCode: string | null;
  status: string;
  version: number;
  open: boolean;
  form: {
    householdSize: number;
    annualIncomeFen: number;
    rigidExpenseFen: number;
    mainCause: string;
    secondaryCauses: string[];
    description: string;
    householdMembers: { relation: string; age: number; workStatus: string; annualIncomeFen: number }[];
    bankAccountEnc: EncryptedValue | null;
    bankAccountMasked: string | null;
    evidenceFileIds: string[];
  };
  assessment: {
    perCapitaMonthlyFen: number;
    suggestedCategory: string;
    reason: string;
    dibaoMonthlyFen: number;
    year: number;
  };
  category: string | null;
  visit: AidVisit | null;
  returnedFrom: string | null;
  publicity: AidPublicity | null;
  objections: AidObjection[];
  payments: AidPayment[];
  history: AidHistoryEntry[];
  createdAt: Date;
  submittedAt: Date | null;
  updatedAt: Date;
  /** 年审: when a filed case must be re-verified */
  reviewDueAt: Date | null;
}

registerIndexes('aidCases', [
  {
    key: { applicantId: 1 },
    name: 'one_open_case_per_household',
    unique: true,
    partialFilterExpression: { open: true },
  },
  // the officer queue: status at my level, inside my subtree, newest first
  { key: { status: 1, orgPath: 1, submittedAt: -1 }, name: 'queue' },
  { key: { applicantId: 1, createdAt: -1 }, name: 'mine' },
  { key: { status: 1, reviewDueAt: 1 }, name: 'annual_review_due' },
]);

export const aidCases = (db: Db) => db.collection<AidCaseDoc>('aidCases');

/** A second open case for the applicant (the unique index on open cases refused it). */
export function isOpenCaseConflict(e: unknown): boolean {
  return e instanceof MongoServerError && e.code === 11000 && !isDuplicateCaseId(e);
}

/** A case with this _id exists already: a create retried under the same operation id. */
export function isDuplicateCaseId(e: unknown): boolean {
  return e instanceof MongoServerError && e.code === 11000 && e.keyPattern?._id !== undefined;
}

export async function findOpenCase(db: Db, applicantId: string): Promise<AidCaseDoc | null> {
  return aidCases(db).findOne({ applicantId, open: true });
}

export async function insertCase(db: Db, doc: AidCaseDoc, session?: ClientSession): Promise<void> {
  await aidCases(db).insertOne(doc, { session });
}

export async function findCase(db: Db, id: string, session?: ClientSession): Promise<AidCaseDoc | null> {
  if (!ObjectId.isValid(id) || !/^[a-f0-9]{24}$/i.test(id)) return null;
  return aidCases(db).findOne({ _id: new ObjectId(id) }, { session });
}

/** Applies a change only if the case is still at `version`; returns null when someone else got there first. */
export async function updateCaseAtVersion(
  db: Db,
  id: ObjectId,
  version: number,
  update: { $set: Partial<AidCaseDoc>; $push?: Record<string, unknown> },
  session?: ClientSession,
): Promise<AidCaseDoc | null> {
  return aidCases(db).findOneAndUpdate(
    { _id: id, version },
    { ...update, $set: { ...update.$set, version: version + 1, updatedAt: new Date() } },
    { returnDocument: 'after', session },
  );
}

export async function listMine(db: Db, applicantId: string): Promise<AidCaseDoc[]> {
  return aidCases(db).find({ applicantId }).sort({ createdAt: -1 }).limit(50).toArray();
}

export interface QueueQuery {
  statuses: string[];
  officerOrgId: string;
  orgId?: string;
  category?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

export function queueFilter(q: QueueQuery): Filter<AidCaseDoc> {
  const orgFilter = q.orgId ? { $all: [q.officerOrgId, q.orgId] } : q.officerOrgId;
  const filter: Filter<AidCaseDoc> = { status: { $in: q.statuses }, orgPath: orgFilter };
  if (q.category) filter.category = q.category;
  if (q.from || q.to)
    filter.submittedAt = { ...(q.from ? { $gte: q.from } : {}), ...(q.to ? { $lt: q.to } : {}) };
  return filter;
}

export async function queuePage(db: Db, q: QueueQuery): Promise<{ items: AidCaseDoc[]; total: number }> {
  const filter = queueFilter(q);
  const [items, total] = await Promise.all([
    aidCases(db)
      .find(filter, { projection: { history: 0, 'form.bankAccountEnc': 0 } })
      .sort({ submittedAt: -1, _id: -1 })
      .skip((q.page - 1) * q.pageSize)
      .limit(q.pageSize)
      .toArray(),
    aidCases(db).countDocuments(filter),
  ]);
  return { items: items as AidCaseDoc[], total };
}

export async function countAtStatuses(db: Db, statuses: string[], officerOrgId: string): Promise<number> {
  return aidCases(db).countDocuments({ status: { $in: statuses }, orgPath: officerOrgId });
}

export async function listPublicity(db: Db, now: Date): Promise<AidCaseDoc[]> {
  return aidCases(db)
    .find(
      { status: 'publicity' },
      { projection: { applicantName: 1, orgName: 1, category: 1, publicity: 1, orgPath: 1 } },
    )
    .sort({ 'publicity.startsAt': -1 })
    .limit(200)
    .toArray()
    .then((docs) => docs.filter((d) => !d.publicity || d.publicity.startsAt <= now));
}

export async function listReviewDue(db: Db, officerOrgId: string, now: Date): Promise<AidCaseDoc[]> {
  return aidCases(db)
    .find({ status: { $in: ['filed', 'paid'] }, reviewDueAt: { $lte: now }, orgPath: officerOrgId })
    .sort({ reviewDueAt: 1 })
    .limit(200)
    .toArray();
}
