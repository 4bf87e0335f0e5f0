import {
  findIdNumberProblem,
  idNumberCheckChar,
  maskIdNumber,
  normalizeIdNumber,
} from '../../src/contracts/idNumber';

const today = new Date('2026-11-24T00:00:00Z');
const valid = (first17: string) => first17 + idNumberCheckChar(first17);

describe('GB 11643 ID number check', () => {
  it('accepts published-format numbers whose check character matches, including X', () => {
    expect(findIdNumberProblem('11010519491231002X', today)).toBeNull();
    expect(findIdNumberProblem('330106198001011235', today)).toBeNull();
    expect(findIdNumberProblem(' 11010519491231002x ', today)).toBeNull();
  });

  it('computes the ISO 7064 MOD 11-2 check character', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(idNumberCheckChar('33010619800101123')).toBe('5');
  });

  it('names the first problem so the form can say it in words', () => {
    expect(findIdNumberProblem('', today)).toBe('empty');
    expect(findIdNumberProblem('3301061980010112', today)).toBe('length');
    expect(findIdNumberProblem('33010619800101123A', today)).toBe('format');
    expect(findIdNumberProblem(valid('99010619800101123'), today)).toBe('region');
    expect(findIdNumberProblem(valid('33000019800101123'), today)).toBe('region');
    expect(findIdNumberProblem(valid('33010619800230123'), today)).toBe('birthdate');
    expect(findIdNumberProblem(valid('33010620270101123'), today)).toBe('birthdate');
    expect(findIdNumberProblem(valid('33010618990101123'), today)).toBe('birthdate');
    expect(findIdNumberProblem('330106198001011234', today)).toBe('checksum');
  });

  it('masks all but the first 3 and last 4 characters', () => {
    expect(maskIdNumber('330106198001011235')).toBe('330***********1235');
    expect(normalizeIdNumber('11010519491231002x')).toBe('11010519491231002X');
  });
});
