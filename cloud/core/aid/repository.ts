/**
 * aidCases: one document per hardship-aid case, its fields beside the kit's (case-store.ts), and
 * its indexes. Rules the database enforces:
 *  - one open case per applicant household (unique index on applicantId where `open` is true;
 *    `open` turns false only in a final state), so two submissions racing cannot both land;
 *  - every change is a conditional update on (`_id`, `version`) (the kit's store);
 *  - officer lists carry the org-subtree filter (the kit's store, scopeFilter).
 */
import type { Db } from 'mongodb';
import { isDuplicateKey } from '../../platform/db/duplicate-key';
import type { OfficerScope } from '../../platform/auth/org-scope';
import { registerIndexes } from '../../platform/db/indexes';
import type { EncryptedValue } from '../../platform/db/collections';
import { caseStore, type CaseDocBase } from '../workflow/case-store';
import type { HistoryEntry } from '../workflow/record';
import type { AidPayment, AidPublicity, AidVisit } from './case';

/** One step on the case's timeline, as the workflow engine records it. */
export type AidHistoryEntry = HistoryEntry;

export interface AidCaseDoc extends CaseDocBase {
  regionCode: string | null;
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
    /** keyed hash of the account: tells a changed account from the same one when the masked forms agree */
    bankAccountHash?: string | null;
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
  /** home visits no longer standing: facts they verified changed after a return */
  earlierVisits?: AidVisit[];
  publicity: AidPublicity | null;
  payments: AidPayment[];
  history: AidHistoryEntry[];
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

export const aidCases = caseStore<AidCaseDoc>('aidCases');

/** What an officer's queue row needs: never the history, encrypted values or the owner's unsubmitted edits. */
export const QUEUE_PROJECTION = {
  history: 0,
  'form.bankAccountEnc': 0,
  applicantIdNumberEnc: 0,
  unsubmitted: 0,
  changes: 0,
};

/** What the public 公示 list may read of a case. */
export const PUBLICITY_PROJECTION = { applicantName: 1, orgName: 1, category: 1, publicity: 1, orgPath: 1 };

/** A second open case for the applicant (the unique index on open cases refused it). */
export function isOpenCaseConflict(e: unknown): boolean {
  return isDuplicateKey(e) && !isDuplicateCaseId(e);
}

/** A case with this _id exists already: a create retried under the same operation id. */
export function isDuplicateCaseId(e: unknown): boolean {
  return isDuplicateKey(e) && e.keyPattern?._id !== undefined;
}

export async function findOpenCase(db: Db, applicantId: string): Promise<AidCaseDoc | null> {
  return aidCases.collection(db).findOne({ applicantId, open: true });
}

/** 年审 due: cases on file whose re-verification date has come, inside the officer's subtree. */
export async function listReviewDue(
  db: Db,
  scope: OfficerScope,
  statuses: readonly string[],
  now: Date,
): Promise<AidCaseDoc[]> {
  return aidCases.listInScope(
    db,
    scope,
    { status: { $in: [...statuses] }, reviewDueAt: { $lte: now } },
    { reviewDueAt: 1 },
  );
}
