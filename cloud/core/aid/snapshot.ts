/** An aid case document as the workflow engine reads it (case.ts): the stored fields plus completeness. */
import type { AidForm, AidStatus, HardshipCategory } from '../../../src/contracts/aid';
import { caseSnapshot } from '../workflow/case-store';
import type { AidCaseSnapshot } from './case';
import { missingForSubmit } from './completeness';
import type { AidCaseDoc } from './repository';

export function toAidSnapshot(doc: AidCaseDoc): AidCaseSnapshot {
  return {
    ...caseSnapshot<AidStatus>(doc),
    category: (doc.category as HardshipCategory | null) ?? null,
    visit: doc.visit,
    publicity: doc.publicity,
    objections: doc.objections,
    payments: doc.payments,
    missingFields: missingForSubmit(doc.form as Partial<AidForm>),
    bankAccountMasked: doc.form.bankAccountMasked ?? null,
  };
}
