/** An aid case document as the workflow engine reads it (case.ts): the kit's fields, aid's, and completeness. */
import type { AidForm, AidStatus, HardshipCategory } from '../../../src/contracts/aid';
import { caseBasics } from '../workflow/case-store';
import type { AidCaseSnapshot } from './case';
import { missingForSubmit } from './completeness';
import type { AidCaseDoc } from './repository';

export function toAidSnapshot(doc: AidCaseDoc): AidCaseSnapshot {
  return {
    ...caseBasics<AidStatus>(doc),
    category: (doc.category as HardshipCategory | null) ?? null,
    visit: doc.visit,
    earlierVisits: doc.earlierVisits ?? [],
    publicity: doc.publicity,
    payments: doc.payments,
    missingFields: missingForSubmit(doc.form as Partial<AidForm>),
    reviewDueAt: doc.reviewDueAt ?? null,
    bankAccountMasked: doc.form.bankAccountMasked ?? null,
  };
}
