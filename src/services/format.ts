/** Dates in the form older readers expect: 2026年11月24日 14:05 (local time). */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The clock time only, 09:05 (local time): when a ticket was checked in today. */
export function formatClock(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/**
 * A figure and its unit stay on one line: the space in "666.66 元" or "3 人" becomes a
 * no-break space, so a line never ends in "666.66" with "元" on the next (the cloud's sentences,
 * such as the assessment's reason, come with ordinary spaces).
 */
export function keepWithUnit(text: string): string {
  return text.replace(/(\d)[ \u00a0]+(?=元|人|岁|天|位|件|张|%)/g, '$1\u00a0');
}
