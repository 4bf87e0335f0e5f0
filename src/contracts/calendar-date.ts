/**
 * Calendar dates as the API carries them: `YYYY-MM-DD`, a day that exists (no 2026-02-30, no
 * 9999-99-99), in the years this service can mean (1900–2199). "Today" is the day in China
 * (UTC+8), where every union works, whatever the server's or the phone's time zone.
 */
import * as z from 'zod/mini';

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const CHINA_OFFSET_MS = 8 * 3_600_000;

export function isCalendarDate(value: string): boolean {
  const m = PATTERN.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate(); // day 0 of the next month: this month's last
}

/** Today's date in China, `YYYY-MM-DD`. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** A date that exists; `message` says so in words. */
export const calendarDateSchema = (message: string) => z.string().check(z.refine(isCalendarDate, message));

/** A date that exists and is not after today in China (things that already happened). */
export const pastDateSchema = (messages: { invalid: string; future: string }) =>
  z.string().check(
    z.refine(isCalendarDate, messages.invalid),
    z.refine((v) => !isCalendarDate(v) || v <= todayInChina(), messages.future),
  );
