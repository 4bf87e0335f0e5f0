/**
 * Whole days as the unions count them: in China time (UTC+8, no daylight saving), whatever the
 * server's own time zone. A day `2026-07-01` starts at 00:00 in China; "through a day" means
 * before the next one starts.
 */
const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The moment a China day (YYYY-MM-DD) starts. */
export const chinaDayStart = (day: string): Date => new Date(`${day}T00:00:00+08:00`);

/** The moment after a China day ends (the next day's start): `at < chinaDayEnd(day)` is "through that day". */
export const chinaDayEnd = (day: string): Date => new Date(chinaDayStart(day).getTime() + DAY_MS);

/** The China day of a moment, YYYY-MM-DD. */
export const chinaDayOf = (at: Date): string =>
  new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);

/** The China calendar year of a moment. */
export const chinaYearOf = (at: Date): number => Number(chinaDayOf(at).slice(0, 4));

/** A YYYY-MM-DD that names a real calendar day. */
export const isCalendarDay = (day: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(day) && chinaDayOf(chinaDayStart(day)) === day;
