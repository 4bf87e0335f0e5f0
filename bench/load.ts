/**
 * `npm run bench:load`: the app under many users, over loopback only, bounded in time.
 *
 * `npm start` runs as its own process (temporary DATA_DIR, free port, default devdb with its
 * journal). Then:
 *  1. burst: every worker signs in and registers at the same moment;
 *  2. solo (the baseline, same process, same server): one user at a time (a worker, then an
 *     officer of each level) for a few seconds, no pause between steps, after a short warm-up:
 *     each route's latency with nobody else around;
 *  3. load: LOAD_USERS virtual users for LOAD_SECONDS (default 200 for 60 s): nine in ten are
 *     workers (submitting aid cases, one in ten retried with the same Idempotency-Key; reading
 *     their cases and messages), one in ten officers deciding with the versions they read; plus a
 *     health probe four times a second;
 *  4. the server is stopped, its data directory opened again, and the invariants checked.
 * Per route: req/s, p50/p95/p99 and every outcome (status + error code, or timeout). Written to
 * docs/benchmarks.md (its own section; the rest of the file is kept).
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { LoadClient } from './load/http';
import { checkInvariants } from './load/invariants';
import { officerTokens, registerAll, type Level } from './load/people';
import { startServer } from './load/server';
import { LoadStats } from './load/stats';
import { healthProbe, officerLoop, workerLoop, type Run, type Told } from './load/users';
import { fmt, table, writeSection } from './report';

const USERS = Number(process.env.LOAD_USERS ?? 200);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const SOLO_SECONDS = Number(process.env.LOAD_SOLO_SECONDS ?? 8);
/** pause between a user's steps, uniform in this range (LOAD_THINK_MS=min-max to push harder) */
const THINK_MS = (process.env.LOAD_THINK_MS ?? '500-2000').split('-').map(Number) as [number, number];
const TIMEOUT_MS = 10_000;
/** officers per level among the users (the rest are workers) */
const OFFICER_SHARE: Record<Level, number> = { base: 0.04, town: 0.03, approver: 0.03 };

function cpuSeconds(): number {
  return os.cpus().reduce((n, c) => n + c.times.user + c.times.sys, 0) / 1000;
}

