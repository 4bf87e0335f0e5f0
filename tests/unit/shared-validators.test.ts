/** The shared validators of src/contracts: person names and calendar dates. */
import { isCalendarDate, pastDateSchema, todayInChina } from '../../src/contracts/calendar-date';
import { isPersonName, PersonNameSchema } from '../../src/contracts/person-name';

describe('person names', () => {
  it('accepts Chinese names, names with ·, and Latin names with single spaces', () => {
    for (const name of ['李秀英', '张建国', '买买提·艾力', 'Li Xiuying', '欧阳 娜娜']) {
      expect(isPersonName(name)).toBe(true);
    }
    expect(PersonNameSchema.parse('  李秀英 ')).toBe('李秀英');
  });

  it('refuses control characters, line breaks, tabs and runs of spaces anywhere in a name', () => {
    for (const name of [
      '李秀\n英',
      '李秀\r\n英',
      '李秀\t英',
      '李\u0000秀英',
      '李秀\u007f英',
      '李秀  英',
      '李秀\u2028英',
    ]) {
      expect(isPersonName(name)).toBe(false);
      expect(PersonNameSchema.safeParse(name).success).toBe(false);
    }
  });

  it('refuses names shorter than 2 or longer than 20 characters', () => {
    expect(isPersonName('李')).toBe(false);
    expect(isPersonName('李'.repeat(21))).toBe(false);
    expect(isPersonName('李'.repeat(20))).toBe(true);
  });
});

describe('calendar dates', () => {
  it('accepts days that exist, leap days in leap years included', () => {
    for (const d of ['2026-01-31', '2026-11-20', '2024-02-29', '2000-02-29', '1900-01-01', '2199-12-31']) {
      expect(isCalendarDate(d)).toBe(true);
    }
  });

  it('refuses days that do not exist and anything not written YYYY-MM-DD', () => {
    for (const d of [
      '9999-99-99',
      '2026-13-45',
      '2026-02-30',
      '2025-02-29',
      '1900-02-29',
      '2026-04-31',
      '2026-00-10',
      '2026-01-00',
      '2026-1-5',
      '2026/01/05',
      '2026-01-05T00:00',
      '1899-12-31',
      '',
    ]) {
      expect(isCalendarDate(d)).toBe(false);
    }
  });

  it('takes today in China: 23:30 UTC is already the next day there', () => {
    expect(todayInChina(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11-30');
    expect(todayInChina(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12-01');
  });

  it('lets a past date be today or earlier, never tomorrow', () => {
    const schema = pastDateSchema({ invalid: '日期不对', future: '不能晚于今天' });
    const today = todayInChina();
    const tomorrow = todayInChina(new Date(Date.now() + 86_400_000));
    expect(schema.safeParse(today).success).toBe(true);
    expect(schema.safeParse('2026-01-31').success).toBe(true);
    const future = schema.safeParse(tomorrow);
    expect(future.success).toBe(false);
    expect(future.error?.issues[0].message).toBe('不能晚于今天');
    expect(schema.safeParse('9999-99-99').error?.issues[0].message).toBe('日期不对');
  });
});
