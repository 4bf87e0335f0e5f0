/**
 * Money is integer fen (docs/architecture.md), never floats. A payment is a positive safe integer of
 * fen up to MAX_PAYMENT_FEN (10 万元: more in one payment is a typing mistake); household income
 * and costs are non-negative whole fen up to MAX_YEARLY_FEN (1 亿元 a year). The shared schemas
 * check the same limits at the edge; these guard the core against any other route.
 */
import { MAX_PAYMENT_FEN, MAX_YEARLY_FEN } from '../../../src/contracts/aid';

export { MAX_PAYMENT_FEN, MAX_YEARLY_FEN };

export function isValidPaymentFen(amount: unknown): amount is number {
  return (
    typeof amount === 'number' && Number.isSafeInteger(amount) && amount > 0 && amount <= MAX_PAYMENT_FEN
  );
}

export function isValidYearlyFen(amount: unknown): amount is number {
  return (
    typeof amount === 'number' && Number.isSafeInteger(amount) && amount >= 0 && amount <= MAX_YEARLY_FEN
  );
}
