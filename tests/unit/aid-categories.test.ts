import { assess } from '../../cloud/core/aid/categories';
import { dibaoMonthlyFen } from '../../cloud/core/aid/dibao-standards';
import { perCapitaMonthlyFen } from '../../cloud/core/aid/income';

const DIBAO = 100_000; // 1 000 元 a month
// household of 1 with no 刚性支出: annual income = 12 × monthly
const one = (monthlyFen: number, over = {}) =>
  assess(
    { householdSize: 1, annualIncomeFen: monthlyFen * 12, rigidExpenseFen: 0, mainCause: 'illness', ...over },
    DIBAO,
  );

describe('per-capita monthly income', () => {
  it('is (annual income − 刚性支出) ÷ 12 ÷ household size in whole fen, rounded down', () => {
    expect(perCapitaMonthlyFen(3_000_000, 600_000, 3)).toBe(66_666);
    expect(perCapitaMonthlyFen(1_200_000, 0, 1)).toBe(100_000);
  });

  it('is never negative when costs exceed income', () => {
    expect(perCapitaMonthlyFen(100_000, 500_000, 2)).toBe(0);
  });
});

describe('suggested hardship category', () => {
  it('is 深度困难 just below the local 低保 and 相对困难 exactly at it', () => {
    expect(one(DIBAO - 1).suggestedCategory).toBe('deep');
    expect(one(DIBAO).suggestedCategory).toBe('relative');
  });

  it('is 相对困难 just below 2 × 低保 and not eligible exactly at it', () => {
    expect(one(2 * DIBAO - 1).suggestedCategory).toBe('relative');
    expect(one(2 * DIBAO).suggestedCategory).toBe('none');
  });

  it('is 意外致困 for an accident or disaster above the income lines', () => {
    expect(one(3 * DIBAO, { mainCause: 'accident' }).suggestedCategory).toBe('accident');
    expect(one(3 * DIBAO, { mainCause: 'disaster' }).reason).toContain('灾害');
  });

  it('is 意外致困 when a year of 刚性支出 is above 80% of household income, not at it', () => {
    const income = 10_000_000; // 10 万元, 4 people
    const at80 = assess(
      { householdSize: 1, annualIncomeFen: income, rigidExpenseFen: 8_000_000, mainCause: 'illness' },
      10_000,
    );
    const above = assess(
      { householdSize: 1, annualIncomeFen: income, rigidExpenseFen: 8_000_001, mainCause: 'illness' },
      10_000,
    );
    expect(at80.suggestedCategory).toBe('none');
    expect(above.suggestedCategory).toBe('accident');
    expect(above.reason).toContain('80%');
  });

  it('explains the suggestion with the figures in yuan', () => {
    expect(one(66_666).reason).toBe('深度困难：家庭人均月收入约 666.66 元，低于当地低保标准 1000 元');
  });
});

describe('低保 standards', () => {
  it('use the most specific region and the latest year not after the one asked', () => {
    expect(dibaoMonthlyFen('330108', 2026)).toBe(121_000);
    expect(dibaoMonthlyFen('330106', 2026)).toBe(125_000);
    expect(dibaoMonthlyFen('330106', 2027)).toBe(125_000);
    expect(dibaoMonthlyFen('330106', 2025)).toBe(120_000);
    expect(dibaoMonthlyFen('110105', 2026)).toBe(80_000);
  });
});
