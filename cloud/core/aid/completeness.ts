/**
 * When an application is complete enough to submit (issue 4, API): household size, annual
 * income, 刚性支出, main cause of hardship and a description. Evidence photos are not required
 * to submit; an officer may return the case for them (退回补充 is a normal path).
 */
import type { AidForm } from '../../../src/contracts/aid';

export const REQUIRED_TO_SUBMIT = [
  'householdSize',
  'annualIncomeFen',
  'rigidExpenseFen',
  'mainCause',
  'description',
] as const satisfies readonly (keyof AidForm)[];

export function missingForSubmit(form: Partial<AidForm>): string[] {
  return REQUIRED_TO_SUBMIT.filter((f) => {
    const v = form[f];
    return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
  });
}
