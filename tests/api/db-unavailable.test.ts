/**
 * A database that is unreachable or busy for a moment is a 503 DB_UNAVAILABLE with Retry-After
 * (the client sends the same request again, with the same Idempotency-Key), never a 500: the
 * failures the driver raises then (network, a cleared pool, no server selectable, a write conflict
 * withTransaction gave up retrying) and, for real, a database that went away.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import {
  MongoNetworkError,
  MongoNetworkTimeoutError,
  MongoServerError,
  MongoServerSelectionError,
  type TopologyDescription,
} from 'mongodb';
// the driver raises this one but does not export it
import { PoolClearedError } from 'mongodb/lib/cmap/errors';
import { startDevDb } from '../../cloud/devdb/index';
import { createFunctionApp } from '../../cloud/platform/http/create-app';
import { route } from '../../cloud/platform/http/route';
import { startStack, type Stack } from '../support/api-stack';

const FAILURES: Record<string, () => Error> = {
  network: () => new MongoNetworkError('connection 3 to 127.0.0.1:27018 closed'),
  timeout: () => new MongoNetworkTimeoutError('connection 4 to 127.0.0.1:27018 timed out'),
  poolCleared: () =>
    new PoolClearedError({
      address: '127.0.0.1:27018',
      serverError: new MongoNetworkError('heartbeat failed'),
    } as never),
  noServer: () =>
    new MongoServerSelectionError('Server selection timed out after 5000 ms', {} as TopologyDescription),
  writeConflictAfterRetries: () =>
    new MongoServerError({
      ok: 0,
      code: 112,
      codeName: 'WriteConflict',
      errmsg: 'Write conflict during plan execution and yielding is disabled.',
      errorLabels: ['TransientTransactionError'],
    }),
  transactionGone: () =>
    new MongoServerError({
      ok: 0,
      code: 251,
      codeName: 'NoSuchTransaction',
      errmsg: 'Transaction with txnNumber 3 has been aborted.',
      errorLabels: ['TransientTransactionError'],
    }),
  badValue: () => new MongoServerError({ ok: 0, code: 2, codeName: 'BadValue', errmsg: 'bad value' }),
};

describe('database failures', () => {
  let stack: Stack;
  let server: Server;
  let url: string;
  beforeAll(async () => {
    stack = await startStack();
    const app = createFunctionApp({
      name: 'failing',
      routes: [
        route({
          method: 'get',
          path: '/:failure',
          auth: 'public',
          handler: async ({ params }) => {
            throw FAILURES[params.failure]();
          },
        }),
      ],
    });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await stack.stop();
  });

  it.each(['network', 'timeout', 'poolCleared', 'noServer', 'writeConflictAfterRetries', 'transactionGone'])(
    'answers %s with 503 DB_UNAVAILABLE and Retry-After, not 500',
    async (failure) => {
      const res = await fetch(`${url}/${failure}`);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('DB_UNAVAILABLE');
    },
  );

  it('still answers a database error that a retry would not cure with 500 INTERNAL', async () => {
    const res = await fetch(`${url}/badValue`);
    expect(res.status).toBe(500);
    expect(res.headers.get('retry-after')).toBeNull();
  });
});

it('answers 503 DB_UNAVAILABLE with Retry-After when the database goes away under a running app', async () => {
  const devdb = await startDevDb({ port: 0 });
  const stack = await startStack({ mongoUri: devdb.uri });
  try {
    expect((await stack.call('GET', '/api/health')).status).toBe(200);
    await devdb.stop();
    const r = await stack.call('GET', '/api/health');
    expect([r.status, r.body.error.code, r.headers.get('retry-after')]).toEqual([503, 'DB_UNAVAILABLE', '1']);
  } finally {
    await stack.stop().catch(() => undefined);
  }
}, 30_000);
