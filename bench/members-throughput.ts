/**
 * Throughput of GET /api/members/me through the members handler (auth, one member read, view
 * mapping) vs a bare serverless-http handler doing the same single findOne, both in this
 * process against the same devdb, the same number of requests at the same concurrency.
 */
import { performance } from 'node:perf_hooks';
import { bareFindOneHandler } from './fixtures/bare-find-one';
import { v2Get } from './cold-start';

type Handler = (event: unknown, context: unknown) => Promise<{ statusCode: number }>;

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
  return total / ((performance.now() - t0) / 1000);
}

export async function measureMembersThroughput(opts: {
  uri: string;
  token: string;
  memberId: string;
  total: number;
  concurrency: number;
}) {
  const { handler } = await import('../cloud/functions/members/index');
  const bare = bareFindOneHandler(opts.uri, opts.memberId);
  const members = handler as unknown as Handler;
  const bareHandler = bare.handler as unknown as Handler;
  // warm both (connections, JIT) before measuring
  await drive(members, v2Get('/api/members/me', opts.token), 200, opts.concurrency);
  await drive(bareHandler, v2Get('/'), 200, opts.concurrency);
  const appRps = await drive(members, v2Get('/api/members/me', opts.token), opts.total, opts.concurrency);
  const bareRps = await drive(bareHandler, v2Get('/'), opts.total, opts.concurrency);
  await bare.close();
  return { appRps, bareRps, ratio: appRps / bareRps, total: opts.total, concurrency: opts.concurrency };
}
