/**
 * Amounts as people type them, read into integer fen for the API (money is never a float there):
 *  1. tidy first: full-width digits and points, spaces and thousands commas, a leading ¥ and a
 *     trailing 元 / 块 / 块钱 are dropped (36,000 元 = 36000);
 *  2. plain yuan with at most two decimals: 36000, 36000.5;
 *  3. Chinese units, largest first: 3.6万, 3万6000, 3万零500, 1万2千, and the spoken short form
 *     where one digit after a unit means the next unit down (3万6 = 36000, 5千5 = 5500);
 *  4. anything else is not guessed at: the caller says, in words, what could not be read.
 * Up to 9 digits of yuan (the forms' own limits are smaller).
 */
import { fenToYuanText } from '../contracts/money';

export const YUAN_PROBLEM = '请只填数字，单位是元，例如 36000 或 36000.50';

/** What to say when `text` could not be read as an amount. */
export function yuanProblem(text: string): string {
  const t = text.trim();
  return t ? `看不懂“${t}”。${YUAN_PROBLEM}，也可以写 3.6万` : YUAN_PROBLEM;
}

const UNITS: Record<string, number> = { 万: 10_000, 千: 1_000, 百: 100 };
const NEXT_DOWN: Record<string, number> = { 万: 1_000, 千: 100, 百: 10 };
const MAX_FEN = 99_999_999_999; // 9 digits of yuan

function tidy(text: string): string {
  return text
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
    .replace(/[\s,，]/g, '')
    .replace(/^[¥￥]/, '')
    .replace(/(元|块钱|块)$/, '');
}

/** "3.6" × unit in fen, exactly (string arithmetic: units are powers of ten), or null when it would need more than two decimals of yuan. */
function fenOf(number: string, unit: number): number | null {
  const [whole, frac = ''] = number.split('.');
  const digits = (whole + frac).replace(/^0+(?=\d)/, '');
  const shift = Math.round(Math.log10(unit * 100)) - frac.length;
  let fen: string;
  if (shift >= 0) fen = digits + '0'.repeat(shift);
  else {
    if (!/^0*$/.test(digits.slice(shift))) return null;
    fen = digits.slice(0, shift) || '0';
  }
  fen = fen.replace(/^0+(?=\d)/, '');
  return fen.length > 11 ? null : Number(fen);
}

/** 3万6千5 style: number-unit pairs, largest unit first, then an optional tail. */
function parseWithUnits(t: string): number | null {
  const parts = t.match(/^(?:(\d+(?:\.\d+)?)万)?零?(?:(\d)千)?零?(?:(\d)百)?(零?)(\d*)$/);
  if (!parts) return null;
  const [, wan, qian, bai, zero, tail] = parts;
  if (!wan && !qian && !bai) return null;
  let fen = 0;
  let lastUnit: string | null = null;
  for (const [n, unit] of [
    [wan, '万'],
    [qian, '千'],
    [bai, '百'],
  ] as const) {
    if (!n) continue;
    const part = fenOf(n, UNITS[unit]);
    if (part === null) return null;
    fen += part;
    lastUnit = unit;
  }
  if (tail) {
    // spoken short form: one digit straight after a unit is the next unit down (3万6 = 3万6千)
    const short = tail.length === 1 && !zero && lastUnit !== null;
    const value = short ? Number(tail) * NEXT_DOWN[lastUnit!] : Number(tail);
    if (!short && value >= UNITS[lastUnit!]) return null; // 3万60000 is not an amount
    fen += value * 100;
  }
  return fen > MAX_FEN ? null : fen;
}

/** An amount in 元 → fen; null when empty; 'bad' when it cannot be read (say yuanProblem(text)). */
export function parseYuan(text: string): number | null | 'bad' {
  const t = tidy(text);
  if (t === '') return text.trim() === '' ? null : 'bad';
  if (/^\d{1,9}(\.\d{1,2})?$/.test(t)) return fenOf(t, 1) ?? 'bad';
  return parseWithUnits(t) ?? 'bad';
}

/**
 * How a typed amount was read, said back when it was not a plain number (3万6 → 按 36000 元计算),
 * so the worker sees the figure that will be used; null when there is nothing to add.
 */
export function yuanReadBack(text: string): string | null {
  const fen = parseYuan(text);
  if (typeof fen !== 'number') return null;
  const plain = fenToYuanText(fen);
  return text.trim() === plain ? null : `按 ${plain} 元计算`;
}
