/**
 * The `members` function against its baselines, cold start and GET /api/members/me throughput:
 *  - fair baseline (the ratio that counts): express + serverless-http + the driver, connecting
 *    with the app's options, one findOne by _id with the app's projection
 *    (fixtures/fair-find-one.ts);
 *  - bare hello (for reference): express + serverless-http answering a constant, no driver, no
 *    connection (fixtures/bare-hello.ts).
 * Everything is bundled as a deploy bundles it (bundle.ts), and the throughput loads the same
 * bundles into this process. One or more builds of the app (A/B: two commits) are measured
 * side by side with the baselines, interleaved (cold-start.ts, throughput.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { loadConfig } from '../cloud/platform/config/config';
import { signSessionToken } from '../cloud/platform/auth/token';
import { seedIfEmpty } from '../cloud/dev/seed';
import { ensureIndexes } from '../cloud/platform/db/indexes';
import '../cloud/functions/registry'; // every function's indexes
import { bundleFunction } from './bundle';
import { startDevDbProcess } from './devdb-process';
import { coldStarts, v2Get, type ColdFigures } from './cold-start';
import { throughputRounds, type Handler, type ThroughputFigures } from './throughput';
import { fmt, loadAverage, median, medianRatio, ratioWithCi, table } from './report';

// the bundles are CommonJS files outside the source tree, loaded as a function runtime loads them
const requireBundle = createRequire(__filename);

export const FAIR = 'fair baseline';
export const HELLO = 'bare hello';

export interface AppBuild {
  name: string;
  /** a bundled `cloud/functions/members/index.ts` (or a loader of one) */
  bundle: string;
}

export interface MembersFunctionFigures {
  /** per target (app builds, FAIR, HELLO) */
  cold: Record<string, ColdFigures>;
  throughput: Record<string, ThroughputFigures>;
  load: { start: number; end: number };
  settings: { coldRuns: number; rounds: number; perRound: number; concurrency: number };
}

export async function bundleBaselines(dir = mkdtempSync(path.join(tmpdir(), 'bench-baselines-'))) {
  const fair = path.join(dir, 'fair-find-one.js');
  const hello = path.join(dir, 'bare-hello.js');
  await bundleFunction('bench/fixtures/fair-find-one.ts', fair);
  await bundleFunction('bench/fixtures/bare-hello.ts', hello);
  return { fair, hello };
}

export async function measureMembersFunction(opts: {
  apps: AppBuild[];
  /** the functions' environment (MONGODB_URI, secrets, LOG_LEVEL) */
  env: NodeJS.ProcessEnv;
  token: string;
  memberId: string;
  coldRuns: number;
  rounds: number;
  perRound: number;
  concurrency: number;
}): Promise<MembersFunctionFigures> {
  const settings = {
    coldRuns: opts.coldRuns,
    rounds: opts.rounds,
    perRound: opts.perRound,
    concurrency: opts.concurrency,
  };
  const start = loadAverage();
  const { fair, hello } = await bundleBaselines();
  const appEvent = v2Get('/api/members/me', opts.token);
  const fairEvent = v2Get(`/${opts.memberId}`);
  const helloEvent = v2Get('/');
  const env = { ...process.env, ...opts.env };
  const cold = await coldStarts(
    [
      ...opts.apps.map((a) => ({ name: a.name, bundle: a.bundle, event: appEvent })),
      { name: FAIR, bundle: fair, event: fairEvent },
      { name: HELLO, bundle: hello, event: helloEvent },
    ],
    { runs: opts.coldRuns, env },
  );
  Object.assign(process.env, opts.env);
  const load = (file: string) => (requireBundle(file) as { handler: Handler }).handler;
  const throughput = await throughputRounds(
    [
      ...opts.apps.map((a) => ({ name: a.name, handler: load(a.bundle), event: appEvent })),
      { name: FAIR, handler: load(fair), event: fairEvent },
      { name: HELLO, handler: load(hello), event: helloEvent },
    ],
    { ...settings, warmup: 5000 },
  );
  return { cold, throughput, load: { start, end: loadAverage() }, settings };
}

/**
 * devdb in its own process (a deployed function's database is elsewhere: its work is not the
 * function's), seeded with the demo data and indexed as a deploy leaves it, and a session of the
 * demo worker.
 */
export async function prepareMembersBench() {
  const devdb = await startDevDbProcess();
  const env = {
    NODE_ENV: 'production',
    MONGODB_URI: devdb.uri,
    JWT_SECRET: randomBytes(32).toString('hex'),
    PII_KEY: randomBytes(32).toString('hex'),
    // logs off unless asked (BENCH_LOG_LEVEL=info: run with stdout to /dev/null, the lines come there)
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
  };
  const config = loadConfig({ ...process.env, ...env });
  const client = await MongoClient.connect(devdb.uri);
  await seedIfEmpty(client.db(config.dbName), config);
  await ensureIndexes(client.db(config.dbName)); // as `npm run db:indexes` does before a deploy
  const member = await client.db(config.dbName).collection('members').findOne({ openid: 'demo-worker-1' });
  await client.close();
  const memberId = member!._id.toHexString();
  const token = await signSessionToken(
    { memberId, sessionVersion: 0, lifetimeSeconds: config.sessions.memberSeconds },
    config.jwtSecret,
  );
  return { env, token, memberId, stop: () => devdb.proc.kill() };
}

const cell = (xs: number[], unit: string, digits = 1) => `${fmt(median(xs), digits)} ${unit}`;

