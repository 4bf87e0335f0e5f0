/**
 * 18-digit resident ID number (GB 11643-1999) checks, shared by the form (instant feedback)
 * and the cloud (the rule that counts):
 *  - 6-digit region code whose first two digits are a real province-level code,
 *  - 8-digit birth date that exists and is not in the future nor more than 120 years ago,
 *  - 3-digit sequence, and a check character from ISO 7064 MOD 11-2 (weights 2^(17-i) mod 11).
 * Returns the first problem found, so the form can say exactly what is wrong.
 */
export type IdNumberProblem = 'empty' | 'length' | 'format' | 'region' | 'birthdate' | 'checksum';

export const ID_NUMBER_PROBLEM_TEXT: Record<IdNumberProblem, string> = {
  empty: '请填写身份证号',
  length: '身份证号应为 18 位',
  format: '身份证号只能是数字，最后一位可以是 X',
  region: '身份证号前 6 位（地区码）不正确',
  birthdate: '身份证号里的出生日期不正确',
  checksum: '身份证号最后一位校验码不对，请逐位核对',
};

// Province-level codes in use (GB/T 2260) plus 71 台湾, 81 香港, 82 澳门.
const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65, 71, 81, 82,
]);
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export function normalizeIdNumber(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

export function findIdNumberProblem(raw: string, today: Date = new Date()): IdNumberProblem | null {
  const id = normalizeIdNumber(raw);
  if (id.length === 0) return 'empty';
  if (id.length !== 18) return 'length';
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  if (!PROVINCE_CODES.has(Number(id.slice(0, 2))) || id.slice(2, 6) === '0000') return 'region';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  const real = birth.getUTCFullYear() === y && birth.getUTCMonth() === m - 1 && birth.getUTCDate() === d;
  const oldest = Date.UTC(today.getUTCFullYear() - 120, today.getUTCMonth(), today.getUTCDate());
  if (!real || birth.getTime() > today.getTime() || birth.getTime() < oldest) return 'birthdate';
  if (idNumberCheckChar(id.slice(0, 17)) !== id[17]) return 'checksum';
  return null;
}

export function isValidIdNumber(raw: string, today?: Date): boolean {
  return findIdNumberProblem(raw, today) === null;
}

/** 330***********1234: first 3 and last 4 kept, as docs/domain.md shows. */
export function maskIdNumber(id: string): string {
  const n = normalizeIdNumber(id);
  if (n.length < 8) return '*'.repeat(n.length);
  return n.slice(0, 3) + '*'.repeat(n.length - 7) + n.slice(-4);
}
