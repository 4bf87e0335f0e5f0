/**
 * Per-capita monthly income (docs/domain.md): (household annual disposable income − 刚性支出 such
 * as medical or schooling costs) ÷ 12 ÷ household members, in whole fen, rounded down and
 * never below zero.
 */
export function perCapitaMonthlyFen(
  annualIncomeFen: number,
  rigidExpenseFen: number,
  householdSize: number,
): number {
  if (householdSize < 1) throw new RangeError('household size must be at least 1');
  const disposable = Math.max(0, annualIncomeFen - rigidExpenseFen);
  return Math.floor(disposable / 12 / householdSize);
}