/** The `npm run bench` section: the app build `app` against both baselines. */
export function membersFunctionSection(f: MembersFunctionFigures, app: string) {
  const s = f.settings;
  const cold = (k: keyof ColdFigures) => medianRatio(f.cold[app][k], f.cold[FAIR][k]);
  const coldHello = (k: keyof ColdFigures) => medianRatio(f.cold[app][k], f.cold[HELLO][k]);
  const tp = (k: keyof ThroughputFigures) => medianRatio(f.throughput[app][k], f.throughput[FAIR][k]);
  const tpHello = (k: keyof ThroughputFigures) => medianRatio(f.throughput[app][k], f.throughput[HELLO][k]);
  const met = (ok: boolean) => (ok ? 'met' : 'not met');
  const rows = [
    ['cold start, wall clock', 'ms', 'ms' as const],
    ['cold start, CPU time of the new process', 'cpuMs', 'ms' as const],
  ].map(([label, k, unit]) => {
    const key = k as keyof ColdFigures;
    return [
      `cold start \`members\`, ${label}`,
      cell(f.cold[app][key], unit),
      cell(f.cold[FAIR][key], unit),
      `**${ratioWithCi(f.cold[app][key], f.cold[FAIR][key])}**`,
      cell(f.cold[HELLO][key], unit),
      fmt(coldHello(key), 2),
    ];
  });
  for (const [label, key, unit] of [
    ['requests per second', 'rps', 'req/s'],
    ['requests per CPU second of the process', 'perCpuSecond', 'req/CPU s'],
  ] as const) {
    rows.push([
      `GET /api/members/me, ${label}`,
      cell(f.throughput[app][key], unit, 0),
      cell(f.throughput[FAIR][key], unit, 0),
      `**${ratioWithCi(f.throughput[app][key], f.throughput[FAIR][key])}**`,
      cell(f.throughput[HELLO][key], unit, 0),
      fmt(tpHello(key), 3),
    ]);
  }
  const body = [
    'Three handlers, each bundled as a deploy bundles it (esbuild, one CommonJS file for Node 20), all answering',
    'through serverless-http with API Gateway v2 events:',
    '',
    '- **app**: the `members` function (`cloud/functions/members/index.ts`), GET /api/members/me with a session token:',
    '  security headers, a request id, the token verified (HMAC the first time only), the member read once, the union',
    "  named from the cached org tree, the member's view as JSON.",
    '- **fair baseline** (the ratio that counts; `bench/fixtures/fair-find-one.ts`): express + serverless-http + the',
    "  official driver, connecting on the first request with the app's options, the collection handle made once, and",
    "  one findOne by `_id` with the app's projection (the ciphertexts left out), answered as JSON, with the app's",
    '  express settings (no ETag, no X-Powered-By). Nothing else: what the app does beyond this is its own overhead.',
    '- **bare hello** (for reference; `bench/fixtures/bare-hello.ts`): express + serverless-http answering a constant.',
    '  No driver, no connection, no query.',
    '',
    `Cold start: a new Node process loads the bundle and answers one request; ${s.coldRuns} runs, each starting all three`,
    'in an order that rotates from run to run. Wall clock is spawn → answer; CPU time is what the new process used until',
    "it answered (others' load moves it much less). Throughput: the same bundles loaded into one process,",
    `${s.perRound} requests per round, ${s.concurrency} at a time, ${s.rounds} rounds after a warm-up, the three in a rotating`,
    'order in every round. devdb runs as its own process (in memory, over loopback), as a deployed database is elsewhere:',
    "its work is not the function's. Figures are medians; ratios are the **medians of the per-run (per-round) ratios**,",
    'with their 95% confidence intervals (order statistics).',
    `Load average ${fmt(f.load.start, 1)} at the start, ${fmt(f.load.end, 1)} at the end (shared machine: other work slows`,
    'every column alike, wall clock far more than CPU time).',
    '',
    table(['measure', 'app', 'fair baseline', 'ratio app/fair', 'bare hello', 'ratio app/hello'], rows),
    '',
    `Aims: cold start ≤ 1.10× the fair baseline: ${met(cold('ms') <= 1.1)} on the wall clock (${fmt(cold('ms'), 2)}), ` +
      `${met(cold('cpuMs') <= 1.1)} in CPU time (${fmt(cold('cpuMs'), 2)}); members/me throughput ≥ 0.95× the fair ` +
      `baseline: ${met(tp('rps') >= 0.95)} in requests per second (${fmt(tp('rps'), 2)}), ` +
      `${met(tp('perCpuSecond') >= 0.95)} per CPU second (${fmt(tp('perCpuSecond'), 2)}).`,
  ].join('\n');
  const summary =
    `cold start: members ${cell(f.cold[app].ms, 'ms')} vs fair ${cell(f.cold[FAIR].ms, 'ms')}: ${fmt(cold('ms'), 2)} ` +
    `(CPU ${fmt(cold('cpuMs'), 2)}; vs bare hello ${fmt(coldHello('ms'), 2)})\n` +
    `GET /api/members/me: ${cell(f.throughput[app].rps, 'req/s', 0)} vs fair ${cell(f.throughput[FAIR].rps, 'req/s', 0)}: ` +
    `${fmt(tp('rps'), 2)} (per CPU second ${fmt(tp('perCpuSecond'), 2)}; vs bare hello ${fmt(tpHello('rps'), 3)})`;
  return { title: 'Cloud functions: cold start and members/me throughput', body, summary };
}
