/**
 * `npm run bench [-- <step>…]`: the app's benchmarks, one run each; results printed and written
 * to docs/benchmarks.md, one section per step. A new benchmark is one more entry in STEPS.
 */
import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { startDevDb } from '../cloud/devdb/index';
import { loadConfig } from '../cloud/platform/config/config';
import { signSessionToken } from '../cloud/platform/auth/token';
import { closeDb, getDb } from '../cloud/platform/db/client';
import { ensureIndexes } from '../cloud/platform/db/indexes';
import '../cloud/functions/registry'; // every function's indexes
import { seedIfEmpty } from '../cloud/dev/seed';
import {
  membersFunctionSection,
  measureMembersFunction,
  prepareMembersBench,
  runSettings,
} from './members-function';
import { measureAidQueue } from './aid-queue';
import { measureCheckinThroughput } from './checkin-throughput';
import { fmt, table, writeSection } from './report';

/** The `members` function's cold start and GET /api/members/me throughput against its baselines. */
async function membersFunction(): Promise<void> {
  const setup = await prepareMembersBench();
  const figures = await measureMembersFunction({
    apps: [{ name: 'members' }],
    coldWithoutCache: true,
    coldNotAscii: true,
    env: setup.env,
    token: setup.token,
    memberId: setup.memberId,
    ...runSettings(),
  });
  setup.stop();
  const { title, body, summary } = membersFunctionSection(figures, 'members');
  console.log(summary);
  writeSection(title, body);
}

/** The officer's queue of 困难帮扶 cases with 100k cases, with and without its index. */
async function aidQueue(): Promise<void> {
  const devdb = await startDevDb({ port: 0 });
  const client = await MongoClient.connect(devdb.uri);
  const queue = await measureAidQueue(client.db('bench_aid'), { cases: 100_000, runs: 100 });
  console.log(
    `aid officer queue, ${queue.cases} cases: p50 ${fmt(queue.indexed.p50)} ms / p99 ${fmt(queue.indexed.p99)} ms with the index; ` +
      `p50 ${fmt(queue.scan.p50)} ms / p99 ${fmt(queue.scan.p99)} ms without; ${fmt(queue.ratioP50, 1)}× faster`,
  );
  writeSection(
    'Officer queue (困难帮扶) with 100k cases',
    [
      `First page (20) of the 基层 officer's queue: statuses submitted/base_review, own subtree, category 深度困难, newest first, plus the total count;`,
      `${queue.runs} queries each, through the real repository code on devdb over the wire.`,
      '',
      table(
        ['plan', 'p50', 'p99'],
        [
          [
            'with index `queue` {status, orgPath, submittedAt}',
            `${fmt(queue.indexed.p50)} ms`,
            `${fmt(queue.indexed.p99)} ms`,
          ],
          ['same query, index dropped (full scan)', `${fmt(queue.scan.p50)} ms`, `${fmt(queue.scan.p99)} ms`],
          ['ratio scan/index (p50)', fmt(queue.ratioP50, 1), ''],
        ],
      ),
    ].join('\n'),
  );
  await client.close();
  await devdb.stop();
}

/** 劳动竞赛 check-ins over HTTP against a bare express handler doing the same single insert. */
async function checkin(): Promise<void> {
  const devdb = await startDevDb({ port: 0 });
  Object.assign(process.env, {
    NODE_ENV: 'production',
    MONGODB_URI: devdb.uri,
    JWT_SECRET: randomBytes(32).toString('hex'),
    PII_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'silent',
  });
  const config = loadConfig();
  const db = await getDb(); // the platform's client: the services' transactions run on it
  await ensureIndexes(db); // as `npm run db:indexes` does before a deploy
  await seedIfEmpty(db, config);
  const officer = await db.collection('members').findOne({ openid: 'demo-officer-town' });
  const officerToken = await signSessionToken(
    {
      memberId: officer!._id.toHexString(),
      sessionVersion: 0,
      lifetimeSeconds: config.sessions.officerSeconds,
    },
    config.jwtSecret,
  );
  const checkin = await measureCheckinThroughput({
    db,
    uri: devdb.uri,
    config,
    token: officerToken,
    total: 1000,
    concurrency: 50,
  });
  console.log(
    `check-in: ${fmt(checkin.app.rps, 0)} req/s (p99 ${fmt(checkin.app.p99)} ms) vs bare insert ` +
      `${fmt(checkin.bare.rps, 0)} req/s (p99 ${fmt(checkin.bare.p99)} ms), ratio ${fmt(checkin.ratio, 2)}`,
  );
  writeSection(
    'Check-in throughput (劳动竞赛)',
    [
      `${checkin.total} different tickets checked in over HTTP (loopback) by ${checkin.concurrency} concurrent clients, in ${checkin.rounds} rounds`,
      'alternating with a bare express handler that does the same single insert, both in this process on the same devdb.',
      'Each check-in: session token, body validation, Ed25519 signature check (pure JS, the module the scanners use), nonce and',
      'already-checked-in reads, one transaction holding the check-in and its audit entry (docs/competitions.md).',
      '',
      table(
        ['measure', 'check-in (POST /api/competitions/:id/checkins)', 'bare insert', 'ratio check-in/bare'],
        [
          [
            'throughput',
            `${fmt(checkin.app.rps, 0)} req/s`,
            `${fmt(checkin.bare.rps, 0)} req/s`,
            fmt(checkin.ratio, 2),
          ],
          [
            'p50 latency',
            `${fmt(checkin.app.p50)} ms`,
            `${fmt(checkin.bare.p50)} ms`,
            fmt(checkin.app.p50 / checkin.bare.p50, 2),
          ],
          [
            'p99 latency',
            `${fmt(checkin.app.p99)} ms`,
            `${fmt(checkin.bare.p99)} ms`,
            fmt(checkin.app.p99 / checkin.bare.p99, 2),
          ],
        ],
      ),
    ].join('\n'),
  );
  await closeDb();
  await devdb.stop();
}

/** Every step, in order; `npm run bench -- <name>…` runs only those named. */
const STEPS: Record<string, () => Promise<void>> = {
  members: membersFunction,
  'aid-queue': aidQueue,
  checkin,
};

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const unknown = only.filter((n) => !(n in STEPS));
  if (unknown.length)
    throw new Error(`no bench step ${unknown.join(', ')}; steps: ${Object.keys(STEPS).join(', ')}`);
  for (const [name, step] of Object.entries(STEPS))
    if (only.length === 0 || only.includes(name)) await step();
  // the builds loaded for the throughput keep their database connections open
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
