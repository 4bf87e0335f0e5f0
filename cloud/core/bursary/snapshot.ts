/** A 金秋助学 application document as the workflow engine reads it (case.ts). */
import type { BursaryStatus } from '../../../src/contracts/bursary';
import { caseSnapshot } from '../workflow/case-store';
import type { BursaryCaseSnapshot } from './case';
import type { BursaryApplicationDoc } from './repository';

export function toBursarySnapshot(doc: BursaryApplicationDoc): BursaryCaseSnapshot {
  return {
    ...caseSnapshot<BursaryStatus>(doc),
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
