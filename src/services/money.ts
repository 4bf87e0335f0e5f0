/**
 * Amounts as people type them: yuan with at most two decimals (36000, 36000.5, 36000.50), up to
 * 9 digits before the point. Converted to integer fen for the API (money is never a float there).
 */
import { yuanToFen } from '../contracts/money';

const YUAN = /^\d{1,9}(\.\d{1,2})?$/;

export const YUAN_PROBLEM = '请只填数字，单位是元，例如 36000 或 36000.50';

/** 36000 or 36000.5 → fen; null when empty; 'bad' when it is not an amount in 元. */
export function parseYuan(text: string): number | null | 'bad' {
  const t = text.trim();
  if (t === '') return null;
  if (!YUAN.test(t)) return 'bad';
  return yuanToFen(Number(t));
}
