/**
 * `npm run bench:ab -- <base> <head> "<what changed>" [--no-code-cache]`: two builds of the
 * `members` function side by side, interleaved with the fair baseline and the bare hello
 * (members-function.ts): cold start and GET /api/members/me throughput, with the medians of
 * head/base ratios taken run by run and round by round. <base> and <head> are commits; <head> may
 * be `.` for this worktree as it is. Everything is built as `npm run build:functions` builds it,
 * V8 code cache included unless `--no-code-cache`. Writes one row, keyed by the change, into the
 * A/B table of docs/benchmarks.md.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { sourceAt } from './bundle';
import { FAIR, measureMembersFunction, prepareMembersBench, runSettings } from './members-function';
import { fmt, median, medianRatio, ratioWithCi, writeTableRow } from './report';

function commitOf(ref: string): string {
  if (ref === '.') {
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'cloud', 'src', 'tools']).length > 0;
    return `${commitOf('HEAD')}${dirty ? '+changes' : ''}`;
  }
  return String(execFileSync('git', ['rev-parse', '--short', ref])).trim();
}

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const codeCache = !process.argv.includes('--no-code-cache');
  const [baseRef, headRef, what] = args;
  const change = process.env.BENCH_LOG_LEVEL ? `${what} (logs at ${process.env.BENCH_LOG_LEVEL})` : what;
  if (!baseRef || !headRef || !what) {
    console.error('usage: npm run bench:ab -- <base> <head|.> "<what changed>" [--no-code-cache]');
    process.exit(2);
  }
  const base = commitOf(baseRef);
  const head = commitOf(headRef);
  const setup = await prepareMembersBench();
  // the commits' sources are copied out for the build, and removed however the run ends
  const copies = [sourceAt(baseRef), ...(headRef === '.' ? [] : [sourceAt(headRef)])];
  process.on('exit', () => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const f = await measureMembersFunction({
    apps: [
      { name: 'base', root: copies[0] },
      { name: 'head', root: headRef === '.' ? process.cwd() : copies[1] },
    ],
    codeCache,
    env: setup.env,
    token: setup.token,
    memberId: setup.memberId,
    ...runSettings(),
  });
  setup.stop();
  const c = (k: 'ms' | 'cpuMs') =>
    `${fmt(median(f.cold.base[k]))} → ${fmt(median(f.cold.head[k]))}` +
    ` (**${ratioWithCi(f.cold.head[k], f.cold.base[k], 3)}**)`;
  const t = (k: 'rps' | 'perCpuSecond') =>
    `${fmt(median(f.throughput.base[k]), 0)} → ${fmt(median(f.throughput.head[k]), 0)}` +
    ` (**${ratioWithCi(f.throughput.head[k], f.throughput.base[k], 3)}**)`;
  const vsFair = (name: 'base' | 'head') =>
    `${fmt(medianRatio(f.cold[name].ms, f.cold[FAIR].ms), 2)} / ` +
    `${fmt(medianRatio(f.throughput[name].rps, f.throughput[FAIR].rps), 2)}`;
  const row = [
    change,
    `${base} → ${head}${codeCache ? ' · code cache' : ''}`,
    c('ms'),
    c('cpuMs'),
    t('rps'),
    t('perCpuSecond'),
    `${vsFair('base')} → ${vsFair('head')}`,
    `${fmt(f.load.start, 1)}–${fmt(f.load.end, 1)}`,
    `${f.settings.coldRuns} / ${f.settings.rounds}`,
  ];
  console.log(row.join('\n'));
  writeTableRow(
    'Cloud functions: each change, A/B',
    [
      '`npm run bench:ab -- <base> <head> "<change>"`: the `members` function built from two commits, measured side by side',
      'and interleaved with the fair baseline and the bare hello as in "Cloud functions: cold start and members/me throughput" (same bundling, same',
      'devdb process, same events). Each cell: base → head medians, and in bold the **median of the head/base ratios** taken',
      'run by run (cold start) or round by round (throughput) with its 95% confidence interval (order statistics). Cold',
      'start: below 1 is faster. Throughput: above 1 is faster. The A/A row (one build against itself) shows the noise.',
      '"vs fair" is app/fair for cold start (wall clock) / throughput (req/s), base → head. Load: the 1-minute load',
      'average at the start and the end of the measurement, on 2 cores. Builds marked "· code cache" are deploy builds',
      '(`npm run build:functions`, with the V8 code cache, as both baselines then are too); rows above the code cache',
      'rows measured plain bundles, and the code cache rows themselves a first version of the loader (bench/code-cache.ts',
      'at their commit).',
    ].join('\n'),
    [
      'change',
      'commits',
      'cold start wall ms',
      'cold start CPU ms',
      'req/s',
      'req per CPU s',
      'vs fair (cold / req/s)',
      'load',
      'runs / rounds',
    ],
    row,
  );
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
