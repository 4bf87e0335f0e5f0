/**
 * A date and time typed the way it is written on a notice ("2026-05-01 09:00", also with 年月日
 * or slashes, full-width digits allowed), read as the phone's local time and sent as ISO 8601
 * with the phone's offset (2026-05-01T09:00:00+08:00), as the API's times travel.
 */
const pad = (n: number) => String(n).padStart(2, '0');

function withOffset(d: Date): string {
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:00` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** The ISO time, or null when the text is not a real date and time. */
export function parseLocalDateTime(typed: string): string | null {
  const text = typed
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[：]/g, ':')
    .trim();
  const m =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*(?:[T\s]\s*(\d{1,2})\s*[:点时]\s*(\d{1,2})?\s*分?)?$/.exec(
      text,
    );
  if (!m) return null;
  const [y, mo, d, h = '0', mi = '0'] = m.slice(1).map((v) => v ?? undefined);
  const date = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi ?? 0));
  if (
    date.getFullYear() !== Number(y) ||
    date.getMonth() !== Number(mo) - 1 ||
    date.getDate() !== Number(d) ||
    Number(h) > 23 ||
    Number(mi ?? 0) > 59
  )
    return null;
  return withOffset(date);
}

/** How a time is shown in a field for editing: 2026-05-01 09:00 (local). */
export function formatForInput(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
