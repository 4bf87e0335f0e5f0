/** Card and ID numbers in groups of four, stored without spaces (issue 14, item 8). */
import { groupedLength, inGroupsOfFour, plainDigits } from '../../src/services/digitGroups';

describe('long numbers shown in groups of four', () => {
  it('groups a bank card number by four from the left', () => {
    expect(inGroupsOfFour('6222021234567890123')).toBe('6222 0212 3456 7890 123');
    expect(inGroupsOfFour('6222')).toBe('6222');
    expect(inGroupsOfFour('62220')).toBe('6222 0');
    expect(inGroupsOfFour('')).toBe('');
  });

  it('reads back what was typed or pasted as the plain number', () => {
    expect(plainDigits('6222 0212 3456-7890 123')).toBe('6222021234567890123');
    expect(plainDigits('６２２２ ０２１２')).toBe('62220212');
    expect(plainDigits('6222a')).toBe('6222');
  });

  it('keeps a final X of an ID number, in upper case', () => {
    expect(plainDigits('3301 0619 6904 1512 3x', true)).toBe('33010619690415123X');
    expect(plainDigits('3301x', false)).toBe('3301');
  });

  it('knows how long the grouped form of a number is', () => {
    expect(groupedLength(19)).toBe(inGroupsOfFour('1'.repeat(19)).length);
    expect(groupedLength(18)).toBe(inGroupsOfFour('1'.repeat(18)).length);
    expect(groupedLength(16)).toBe(19);
  });
});
