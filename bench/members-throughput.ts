/**
 * Throughput of GET /api/members/me through the members handler (auth, one member read, view
 * mapping) vs a bare serverless-http handler doing the same single findOne, both in this
 * process against the same devdb, the same number of requests at the same concurrency.
 * The two alternate in rounds after a warm-up, so load from elsewhere on a shared machine
 * hits both alike; the ratio is the median of the rounds' ratios.
 */
import { performance } from 'node:perf_hooks';
import { bareFindOneHandler } from './fixtures/bare-find-one';
import { v2Get } from './cold-start';

type Handler = (event: unknown, context: unknown) => Promise<{ statusCode: number }>;

/** Runs `total` requests, `concurrency` at a time; returns the elapsed milliseconds. */
async function drive(handler: Handler, event: unknown, total: number, concurrency: number): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < total) {
      next++;
      const r = await handler(event, {});
      if (r.statusCode !== 200) throw new Error(`status ${r.statusCode}`);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return performance.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function measureMembersThroughput(opts: {
  uri: string;
  token: string;
  memberId: string;
  total: number;
  concurrency: number;
  rounds?: number;
}) {
  const rounds = opts.rounds ?? 5;
  const perRound = Math.ceil(opts.total / rounds);
  const { handler } = await import('../cloud/functions/members/index');
  const bare = bareFindOneHandler(opts.uri, opts.memberId);
  const members = handler as unknown as Handler;
  const bareHandler = bare.handler as unknown as Handler;
  const appEvent = v2Get('/api/members/me', opts.token);
  const bareEvent = v2Get('/');
  // warm both (connections, JIT) before measuring
  await drive(members, appEvent, 500, opts.concurrency);
  await drive(bareHandler, bareEvent, 500, opts.concurrency);
  let appMs = 0;
  let bareMs = 0;
  const ratios: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const a = await drive(members, appEvent, perRound, opts.concurrency);
    const b = await drive(bareHandler, bareEvent, perRound, opts.concurrency);
    appMs += a;
    bareMs += b;
    ratios.push(b / a); // app req/s ÷ bare req/s
  }
  await bare.close();
  const total = perRound * rounds;
  return {
    appRps: total / (appMs / 1000),
    bareRps: total / (bareMs / 1000),
    ratio: median(ratios),
    total,
    rounds,
    concurrency: opts.concurrency,
  };
}
