/**
 * The `members` function against its baselines, cold start and GET /api/members/me throughput:
 *  - fair baseline (the ratio that counts): express + serverless-http + the driver, connecting
 *    with the app's options, one findOne by _id with the app's projection
 *    (fixtures/fair-find-one.ts);
 *  - bare hello (for reference): express + serverless-http answering a constant, no driver, no
 *    connection (fixtures/bare-hello.ts).
 * Everything is built as a deploy builds it (`npm run build:functions`: one bundle and a V8 code
 * cache, tools/functions-build), and the throughput loads the same builds into this process. One or more builds of the app (A/B: two commits) are measured
 * side by side with the baselines, interleaved (cold-start.ts, throughput.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, setConfig } from '../cloud/platform/config/config';
import { closeDb, getDb } from '../cloud/platform/db/client';
import { signSessionToken } from '../cloud/platform/auth/token';
import { seedIfEmpty } from '../cloud/dev/seed';
import { ensureIndexes } from '../cloud/platform/db/indexes';
import '../cloud/functions/registry'; // every function's indexes
import { buildFunction } from '../tools/functions-build/build';
import { startDevDbProcess } from './devdb-process';
import { coldStarts, v2Get, type ColdFigures } from './cold-start';
import { throughputRounds, type Handler, type ThroughputFigures } from './throughput';
import { fmt, loadAverage, median, medianRatio, ratioWithCi, table } from './report';

const APP_ENTRY = 'cloud/functions/members/index.ts';

// the builds are CommonJS files outside the source tree, loaded as a function runtime loads them
const requireBuild = createRequire(__filename);

export const FAIR = 'fair baseline';
export const HELLO = 'bare hello';
/** throughput only, for reference: the fair baseline writing its JSON as the app does */
export const FAIR_DIRECT = 'fair baseline, JSON written as the app does';
/** the name of a target's cold start without the code cache (a runtime on another Node) */
export const withoutCache = (name: string) => `${name}, no code cache`;
/** the name of a target's cold start with its bundle left as esbuild writes it (not ASCII-only) */
export const notAscii = (name: string) => `${name}, not ASCII-only`;

export interface AppBuild {
  name: string;
  /** the source tree to build `cloud/functions/members/index.ts` from (default: this worktree) */
  root?: string;
}

export interface MembersFunctionFigures {
  /** per target (app builds, FAIR, HELLO; and each `withoutCache(…)` when asked) */
  cold: Record<string, ColdFigures>;
  throughput: Record<string, ThroughputFigures>;
  load: { start: number; end: number };
  settings: { coldRuns: number; rounds: number; perRound: number; concurrency: number; codeCache: boolean };
}

export async function measureMembersFunction(opts: {
  apps: AppBuild[];
  /** build as a deploy does, with the V8 code cache (default), or without it */
  codeCache?: boolean;
  /** also time cold starts of every target built without the code cache */
  coldWithoutCache?: boolean;
  /** also time cold starts of every target with its bundle not made ASCII-only */
  coldNotAscii?: boolean;
  /** the functions' environment (MONGODB_URI, secrets, LOG_LEVEL) */
  env: NodeJS.ProcessEnv;
  token: string;
  memberId: string;
  coldRuns: number;
  rounds: number;
  perRound: number;
  concurrency: number;
}): Promise<MembersFunctionFigures> {
  const codeCache = opts.codeCache ?? true;
  const settings = {
    coldRuns: opts.coldRuns,
    rounds: opts.rounds,
    perRound: opts.perRound,
    concurrency: opts.concurrency,
    codeCache,
  };
  const start = loadAverage();
  const appEvent = v2Get('/api/members/me', opts.token);
  const sources = [
    ...opts.apps.map((a) => ({ name: a.name, entry: APP_ENTRY, root: a.root, event: appEvent })),
    {
      name: FAIR,
      entry: 'bench/fixtures/fair-find-one.ts',
      root: undefined,
      event: v2Get(`/${opts.memberId}`),
    },
    { name: HELLO, entry: 'bench/fixtures/bare-hello.ts', root: undefined, event: v2Get('/') },
    {
      name: FAIR_DIRECT,
      entry: 'bench/fixtures/fair-find-one-direct-json.ts',
      root: undefined,
      event: v2Get(`/${opts.memberId}`),
      throughputOnly: true,
    },
  ];
  // builds timed for their cold start only: each target built another way
  const coldVariants = [
    ...(opts.coldWithoutCache && codeCache
      ? [{ dir: 'plain', name: withoutCache, build: { codeCache: false } }]
      : []),
    ...(opts.coldNotAscii ? [{ dir: 'utf8', name: notAscii, build: { codeCache, asciiOnly: false } }] : []),
  ];
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-functions-'));
  const built = [];
  for (const [i, s] of sources.entries()) {
    const main = await buildFunction(s.entry, path.join(dir, String(i)), { root: s.root, codeCache });
    built.push({ ...s, main });
    if ('throughputOnly' in s) continue;
    for (const v of coldVariants) {
      const variant = await buildFunction(s.entry, path.join(dir, `${i}-${v.dir}`), {
        root: s.root,
        ...v.build,
      });
      built.push({ ...s, name: v.name(s.name), main: variant, coldOnly: true });
    }
  }
  const env = { ...process.env, ...opts.env };
  const cold = await coldStarts(
    built
      .filter((b) => !('throughputOnly' in b))
      .map((b) => ({ name: b.name, bundle: b.main, event: b.event })),
    { runs: opts.coldRuns, env },
  );
  Object.assign(process.env, opts.env);
  const throughput = await throughputRounds(
    built
      .filter((b) => !('coldOnly' in b))
      .map((b) => ({
        name: b.name,
        handler: (requireBuild(b.main) as { handler: Handler }).handler,
        event: b.event,
      })),
    { ...settings, warmup: 5000 },
  );
  return { cold, throughput, load: { start, end: loadAverage() }, settings };
}

