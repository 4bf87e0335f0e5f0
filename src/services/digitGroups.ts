/**
 * Long numbers a worker checks by eye against a card (bank card, ID card): shown in groups of
 * four (6222 0212 3456 7890 123), kept and sent without spaces. What is typed or pasted is read
 * back to the plain number: spaces and dashes dropped, full-width digits made plain, and for ID
 * numbers a final x made X.
 */

/** The plain number in `typed`: digits only (and X when `allowX`), upper case. */
export function plainDigits(typed: string, allowX = false): string {
  const plain = typed
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s-]/g, '')
    .toUpperCase();
  return allowX ? plain.replace(/[^\dX]/g, '') : plain.replace(/\D/g, '');
}

/** 6222021234567890123 → 6222 0212 3456 7890 123 */
export function inGroupsOfFour(plain: string): string {
  return plain.replace(/(.{4})(?=.)/g, '$1 ');
}

/** Characters the grouped form of `digits` digits takes (for an input's maxlength). */
export const groupedLength = (digits: number): number => digits + Math.floor((digits - 1) / 4);
