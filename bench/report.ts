/**
 * Benchmarks write their results into docs/benchmarks.md, one `## <title>` section each,
 * replacing that section and keeping the others. Every section names the machine.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const FILE = path.resolve('docs/benchmarks.md');
const HEADER =
  '# Benchmarks\n\nMeasured by `npm run bench`, `npm run bench:devdb` and `npm run bench:weapp`, one run each, ratios against a ' +
  'baseline run in the same process. Timings live here, never in tests.\n';

export function machineLine(): string {
  return `${new Date().toISOString().slice(0, 10)} · ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'cpu'}) · Node ${process.version}`;
}

export function writeSection(title: string, body: string): void {
  const text = existsSync(FILE) ? readFileSync(FILE, 'utf8') : HEADER;
  const section = `## ${title}\n\n_${machineLine()}_\n\n${body.trim()}\n`;
  const parts = text.split(/^(?=## )/m);
  const i = parts.findIndex((p) => p.startsWith(`## ${title}\n`));
  if (i >= 0) parts[i] = section + '\n';
  else parts.push((parts.at(-1)?.endsWith('\n\n') ? '' : '\n') + section);
  writeFileSync(FILE, parts.join('').replace(/\n{3,}/g, '\n\n'));
}

export function table(headers: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const fmt = (n: number, digits = 1) => n.toFixed(digits);

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The median of a[i] / b[i]: how two targets measured side by side compare, run by run. */
export function medianRatio(a: number[], b: number[]): number {
  return median(a.map((x, i) => x / b[i]));
}

/** The machine's 1-minute load average, for the record (others' work slows every column alike). */
export const loadAverage = () => os.loadavg()[0];

/**
 * One row of a section's table, keyed by its first cell: replaced when a row with that key is
 * there, appended otherwise; the section's text before the table is `intro` (written anew).
 */
export function writeTableRow(
  title: string,
  intro: string,
  headers: string[],
  row: (string | number)[],
): void {
  const text = existsSync(FILE) ? readFileSync(FILE, 'utf8') : '';
  const section = text.split(/^(?=## )/m).find((p) => p.startsWith(`## ${title}\n`)) ?? '';
  const rows = section
    .split('\n')
    .filter((l) => l.startsWith('| '))
    .slice(2) // header and separator
    .map((l) => l.slice(2, -2).split(' | '));
  const i = rows.findIndex((r) => r[0] === String(row[0]));
  if (i >= 0) rows[i] = row.map(String);
  else rows.push(row.map(String));
  writeSection(title, `${intro.trim()}\n\n${table(headers, rows)}`);
}

/**
 * A distribution-free 95% confidence interval for the median of `xs` (order statistics around
 * it, from the binomial distribution); for ratios, how sure the median ratio is.
 */
export function medianCi(xs: number[]): [number, number] {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  // largest k with P(Binomial(n, 1/2) < k) ≤ 2.5%: the interval is [s[k-1], s[n-k]]
  let k = 0;
  let below = 0;
  let term = 0.5 ** n; // P(X = 0)
  while (k < n && below + term <= 0.025) {
    below += term;
    term = (term * (n - k)) / (k + 1);
    k++;
  }
  return k === 0 ? [s[0], s[n - 1]] : [s[k - 1], s[n - k]];
}

/** `1.04 (0.98–1.09)`: the median of a[i] / b[i] and its 95% confidence interval. */
export function ratioWithCi(a: number[], b: number[], digits = 2): string {
  const ratios = a.map((x, i) => x / b[i]);
  const [lo, hi] = medianCi(ratios);
  return `${fmt(median(ratios), digits)} (${fmt(lo, digits)}–${fmt(hi, digits)})`;
}
