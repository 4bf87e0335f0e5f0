/**
 * The suggested hardship category (national scheme, docs/domain.md), checked in this order:
 *  深度困难 (deep): per-capita monthly income below the local 低保;
 *  相对困难 (relative): below 2 × 低保;
 *  意外致困 (accident): the main cause is an accident or disaster, or the year's hardship costs
 *  (刚性支出) exceed 80% of household income;
 *  otherwise not eligible. The officer decides the final category; this is a suggestion with
 *  its reason in words.
 */
import {
  CATEGORY_TEXT,
  CAUSE_TEXT,
  fenToYuanText,
  type HardshipCause,
  type SuggestedCategory,
} from '../../../src/contracts/aid';
import { isAccidentCause } from './causes';
import { perCapitaMonthlyFen } from './income';

export interface AssessmentInput {
  householdSize: number;
  annualIncomeFen: number;
  rigidExpenseFen: number;
  mainCause: HardshipCause;
}

export interface Assessment {
  perCapitaMonthlyFen: number;
  suggestedCategory: SuggestedCategory;
  reason: string;
  dibaoMonthlyFen: number;
}

export function assess(input: AssessmentInput, dibaoMonthlyFen: number): Assessment {
  const perCapita = perCapitaMonthlyFen(input.annualIncomeFen, input.rigidExpenseFen, input.householdSize);
  const yuan = (fen: number) => `${fenToYuanText(fen)} 元`;
  const income = `家庭人均月收入约 ${yuan(perCapita)}`;
  let category: SuggestedCategory;
  let reason: string;
  if (perCapita < dibaoMonthlyFen) {
    category = 'deep';
    reason = `${income}，低于当地低保标准 ${yuan(dibaoMonthlyFen)}`;
  } else if (perCapita < 2 * dibaoMonthlyFen) {
    category = 'relative';
    reason = `${income}，低于低保标准的 2 倍（${yuan(2 * dibaoMonthlyFen)}）`;
  } else if (isAccidentCause(input.mainCause)) {
    category = 'accident';
    reason = `${income}，不低于低保标准的 2 倍（${yuan(2 * dibaoMonthlyFen)}），但因${CAUSE_TEXT[input.mainCause]}致困`;
  } else if (input.rigidExpenseFen > 0 && input.rigidExpenseFen * 10 > input.annualIncomeFen * 8) {
    // integer comparison: costs > 80% of income without floating point; no income at all counts too
    category = 'accident';
    reason = `一年的刚性支出 ${yuan(input.rigidExpenseFen)}，超过家庭年收入 ${yuan(input.annualIncomeFen)}的 80%（${yuan(Math.floor((input.annualIncomeFen * 8) / 10))}）`;
  } else {
    category = 'none';
    reason = `${income}，高于低保标准的 2 倍（${yuan(2 * dibaoMonthlyFen)}），也不属于意外致困`;
  }
  return {
    perCapitaMonthlyFen: perCapita,
    suggestedCategory: category,
    reason: `${CATEGORY_TEXT[category]}：${reason}`,
    dibaoMonthlyFen,
  };
}
