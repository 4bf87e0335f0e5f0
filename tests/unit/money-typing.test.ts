/** Amounts as workers type them (issue 14: "3万6" became 36 with no message). */
import { keepWithUnit } from '../../src/services/format';
import { parseYuan, yuanProblem, yuanReadBack } from '../../src/services/money';

describe('reading an amount typed in 元', () => {
  it.each([
    ['36000', 3_600_000],
    ['36000.5', 3_600_050],
    ['36000.50', 3_600_050],
    ['0', 0],
    ['36,000', 3_600_000],
    ['36000元', 3_600_000],
    ['３６０００', 3_600_000],
    ['¥ 2000', 200_000],
    ['3.6万', 3_600_000],
    ['3万', 3_000_000],
    ['3万6', 3_600_000],
    ['3万6千', 3_600_000],
    ['3万6500', 3_650_000],
    ['3万零500', 3_050_000],
    ['1万2千5百', 1_250_000],
    ['5千5', 550_000],
    ['2千', 200_000],
    ['3.65万', 3_650_000],
    ['0.0001万', 100],
  ])('reads %s as %i fen', (typed, fen) => {
    expect(parseYuan(typed)).toBe(fen);
  });

  it.each(['三万', '3w', '36000.555', '3万60000', '3..6', '万', '-200', '0.0000001万', '1234567890'])(
    'does not guess at %s',
    (typed) => {
      expect(parseYuan(typed)).toBe('bad');
    },
  );

  it('treats an empty field as not filled in, not as 0', () => {
    expect(parseYuan('')).toBeNull();
    expect(parseYuan('  ')).toBeNull();
  });

  it('says what it could not read, with the words typed', () => {
    expect(yuanProblem('三万')).toContain('看不懂“三万”');
    expect(yuanProblem('三万')).toContain('单位是元');
  });

  it('says back how a short form was read, and nothing for a plain number', () => {
    expect(yuanReadBack('3万6')).toBe('按 36000 元计算');
    expect(yuanReadBack('36,000')).toBe('按 36000 元计算');
    expect(yuanReadBack('36000')).toBeNull();
    expect(yuanReadBack('abc')).toBeNull();
  });
});

describe('figures and their units', () => {
  it('keeps a figure on the same line as its unit', () => {
    expect(keepWithUnit('约 666.66 元，低于 1250 元/月，3 人')).toBe(
      '约 666.66\u00a0元，低于 1250\u00a0元/月，3\u00a0人',
    );
    expect(keepWithUnit('第 2 步')).toBe('第 2 步');
  });
});
