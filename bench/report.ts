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
