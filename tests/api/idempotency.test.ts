/**
 * Idempotency-Key (cloud/platform/http/idempotency.ts), through a route that is not naturally
 * idempotent: each accepted subscription grant adds one to the member's count, so a request
 * that ran twice would show as 2.
 */
import { MongoNetworkError, type Db } from 'mongodb';
import { CURRENT_CONSENT_VERSION } from '../../src/contracts/members';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runIdempotent } from '../../cloud/platform/http/idempotency';
import { createFunctionApp } from '../../cloud/platform/http/create-app';
import { route } from '../../cloud/platform/http/route';
import { startStack, type Stack } from '../support/api-stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

const TEMPLATE = 'dev-review-progress';
const accept = { results: { [TEMPLATE]: 'accept' } };

function grant(token: string, key: string, body: unknown = accept) {
  return stack.call('POST', '/api/notifications/subscriptions', {
    token,
    body,
    headers: { 'idempotency-key': key },
  });
}

async function remaining(openid: string): Promise<number> {
  const m = await stack.db.collection('members').findOne({ openid });
  const g = await stack.db.collection('subscriptionGrants').findOne({ memberId: m!._id });
  return g?.remaining ?? 0;
}

/** The app's database, with one method of the idempotency records replaced (a failure injected). */
function withKeysMethod(method: string, replacement: (...args: never[]) => Promise<unknown>): Db {
  const keys = new Proxy(stack.db.collection('idempotencyKeys'), {
    get: (target, prop) => (prop === method ? replacement : Reflect.get(target, prop, target)),
  });
  return new Proxy(stack.db, {
    get: (target, prop) =>
      prop === 'collection'
        ? (name: string) => (name === 'idempotencyKeys' ? keys : target.collection(name))
        : Reflect.get(target, prop, target),
  });
}