async function main(): Promise<void> {
  const server = await startServer(process.env.LOAD_PROFILE_DIR);
  const told: Told = { cases: new Map(), keyMismatches: [], decisions: [] };
  const officersPerLevel = Object.fromEntries(
    Object.entries(OFFICER_SHARE).map(([l, share]) => [l, Math.max(1, Math.round(USERS * share))]),
  ) as Record<Level, number>;
  const officerCount = Object.values(officersPerLevel).reduce((a, b) => a + b, 0);
  const workerCount = USERS - officerCount;
  let stopped = false;
  try {
    // 1. burst
    const burstStats = new LoadStats();
    const setup = new LoadClient(server.url, burstStats, 30_000);
    burstStats.startedAt = Date.now();
    const burst = await registerAll(setup, workerCount, randomBytes(4).toString('hex'));
    burstStats.endedAt = Date.now();
    const tokens = await officerTokens(setup);
    console.log(
      `burst: ${workerCount} workers signed in and registered at once in ${fmt(burst.ms / 1000, 1)} s; ` +
        `${burst.retried} needed a retry; 5xx/timeouts: ${burstStats.failures()}`,
    );

    // 2. solo baseline, after a warm-up of the same steps (first calls of each route pay for JIT)
    const runAlone = async (seconds: number): Promise<LoadStats> => {
      const soloStats = new LoadStats();
      const client = new LoadClient(server.url, soloStats, TIMEOUT_MS);
      const slot = (seconds * 1000) / 4;
      const solo = (): Run => ({ client, deadline: Date.now() + slot, thinkMs: [0, 0], told });
      soloStats.startedAt = Date.now();
      // one user at a time: a worker, then an officer of each level
      await workerLoop(solo(), burst.workers[0]);
      for (const level of Object.keys(tokens) as Level[]) await officerLoop(solo(), level, tokens[level]);
      soloStats.endedAt = Date.now();
      return soloStats;
    };
    await runAlone(2);
    const soloStats = await runAlone(SOLO_SECONDS);

    // 3. load
    const stats = new LoadStats();
    const run: Run = {
      client: new LoadClient(server.url, stats, TIMEOUT_MS),
      deadline: Date.now() + SECONDS * 1000,
      thinkMs: THINK_MS,
      told,
    };
    const loadBefore = fmt(os.loadavg()[0], 1);
    const cpuBefore = cpuSeconds();
    const serverCpuBefore = server.cpuSeconds();
    const generatorCpuBefore = process.cpuUsage();
    stats.startedAt = Date.now();
    await Promise.all([
      ...burst.workers.slice(1).map((w) => workerLoop(run, w)),
      ...(Object.keys(officersPerLevel) as Level[]).flatMap((l) =>
        Array.from({ length: officersPerLevel[l] }, () => officerLoop(run, l, tokens[l])),
      ),
      healthProbe(run),
    ]);
    stats.endedAt = Date.now();
    const cpuBusy = (cpuSeconds() - cpuBefore) / (stats.seconds() * os.cpus().length);
    // share of one core: the server is one Node process (app and devdb on one event loop)
    const serverCpu = (server.cpuSeconds() - serverCpuBefore) / stats.seconds();
    const generatorUsage = process.cpuUsage(generatorCpuBefore);
    const generatorCpu = (generatorUsage.user + generatorUsage.system) / 1e6 / stats.seconds();

    // 4. invariants
    await server.stop();
    stopped = true;
    const verdict = await checkInvariants(server.dataDir, told);

    const overall = stats.overall();
    const alone = soloStats.medians();
    const fiveXX = stats.failures();
    const rows = stats.rows(alone);
    const met = { errors: fiveXX === 0, p99: overall.p99 < 500 };
    // what the latency says about where the time went: the server's own CPU, or the machine's
    const starved = cpuBusy > 0.85 && serverCpu < 0.8;
    const limit = starved
      ? `the machine's CPUs: they were ${fmt(cpuBusy * 100, 0)}% busy (load average ${loadBefore} → ${fmt(os.loadavg()[0], 1)}, other work included) and the server got ${fmt(serverCpu * 100, 0)}% of one core, so requests waited to be scheduled`
      : serverCpu >= 0.8
        ? `the server's one thread: it ran ${fmt(serverCpu * 100, 0)}% of a core (the app, the driver, devdb and the journal share one Node event loop)`
        : `neither CPU (server ${fmt(serverCpu * 100, 0)}% of a core, machine ${fmt(cpuBusy * 100, 0)}%): the waits are the journal's fsyncs`;
    console.log('');
    console.log(table(LoadStats.HEADERS, rows));
    console.log('');
    console.log(
      `${USERS} users, ${fmt(stats.seconds(), 0)} s: ${stats.total()} requests, ${fmt(stats.total() / stats.seconds(), 0)} req/s; ` +
        `p50 ${fmt(overall.p50, 0)} ms, p95 ${fmt(overall.p95, 0)} ms, p99 ${fmt(overall.p99, 0)} ms; ` +
        `5xx or no answer: ${fiveXX}; CPU: server ${fmt(serverCpu * 100, 0)}% of one core, ` +
        `load generator ${fmt(generatorCpu * 100, 0)}%, machine ${fmt(cpuBusy * 100, 0)}% of ${os.cpus().length} cores busy`,
    );
    console.log(`limit: ${limit}`);
    for (const c of verdict.checks) console.log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
    console.log(`restart with ${verdict.cases} cases: ${fmt(verdict.restartMs / 1000, 2)} s`);
    if (server.problems.length) console.log(`server logged ${server.problems.length} warnings/errors`);

    writeSection(
      'Load: 200 users against npm start',
      [
        `\`npm run bench:load\`: \`npm start\` as its own process (fresh DATA_DIR, devdb with its journal, app pool of 20 connections),`,
        `the load generator in another process on the same machine, over loopback. ${workerCount} workers and ${officerCount} officers`,
        `(${officersPerLevel.base} 基层, ${officersPerLevel.town} 街道, ${officersPerLevel.approver} 市, sharing the three seeded officer accounts),`,
        `${THINK_MS[0]}–${THINK_MS[1]} ms between steps, ${TIMEOUT_MS / 1000} s client timeout, for ${fmt(stats.seconds(), 0)} s. Workers submit aid cases`,
        `(one in ten sent again with the same Idempotency-Key, half of those while the first is in flight), read their cases and`,
        `messages, and now and then withdraw a case to apply again; officers read their queue, open a case and decide with the version`,
        `they read; \`GET /api/health\` four times a second. Users start spread over their first pause. Baseline ("p50 alone"):`,
        `the same server just before, one user at a time (a worker, then an officer of each level) for ${SOLO_SECONDS} s in all with no`,
        `pause; (×n) = p50 under load / alone.`,
        '',
        `**Burst first:** ${workerCount} new workers signing in and registering (dev-login + PUT /api/members/me) at the same moment:`,
        `${fmt(burst.ms / 1000, 1)} s for all, ${burstStats.failures()} answered 5xx or not at all, ${burst.retried} needed a second try.`,
        '',
        `**Load:** ${stats.total()} requests, ${fmt(stats.total() / stats.seconds(), 0)} req/s; p50 ${fmt(overall.p50, 0)} ms, p95 ${fmt(overall.p95, 0)} ms,`,
        `p99 ${fmt(overall.p99, 0)} ms over all routes; **${fiveXX} answered 5xx or not at all**. CPU during the run: the server process`,
        `${fmt(serverCpu * 100, 0)}% of one core (Node runs the app and devdb on one thread), the load generator ${fmt(generatorCpu * 100, 0)}%,`,
        `the whole machine ${fmt(cpuBusy * 100, 0)}% of its ${os.cpus().length} cores (other work included).`,
        '',
        `**Aim** 0 5xx: ${met.errors ? 'met' : 'not met'}; p99 < 500 ms: ${met.p99 ? 'met' : 'not met'}. What limited it: ${limit}.`,
        `A submission makes about eight database round trips, two of them waiting for an fsync (its transaction, then its stored`,
        `Idempotency-Key answer); a read makes two or three round trips, each a turn of the one event loop.`,
        '',
        table(LoadStats.HEADERS, rows),
        '',
        `**Afterwards** (server stopped, its data directory opened again: ${verdict.cases} cases replayed in ${fmt(verdict.restartMs / 1000, 2)} s):`,
        '',
        ...verdict.checks.map((c) => `- ${c.ok ? 'holds' : '**BROKEN**'}: ${c.name} (${c.detail})`),
      ].join('\n'),
    );
    if (verdict.checks.some((c) => !c.ok)) process.exitCode = 1;
  } finally {
    if (!stopped) await server.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