/** The runs and rounds every members measurement takes (BENCH_COLD_RUNS, BENCH_ROUNDS change them). */
export function runSettings() {
  return {
    coldRuns: Number(process.env.BENCH_COLD_RUNS ?? 21),
    rounds: Number(process.env.BENCH_ROUNDS ?? 21),
    perRound: 800,
    concurrency: 8,
  };
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
  let member;
  try {
    // the seed runs on the platform's client (its services' transactions start their sessions there)
    setConfig(config);
    const db = await getDb();
    await ensureIndexes(db); // as `npm run db:indexes` does before a deploy
    await seedIfEmpty(db, config);
    member = await db.collection('members').findOne({ openid: 'demo-worker-1' });
  } catch (e) {
    devdb.proc.kill(); // it shares this process's stderr: left running, it would keep a caller waiting
    throw e;
  } finally {
    await closeDb();
  }
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
  const met = (ok: boolean) => (ok ? 'met' : 'not met');
  const coldRow = (label: string, k: keyof ColdFigures, name: (n: string) => string) => {
    const [a, fair, hello] = [f.cold[name(app)][k], f.cold[name(FAIR)][k], f.cold[name(HELLO)][k]];
    return [
      label,
      cell(a, 'ms'),
      cell(fair, 'ms'),
      `**${ratioWithCi(a, fair)}**`,
      cell(hello, 'ms'),
      ratioWithCi(a, hello),
    ];
  };
  const tpRow = (label: string, k: keyof ThroughputFigures, unit: string) => {
    const [a, fair, hello] = [f.throughput[app][k], f.throughput[FAIR][k], f.throughput[HELLO][k]];
    return [
      label,
      cell(a, unit, 0),
      cell(fair, unit, 0),
      `**${ratioWithCi(a, fair)}**`,
      cell(hello, unit, 0),
      ratioWithCi(a, hello, 3),
    ];
  };
  const same = (n: string) => n;
  const plain = f.cold[withoutCache(app)] ? withoutCache : undefined;
  const build = s.codeCache ? 'deploy build (bundle + V8 code cache)' : 'bundle without code cache';
  const rows = [
    coldRow(`cold start, ${build}, wall clock`, 'ms', same),
    coldRow(`cold start, ${build}, CPU time`, 'cpuMs', same),
    ...(plain
      ? [
          coldRow('cold start without the code cache (runtime on another Node), wall clock', 'ms', plain),
          coldRow('cold start without the code cache, CPU time', 'cpuMs', plain),
        ]
      : []),
    ...(f.cold[notAscii(app)]
      ? [
          coldRow(
            'cold start, bundle not made ASCII-only (as esbuild writes it), wall clock',
            'ms',
            notAscii,
          ),
          coldRow('cold start, bundle not made ASCII-only, CPU time', 'cpuMs', notAscii),
        ]
      : []),
    tpRow('GET /api/members/me, requests per second', 'rps', 'req/s'),
    tpRow('GET /api/members/me, requests per CPU second of the process', 'perCpuSecond', 'req/CPU s'),
  ];
  const cold = (k: keyof ColdFigures) => medianRatio(f.cold[app][k], f.cold[FAIR][k]);
  const tp = (k: keyof ThroughputFigures) => medianRatio(f.throughput[app][k], f.throughput[FAIR][k]);
  const coldHello = medianRatio(f.cold[app].ms, f.cold[HELLO].ms);
  const tpHello = medianRatio(f.throughput[app].rps, f.throughput[HELLO].rps);
  const body = [
    'Handlers each built as `npm run build:functions` builds a function (esbuild, one CommonJS file for Node 20,',
    'and a V8 code cache made by this Node: tools/functions-build), all answering through serverless-http with API',
    'Gateway v2 events:',
    '',
    '- **app**: the `members` function (`cloud/functions/members/index.ts`), GET /api/members/me with a session token:',
    '  security headers, a request id, the token verified (HMAC the first time only), the member read once, the union',
    "  named from the cached org tree, the member's view written as JSON directly (`sendJson`, not express's `res.json`).",
    '  Its other routes load their schemas and services on first use, so a cold start loads none of them.',
    '- **fair baseline** (the ratio that counts; `bench/fixtures/fair-find-one.ts`): express + serverless-http + the',
    "  official driver, connecting on the first request with the app's options, the collection handle made once, and",
    "  one findOne by `_id` with the app's projection (the ciphertexts left out), answered as JSON, with the app's",
    "  express settings (no ETag, no X-Powered-By), through express's `res.json` as an express function answers.",
    '  Nothing else: what the app does beyond this is its own overhead.',
    '- **fair baseline, JSON written as the app does** (throughput only, for reference;',
    '  `bench/fixtures/fair-find-one-direct-json.ts`): the same with `sendJson` instead of `res.json`, which takes the way',
    "  JSON is written out of the comparison: what is left is the app's own work (headers, request id, session, view).",
    '- **bare hello** (for reference; `bench/fixtures/bare-hello.ts`): express + serverless-http answering a constant.',
    '  No driver, no connection, no query.',
    '',
    `Cold start: a new Node process loads the build and answers one request; ${s.coldRuns} runs, each starting every`,
    'target once in an order that rotates from run to run. Wall clock is spawn → answer; CPU time is what the new',
    "process used until it answered (others' load moves it much less). Without the code cache: the same builds' bundles",
    "loaded directly, as on a runtime whose Node differs from the build's. Not ASCII-only: the same builds with each",
    "bundle left as esbuild writes it (the app's has Chinese in messages, comments and regular expressions, so V8 keeps",
    'its whole source two bytes per character: tools/functions-build/ascii-source.ts). Throughput: the builds loaded into one',
    `process, ${s.perRound} requests per round, ${s.concurrency} at a time, ${s.rounds} rounds after a warm-up, all in a`,
    'rotating order in every round. devdb runs as its own process (in memory, over loopback), as a deployed database is',
    "elsewhere: its work is not the function's. Logs off (`LOG_LEVEL=silent`). Figures are medians; ratios are the",
    '**medians of the per-run (per-round) ratios**, with their 95% confidence intervals (order statistics).',
    `Load average ${fmt(f.load.start, 1)} at the start, ${fmt(f.load.end, 1)} at the end, on 2 cores (shared machine:`,
    'other work slows every column alike, wall clock far more than CPU time).',
    '',
    table(['measure', 'app', 'fair baseline', 'ratio app/fair', 'bare hello', 'ratio app/hello'], rows),
    '',
    `Aims: cold start ≤ 1.10× the fair baseline: ${met(cold('ms') <= 1.1)} on the wall clock (${fmt(cold('ms'), 2)}), ` +
      `${met(cold('cpuMs') <= 1.1)} in CPU time (${fmt(cold('cpuMs'), 2)}); members/me throughput ≥ 0.95× the fair ` +
      `baseline: ${met(tp('rps') >= 0.95)} in requests per second (${fmt(tp('rps'), 2)}), ` +
      `${met(tp('perCpuSecond') >= 0.95)} per CPU second (${fmt(tp('perCpuSecond'), 2)}). For reference, against the ` +
      `bare hello: cold start ${fmt(coldHello, 2)}, throughput ${fmt(tpHello, 3)}.`,
    '',
    `Against the fair baseline writing its JSON as the app does: ${ratioWithCi(f.throughput[app].rps, f.throughput[FAIR_DIRECT].rps)} ` +
      `in requests per second (${cell(f.throughput[FAIR_DIRECT].rps, 'req/s', 0)}), ` +
      `${ratioWithCi(f.throughput[app].perCpuSecond, f.throughput[FAIR_DIRECT].perCpuSecond)} per CPU second: the cost of ` +
      "the app's own work per request, the way JSON is written aside.",
  ].join('\n');
  const summary =
    `cold start: members ${cell(f.cold[app].ms, 'ms')} vs fair ${cell(f.cold[FAIR].ms, 'ms')}: ${fmt(cold('ms'), 2)} ` +
    `(CPU ${fmt(cold('cpuMs'), 2)}; vs bare hello ${fmt(coldHello, 2)})\n` +
    `GET /api/members/me: ${cell(f.throughput[app].rps, 'req/s', 0)} vs fair ${cell(f.throughput[FAIR].rps, 'req/s', 0)}: ` +
    `${fmt(tp('rps'), 2)} (per CPU second ${fmt(tp('perCpuSecond'), 2)}; vs bare hello ${fmt(tpHello, 3)})`;
  return { title: 'Cloud functions: cold start and members/me throughput', body, summary };
}