describe('Idempotency-Key', () => {
  it('returns the first result when the same key is retried, and acts once', async () => {
    const token = await stack.login('idem-retry');
    const first = await grant(token, 'idem-retry-000001');
    const again = await grant(token, 'idem-retry-000001');
    expect(first.status).toBe(200);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await remaining('idem-retry')).toBe(1);
    const fresh = await grant(token, 'idem-retry-000002');
    expect(fresh.body.remaining).toEqual({ [TEMPLATE]: 2 });
  });

  it('acts once when the same key arrives many times at once', async () => {
    const token = await stack.login('idem-burst');
    const rs = await Promise.all(Array.from({ length: 8 }, () => grant(token, 'idem-burst-000001')));
    const firsts = rs.filter((r) => r.status === 200 && r.headers.get('idempotent-replayed') === null);
    expect(firsts).toHaveLength(1);
    for (const r of rs) {
      if (r.status === 200) expect(r.body).toEqual(firsts[0].body);
      else expect([r.status, r.body.error.code]).toEqual([409, 'REQUEST_IN_PROGRESS']);
    }
    expect(await remaining('idem-burst')).toBe(1);
    const settled = await grant(token, 'idem-burst-000001');
    expect(settled.body).toEqual(firsts[0].body);
  });

  it('refuses the same key with a different body with 422 and changes nothing', async () => {
    const token = await stack.login('idem-reuse');
    await grant(token, 'idem-reuse-000001');
    const other = await grant(token, 'idem-reuse-000001', { results: { [TEMPLATE]: 'reject' } });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const same = await grant(token, 'idem-reuse-000001');
    expect(same.status).toBe(200);
    expect(await remaining('idem-reuse')).toBe(1);
  });

  it('keeps keys apart per member and per route', async () => {
    const [a, b] = await Promise.all([stack.login('idem-a'), stack.login('idem-b')]);
    const key = 'shared-key-000001';
    expect((await grant(a, key)).body.remaining).toEqual({ [TEMPLATE]: 1 });
    const fromB = await grant(b, key);
    expect(fromB.headers.get('idempotent-replayed')).toBeNull();
    expect(await remaining('idem-b')).toBe(1);
    const consent = await stack.call('POST', '/api/members/me/consent', {
      token: a,
      body: { version: CURRENT_CONSENT_VERSION },
      headers: { 'idempotency-key': key },
    });
    expect(consent.status).toBe(200);
    expect(consent.body.consent.version).toBe(CURRENT_CONSENT_VERSION);
  });

  it('applies a key once however the path is spelt: trailing slash, upper case, the function name in another case', async () => {
    const token = await stack.login('idem-spelling');
    const key = 'idem-spelling-0001';
    const paths = [
      '/api/notifications/subscriptions',
      '/api/notifications/subscriptions/',
      '/api/notifications/SUBSCRIPTIONS',
      '/api/Notifications/subscriptions',
      '/api/NOTIFICATIONS/Subscriptions/',
    ];
    const answers = [];
    for (const path of paths) {
      answers.push(
        await stack.call('POST', path, { token, body: accept, headers: { 'idempotency-key': key } }),
      );
    }
    expect(answers.map((a) => a.status)).toEqual(paths.map(() => 200));
    expect(answers.map((a) => a.headers.get('idempotent-replayed'))).toEqual([
      null,
      ...paths.slice(1).map(() => 'true'),
    ]);
    for (const a of answers) expect(a.body).toEqual({ remaining: { [TEMPLATE]: 1 } });
    expect(await remaining('idem-spelling')).toBe(1);
  });

  it('keeps a key apart per resource of one route: the same key on two ids is two requests, on one id in two spellings one', async () => {
    // a route of its own (mounted like a function) that counts its runs per id
    const runs: Record<string, number> = {};
    const app = createFunctionApp({
      name: 'probe',
      routes: [
        route({
          method: 'post',
          path: '/things/:id/poke',
          auth: 'member',
          idempotent: true,
          handler: async ({ params }) => {
            const id = params.id.toLowerCase();
            runs[id] = (runs[id] ?? 0) + 1;
            return { body: { id, runs: runs[id] } };
          },
        }),
      ],
    });
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const token = await stack.login('idem-per-id');
      const poke = (path: string) =>
        fetch(base + path, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'idem-per-id-0001' },
        }).then(async (r) => ({ status: r.status, body: await r.json() }));
      expect((await poke('/things/aaaa/poke')).body).toEqual({ id: 'aaaa', runs: 1 });
      expect((await poke('/things/bbbb/poke')).body).toEqual({ id: 'bbbb', runs: 1 });
      expect((await poke('/things/AAAA/poke/')).body).toEqual({ id: 'aaaa', runs: 1 });
      expect((await poke('/THINGS/aaaa/Poke')).body).toEqual({ id: 'aaaa', runs: 1 });
      expect(runs).toEqual({ aaaa: 1, bbbb: 1 });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('replays a refusal too, so a retry learns the same answer', async () => {
    const token = await stack.login('idem-refused');
    const body = { version: 'an-old-privacy-text' };
    const headers = { 'idempotency-key': 'idem-refused-0001' };
    const first = await stack.call('POST', '/api/members/me/consent', { token, body, headers });
    const again = await stack.call('POST', '/api/members/me/consent', { token, body, headers });
    expect(first.status).toBe(400);
    expect(first.body.error.code).toBe('CONSENT_REQUIRED');
    expect(again.status).toBe(400);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('keeps each key in MongoDB under a hash, with the answer and a creation time that a TTL index expires after a day', async () => {
    const token = await stack.login('idem-stored');
    await grant(token, 'idem-stored-secret-key');
    const records = await stack.db.collection('idempotencyKeys').find().toArray();
    expect(records.length).toBeGreaterThan(0);
    for (const r of records) {
      expect(r._id).toMatch(/^[0-9a-f]{64}$/);
      expect(r.createdAt).toBeInstanceOf(Date);
    }
    expect(JSON.stringify(records)).not.toContain('idem-stored-secret-key');
    expect(records).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ state: 'done', status: 200, body: { remaining: { [TEMPLATE]: 1 } } }),
      ]),
    );
    const indexes = await stack.db.collection('idempotencyKeys').indexes();
    expect(indexes).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: { createdAt: 1 }, expireAfterSeconds: 86400 })]),
    );
  });

  it('lets a retry run again when the first attempt failed with a server error', async () => {
    const call = { db: stack.db, key: 'server-error-0001', scope: 'test POST /x', body: { a: 1 } };
    let runs = 0;
    await expect(
      runIdempotent({
        ...call,
        run: async () => {
          runs++;
          throw new Error('database went away');
        },
      }),
    ).rejects.toThrow('database went away');
    const second = await runIdempotent({
      ...call,
      run: async () => {
        runs++;
        return { body: { ok: true } };
      },
    });
    expect(second).toMatchObject({ body: { ok: true }, replayed: false });
    expect(runs).toBe(2);
  });

  it("answers a retry that arrives while the first run is still going with that run's answer once it is done", async () => {
    const call = { db: stack.db, key: 'in-flight-00001', scope: 'test POST /slow', body: { a: 1 } };
    let runs = 0;
    const first = runIdempotent({
      ...call,
      run: async () => {
        runs++;
        await new Promise((r) => setTimeout(r, 300));
        return { status: 201, body: { made: 'once' } };
      },
    });
    await new Promise((r) => setTimeout(r, 50));
    const retry = await runIdempotent({
      ...call,
      run: async () => {
        runs++;
        return { body: { made: 'twice' } };
      },
    });
    expect(await first).toMatchObject({ status: 201, body: { made: 'once' }, replayed: false });
    expect(retry).toMatchObject({ status: 201, body: { made: 'once' }, replayed: true });
    expect(runs).toBe(1);
  });

  it('lets a retry take over at once when the first run failed and could not even release its record', async () => {
    // the database drops the connection just when the failed run tries to delete its record
    const keys = stack.db.collection('idempotencyKeys');
    const flakyDb = withKeysMethod('deleteOne', () =>
      Promise.reject(new MongoNetworkError('connection reset')),
    );
    const call = { key: 'failed-first-0001', scope: 'test POST /flaky', body: { a: 1 } };
    await expect(
      runIdempotent({
        ...call,
        db: flakyDb,
        run: async () => {
          throw new MongoNetworkError('pool cleared');
        },
      }),
    ).rejects.toThrow('pool cleared');
    expect(await keys.countDocuments({ state: 'pending', requestHash: { $exists: true } })).toBeGreaterThan(
      0,
    );
    // not "in progress" for the two minutes of its lease: this process knows that run is over
    const retry = await runIdempotent({ ...call, db: stack.db, run: async () => ({ body: { ok: true } }) });
    expect(retry).toMatchObject({ body: { ok: true }, replayed: false });
  });

  it('recognises its own record when the driver re-sent the insert that had already landed', async () => {
    // the first insert lands but its answer is lost; the re-sent one meets it as a duplicate
    const keys = stack.db.collection('idempotencyKeys');
    const resentDb = withKeysMethod('insertOne', async (doc: never) => {
      await keys.insertOne(doc);
      return keys.insertOne(doc);
    });
    let runs = 0;
    const r = await runIdempotent({
      db: resentDb,
      key: 'resent-insert-0001',
      scope: 'test POST /resent',
      body: { a: 1 },
      run: async () => {
        runs++;
        return { body: { ran: true } };
      },
    });
    expect(r).toMatchObject({ body: { ran: true }, replayed: false });
    expect(runs).toBe(1);
  });

  it('lets a retry take over a request whose first run died without an answer, once its lease ran out', async () => {
    const call = { db: stack.db, key: 'died-midway-0001', scope: 'test POST /died', body: { a: 1 } };
    let runs = 0;
    // the first run is still going (or its instance died): a retry is told it is in progress
    let finishFirst: () => void = () => undefined;
    const first = runIdempotent({
      ...call,
      run: () =>
        new Promise((resolve) => {
          runs++;
          finishFirst = () => resolve({ body: { from: 'first' } });
        }),
    });
    await new Promise((r) => setTimeout(r, 50));
    const retry = () =>
      runIdempotent({
        ...call,
        run: async () => {
          runs++;
          return { body: { from: 'retry' } };
        },
      });
    await expect(retry()).rejects.toMatchObject({ code: 'REQUEST_IN_PROGRESS' });

    // the lease runs out (as LEASE_MS later): two retries at once, exactly one takes it over
    const _id = (await stack.db
      .collection('idempotencyKeys')
      .findOne({ state: 'pending', requestHash: { $exists: true }, leaseUntil: { $gt: new Date() } }))!._id;
    await stack.db
      .collection('idempotencyKeys')
      .updateOne({ _id }, { $set: { leaseUntil: new Date(Date.now() - 1) } });
    const outcomes = await Promise.all([retry(), retry()]);
    // one takes it over and runs; the other waits for that run and gets its answer
    expect(outcomes.map((o) => o.replayed).sort()).toEqual([false, true]);
    expect(outcomes.map((o) => o.body)).toEqual([{ from: 'retry' }, { from: 'retry' }]);
    expect(runs).toBe(2);

    // the first run, finishing late, does not overwrite the answer the retry stored
    finishFirst();
    await first;
    const replay = await retry();
    expect(replay).toMatchObject({ body: { from: 'retry' }, replayed: true });
    expect(runs).toBe(2);
  });
});
