/** Times an officer types into the competition form (src/services/localTime.ts). */
import { formatForInput, parseLocalDateTime } from '../../src/services/localTime';

const iso = (s: string) => Date.parse(parseLocalDateTime(s) ?? 'nope');

describe('a typed date and time', () => {
  it('reads the usual ways of writing it as the same local time', () => {
    const want = new Date(2026, 4, 1, 9, 0).getTime();
    for (const s of [
      '2026-05-01 09:00',
      '2026/5/1 9:00',
      '2026年5月1日 9:00',
      '２０２６-０５-０１ ０９：００',
      '2026-05-01T09:00',
    ])
      expect(iso(s)).toBe(want);
  });

  it('takes a date alone as midnight', () => {
    expect(iso('2026-05-01')).toBe(new Date(2026, 4, 1).getTime());
  });

  it('sends it with the phone’s offset, as the API expects', () => {
    expect(parseLocalDateTime('2026-05-01 09:00')).toMatch(/^2026-05-01T09:00:00[+-]\d\d:\d\d$/);
  });

  it('refuses what is not a real date or time', () => {
    for (const s of [
      '2026-02-30 09:00',
      '2026-05-01 25:00',
      '2026-05-01 09:61',
      '明天上午',
      '05-01 09:00',
      '',
    ])
      expect(parseLocalDateTime(s)).toBeNull();
  });

  it('shows a time for editing in the form it reads back', () => {
    const d = new Date(2026, 10, 24, 14, 5);
    expect(formatForInput(d)).toBe('2026-11-24 14:05');
    expect(iso(formatForInput(d))).toBe(d.getTime());
  });
});
