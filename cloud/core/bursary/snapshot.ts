/** A 金秋助学 application document as the workflow engine reads it (case.ts): the kit's fields and its own. */
import type { BursaryStatus } from '../../../src/contracts/bursary';
import { caseBasics } from '../workflow/case-store';
import type { BursaryCaseSnapshot } from './case';
import type { BursaryApplicationDoc } from './repository';

export function toBursarySnapshot(doc: BursaryApplicationDoc): BursaryCaseSnapshot {
  return {
    ...caseBasics<BursaryStatus>(doc),
    publicity: doc.publicity,
    publicityDays: doc.publicityDays,
    campaignYear: doc.campaignYear,
    childIdHash: doc.childIdHash,
    childName: doc.child.name,
    standardAmountFen: doc.standardAmountFen,
    payments: doc.payments,
  };
}
