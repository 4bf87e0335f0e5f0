/** A 金秋助学 application document as the workflow engine reads it (case.ts). */
import type { BursaryStatus } from '../../../src/contracts/bursary';
import type { BursaryCaseSnapshot } from './case';
import type { BursaryApplicationDoc } from './repository';

export function toBursarySnapshot(doc: BursaryApplicationDoc): BursaryCaseSnapshot {
  return {
    id: doc._id.toHexString(),
    status: doc.status as BursaryStatus,
    version: doc.version,
    ownerId: doc.applicantId,
    orgPath: doc.orgPath,
    returnedFrom: (doc.returnedFrom as BursaryStatus | null) ?? null,
    publicity: doc.publicity,
    publicityDays: doc.publicityDays,
    campaignYear: doc.campaignYear,
    childIdHash: doc.childIdHash,
    childName: doc.child.name,
    standardAmountFen: doc.standardAmountFen,
    approvedAmountFen: doc.approvedAmountFen,
    payments: doc.payments,
  };
}
