import { perCapitaMonthlyFen } from '../../cloud/core/aid/income';

describe('per-capita monthly income (人均月收入)', () => {
  it('is (annual income − 刚性支出) ÷ 12 ÷ household size, in fen', () => {
    expect(perCapitaMonthlyFen(1_200_000, 0, 1)).toBe(100_000);
    expect(perCapitaMonthlyFen(3_600_000, 1_200_000, 2)).toBe(100_000);
  });

  it('rounds down to a whole fen', () => {
    // 30 000 元 − 6 000 元 = 24 000 元 a year for 3 people = 666.666… 元 a month
    expect(perCapitaMonthlyFen(3_000_000, 600_000, 3)).toBe(66_666);
    expect(perCapitaMonthlyFen(11, 0, 1)).toBe(0);
    expect(Number.isInteger(perCapitaMonthlyFen(1_234_567, 7, 7))).toBe(true);
  });

  it('is never negative when 刚性支出 exceed the income', () => {
    expect(perCapitaMonthlyFen(100_000, 500_000, 2)).toBe(0);
    expect(perCapitaMonthlyFen(0, 0, 4)).toBe(0);
  });

  it('stays exact at the largest income the form accepts', () => {
    expect(perCapitaMonthlyFen(10_000_000_000, 0, 1)).toBe(833_333_333);
  });

  it('refuses a household of nobody', () => {
    expect(() => perCapitaMonthlyFen(1_200_000, 0, 0)).toThrow(RangeError);
  });
});
