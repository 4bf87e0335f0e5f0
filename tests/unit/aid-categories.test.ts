import { assess } from '../../cloud/core/aid/categories';
import { isAccidentCause } from '../../cloud/core/aid/causes';
import { dibaoMonthlyFen, DIBAO_STANDARDS } from '../../cloud/core/aid/dibao-standards';

const DIBAO = 100_000; // 1 000 元 a month
// one person without 刚性支出: per-capita monthly income = annual income ÷ 12
const onePerson = (monthlyFen: number, over = {}) =>
  assess(
    { householdSize: 1, annualIncomeFen: monthlyFen * 12, rigidExpenseFen: 0, mainCause: 'illness', ...over },
    DIBAO,
  );

describe('the suggested hardship category', () => {
  it('is 深度困难 one fen below the local 低保, and 相对困难 exactly at it', () => {
    expect(onePerson(DIBAO - 1).suggestedCategory).toBe('deep');
    expect(onePerson(DIBAO).suggestedCategory).toBe('relative');
  });

  it('is 相对困难 one fen below 2 × 低保, and not eligible exactly at it', () => {
    expect(onePerson(2 * DIBAO - 1).suggestedCategory).toBe('relative');
    expect(onePerson(2 * DIBAO).suggestedCategory).toBe('none');
  });

  it('is 意外致困 for an accident or a disaster above the income lines', () => {
    expect(onePerson(3 * DIBAO, { mainCause: 'accident' }).suggestedCategory).toBe('accident');
    expect(onePerson(3 * DIBAO, { mainCause: 'disaster' }).reason).toContain('因灾害致困');
    expect(isAccidentCause('illness')).toBe(false);
  });

  it('prefers 深度困难 when an accident household is also below 低保', () => {
    expect(onePerson(DIBAO - 1, { mainCause: 'accident' }).suggestedCategory).toBe('deep');
  });

  describe('the 80% rule (yearly 刚性支出 above 80% of household income)', () => {
    const income = 10_000_000; // 10 万元 a year, one person, 低保 100 元
    const withCosts = (rigidExpenseFen: number) =>
      assess({ householdSize: 1, annualIncomeFen: income, rigidExpenseFen, mainCause: 'illness' }, 10_000);

    it('does not apply at exactly 80%', () => {
      expect(withCosts(8_000_000).suggestedCategory).toBe('none');
    });

    it('applies one fen above 80%, and says the figures', () => {
      const r = withCosts(8_000_001);
      expect(r.suggestedCategory).toBe('accident');
      expect(r.reason).toBe(
        '意外致困：一年的刚性支出 80000.01 元，超过家庭年收入 100000 元的 80%（80000 元）',
      );
    });
  });

  it('explains each suggestion in plain Chinese with the figures in yuan', () => {
    expect(onePerson(66_666).reason).toBe('深度困难：家庭人均月收入约 666.66 元，低于当地低保标准 1000 元');
    expect(onePerson(150_000).reason).toBe(
      '相对困难：家庭人均月收入约 1500 元，低于低保标准的 2 倍（2000 元）',
    );
    expect(onePerson(250_000).reason).toBe(
      '暂不符合帮扶条件：家庭人均月收入约 2500 元，高于低保标准的 2 倍（2000 元），也不属于意外致困',
    );
  });

  it('reports the per-capita income and the 低保 it compared with', () => {
    expect(onePerson(66_666)).toMatchObject({ perCapitaMonthlyFen: 66_666, dibaoMonthlyFen: DIBAO });
  });
});

describe('低保 standards by region and year', () => {
  it('use the most specific region prefix configured', () => {
    expect(dibaoMonthlyFen('330108', 2026)).toBe(121_000);
    expect(dibaoMonthlyFen('330106', 2026)).toBe(125_000);
  });

  it('use the latest year not after the one asked', () => {
    expect(dibaoMonthlyFen('330106', 2027)).toBe(125_000);
    expect(dibaoMonthlyFen('330106', 2025)).toBe(120_000);
  });

  it('fall back to the default for a region without its own figure, or none known', () => {
    expect(dibaoMonthlyFen('110105', 2026)).toBe(80_000);
    expect(dibaoMonthlyFen(null, 2026)).toBe(80_000);
  });

  it('refuse a year before any configured standard rather than guess', () => {
    expect(() => dibaoMonthlyFen('330106', 2020)).toThrow('低保');
  });

  it('can be read from another table, as configuration', () => {
    const table = [{ regionPrefix: '', year: 2026, monthlyFen: 99_900 }];
    expect(dibaoMonthlyFen('440300', 2026, table)).toBe(99_900);
    expect(DIBAO_STANDARDS.every((s) => Number.isSafeInteger(s.monthlyFen) && s.monthlyFen > 0)).toBe(true);
  });
});
