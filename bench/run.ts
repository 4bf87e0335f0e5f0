/**
 * `npm run bench [-- <step>…]`: the app's benchmarks, one run each; results printed and written
 * to docs/benchmarks.md, one section per step. A new benchmark is one more entry in STEPS.
 */
import { MongoClient } from 'mongodb';
import { startDevDb } from '../cloud/devdb/index';
import { membersFunctionSection, measureMembersFunction, prepareMembersBench } from './members-function';
import { measureAidQueue } from './aid-queue';
import { fmt, table, writeSection } from './report';

/** The `members` function's cold start and GET /api/members/me throughput against its baselines. */
async function membersFunction(): Promise<void> {
  const setup = await prepareMembersBench();
  const figures = await measureMembersFunction({
    apps: [{ name: 'members' }],
    coldWithoutCache: true,
    env: setup.env,
    token: setup.token,
    memberId: setup.memberId,
    coldRuns: Number(process.env.BENCH_COLD_RUNS ?? 21),
    rounds: Number(process.env.BENCH_ROUNDS ?? 21),
    perRound: 800,
    concurrency: 8,
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

/** Every step, in order; `npm run bench -- <name>…` runs only those named. */
const STEPS: Record<string, () => Promise<void>> = {
  members: membersFunction,
  'aid-queue': aidQueue,
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
