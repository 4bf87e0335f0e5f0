/** Test children for 金秋助学: fresh valid ID numbers and a complete registration body. */
import { idNumberCheckChar } from '../../src/contracts/idNumber';

let counter = 0;

/** A fresh, valid child's ID number (born 2004–2009 in 330106), unused by any other call in this process. */
export function childIdNumber(): string {
  counter++;
  const seq = String(100 + ((process.pid * 7 + counter * 13) % 900));
  const first17 = `330106${2004 + (counter % 6)}0${1 + (counter % 9)}1${counter % 10}${seq}`;
  return first17 + idNumberCheckChar(first17);
}

/** No to every question of the seeded campaign's exclusions. */
export const NO_EXCLUSIONS = {
  military: false,
  free_teacher: false,
  directed: false,
  aided_elsewhere: false,
};

/** A complete registration: an undergraduate who entered last year, nothing excluding. */
export function childApplication(over: Record<string, unknown> = {}) {
  return {
    childName: '钱小雨',
    childIdNumber: childIdNumber(),
    school: '浙江工业大学',
    level: 'undergraduate',
    admissionYear: new Date().getFullYear() - 1,
    answers: NO_EXCLUSIONS,
    guardianConsent: true,
    ...over,
  };
}
