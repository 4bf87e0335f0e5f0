/**
 * bursaryApplications: one document per child registered for 金秋助学, its fields beside the
 * kit's (case-store.ts), and its indexes. Rules the database enforces:
 *  - one application per child per campaign year across all orgs: a unique index on the keyed
 *    hash of the child's ID number and the year, over applications that still claim the child
 *    (all but withdrawn ones), so two parents in different unions cannot both register one child,
 *    even at the same moment;
 *  - every change is a conditional update on (`_id`, `version`) (the kit's store);
 *  - officer lists carry the org-subtree filter (the kit's store, scopeFilter).
 * The child's ID number is stored encrypted, its hash for the rule above, and a masked copy.
 */
import type { ObjectId } from 'mongodb';
import { isDuplicateKey } from '../../platform/db/duplicate-key';
import type { BursaryGroup, SchoolLevel } from '../../../src/contracts/bursary';
import type { EncryptedValue } from '../../platform/db/collections';
import { registerIndexes } from '../../platform/db/indexes';
import { caseStore, type CaseDocBase } from '../workflow/case-store';
import type { BursaryPayment } from './case';

export interface BursaryApplicationDoc extends CaseDocBase {
  campaignId: ObjectId;
  campaignYear: number;
  campaignOrgName: string;
  /** the campaign's 公示 length when the application was made */
  publicityDays: number;
  child: {
    name: string;
    idNumberEnc: EncryptedValue;
    idNumberMasked: string;
    school: string;
    level: SchoolLevel;
    admissionYear: number;
  };
  childIdHash: string;
  /** true until withdrawn: while set, no other application may name this child this year */
  claimsChild: boolean;
  /** each exclusion question as asked, with the answer given */
  answers: { id: string; question: string; answer: boolean }[];
  proofFileIds: string[];
  group: BursaryGroup;
  groupReason: string;
  /** the campaign table's amount for the child: the approval's default (the approved one is the kit's) */
  standardAmountFen: number;
  payments: BursaryPayment[];
  guardianConsentAt: Date;
}

registerIndexes('bursaryApplications', [
  {
    key: { campaignYear: 1, childIdHash: 1 },
    name: 'one_application_per_child_year',
    unique: true,
    partialFilterExpression: { claimsChild: true },
  },
  // the officer queue: status at my level, inside my subtree, newest first
  { key: { status: 1, orgPath: 1, submittedAt: -1 }, name: 'queue' },
  { key: { applicantId: 1, createdAt: -1 }, name: 'mine' },
]);

export const bursaryApplications = caseStore<BursaryApplicationDoc>('bursaryApplications');

/** What an officer's queue row reads: never the history, an encrypted ID number or the owner's unsubmitted edits. */
export const QUEUE_PROJECTION = {
  history: 0,
  'child.idNumberEnc': 0,
  applicantIdNumberEnc: 0,
  unsubmitted: 0,
  changes: 0,
};

/** What the public 公示 list may read of an application. */
export const PUBLICITY_PROJECTION = {
  applicantName: 1,
  'child.name': 1,
  'child.level': 1,
  orgName: 1,
  'approvedAmount.fen': 1,
  publicity: 1,
};

export function isChildClaimed(e: unknown): boolean {
  return isDuplicateKey(e);
}
