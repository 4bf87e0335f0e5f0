/**
 * `npm run bench`: the app's benchmarks, one run each, on an in-memory devdb with the demo
 * data; results printed and written to docs/benchmarks.md.
 */
import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { startDevDb } from '../cloud/devdb/index';
import { loadConfig } from '../cloud/platform/config/config';
import { signSessionToken } from '../cloud/platform/auth/token';
import { closeDb, getDb } from '../cloud/platform/db/client';
import { seedIfEmpty } from '../cloud/dev/seed';
import { measureColdStart } from './cold-start';
import { measureMembersThroughput } from './members-throughput';
import { measureAidQueue } from './aid-queue';
import { measureCheckinThroughput } from './checkin-throughput';
import { fmt, table, writeSection } from './report';

async function main(): Promise<void> {
  const devdb = await startDevDb({ port: 0 });
  const env = {
    NODE_ENV: 'production',
    MONGODB_URI: devdb.uri,
    JWT_SECRET: randomBytes(32).toString('hex'),
    PII_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'silent',
  };
  Object.assign(process.env, env);
  const config = loadConfig();
  const client = await MongoClient.connect(devdb.uri);
  const db = await getDb(); // the platform's client: the services' transactions run on it
  await seedIfEmpty(db, config);
  const member = await db.collection('members').findOne({ openid: 'demo-worker-1' });
  const memberId = member!._id.toHexString();
  const token = await signSessionToken(
    { memberId, sessionVersion: 0, lifetimeSeconds: config.sessions.memberSeconds },
    config.jwtSecret,
  );

  const cold = await measureColdStart({ env, token, runs: Number(process.env.BENCH_COLD_RUNS ?? 7) });
  console.log(
    `cold start: members ${fmt(cold.membersMs)} ms, bare hello ${fmt(cold.helloMs)} ms, ratio ${fmt(cold.ratio, 2)}`,
  );
  const tp = await measureMembersThroughput({ uri: devdb.uri, token, memberId, total: 3000, concurrency: 8 });
  console.log(
    `GET /api/members/me: ${fmt(tp.appRps, 0)} req/s vs bare findOne ${fmt(tp.bareRps, 0)} req/s, ratio ${fmt(tp.ratio, 2)}`,
  );

  writeSection(
    'Cloud functions: cold start and members/me throughput',
    [
      `Cold start = new Node process → first response through the bundled handler (median of ${cold.runs}, interleaved).`,
      `Throughput = ${tp.total} requests each, ${tp.concurrency} at a time, handler invoked in process with API Gateway v2 events, devdb over loopback;`,
      `app and baseline alternate in ${tp.rounds} rounds after a warm-up, and the ratio is the median of the rounds' ratios (load from elsewhere hits both alike).`,
      'Per request the app reads the member once (auth and the answer share the read), names the union from a cached org tree, and verifies a session token with HMAC only the first time it sees it.',
      '',
      table(
        ['measure', 'app', 'baseline', 'ratio app/baseline'],
        [
          [
            'cold start `members` (GET /api/members/me)',
            `${fmt(cold.membersMs)} ms`,
            `${fmt(cold.helloMs)} ms (bare hello)`,
            fmt(cold.ratio, 2),
          ],
          [
            'GET /api/members/me throughput',
            `${fmt(tp.appRps, 0)} req/s`,
            `${fmt(tp.bareRps, 0)} req/s (bare findOne)`,
            fmt(tp.ratio, 2),
          ],
        ],
      ),
    ].join('\n'),
  );
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
  await client.close();
  await closeDb();
  await devdb.stop();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
