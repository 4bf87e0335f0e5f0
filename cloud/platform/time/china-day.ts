/**
 * Whole days as the unions count them: in China time (UTC+8, no daylight saving), whatever the
 * server's own time zone (src/contracts/calendar-date.ts says which days exist and which is
 * today). A day `2026-07-01` starts at 00:00 in China; "through a day" means before the next
 * one starts.
 */
import { todayInChina } from '../../../src/contracts/calendar-date';

const DAY_MS = 86_400_000;

/** The moment a China day (YYYY-MM-DD) starts. */
export const chinaDayStart = (day: string): Date => new Date(`${day}T00:00:00+08:00`);

/** The moment after a China day ends (the next day's start): `at < chinaDayEnd(day)` is "through that day". */
export const chinaDayEnd = (day: string): Date => new Date(chinaDayStart(day).getTime() + DAY_MS);

/** The China day of a moment, YYYY-MM-DD. */
export const chinaDayOf = (at: Date): string => todayInChina(at);

/** The China calendar year of a moment. */
export const chinaYearOf = (at: Date): number => Number(chinaDayOf(at).slice(0, 4));
