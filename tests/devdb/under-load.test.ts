/**
 * devdb under load through the unmodified driver with the app's pool size (20): many
 * transactions, reads and handshakes at once all finish, nothing waits on a transaction between
 * its round trips, every committed write is there, and a retried write is recognised while its
 * first attempt is still running.
 */
import { open } from 'node:fs/promises';
import path from 'node:path';
import { Long, UUID } from 'bson';
import { MongoClient } from 'mongodb';
import { opMsg, parseReply, RawConnection, removeDir, startServer, tempDir, type Server } from './helpers';

let server: Server;
let client: MongoClient;

beforeAll(async () => {
  server = await startServer();
  client = await MongoClient.connect(server.devdb.uri, { maxPoolSize: 20 });
});
afterAll(async () => {
  await client.close();
  await server.stop();
});

it('finishes 100 concurrent transactions plus 100 reads and 100 hellos over a 20-connection pool, with every committed write present', async () => {
  const db = client.db('load');
  const accounts = db.collection<{ _id: string; balance: number }>('accounts');
  const transfers = db.collection<{ _id: number; to: string }>('transfers');
  await accounts.insertMany(Array.from({ length: 10 }, (_, i) => ({ _id: `acct${i}`, balance: 0 })));

  // ten transactions per account: they conflict on it and withTransaction retries them
  const transactions = Array.from({ length: 100 }, async (_, i) => {
    const session = client.startSession();
    try {
      await session.withTransaction(async () => {
        await accounts.updateOne({ _id: `acct${i % 10}` }, { $inc: { balance: 1 } }, { session });
        await transfers.insertOne({ _id: i, to: `acct${i % 10}` }, { session });
      });
    } finally {
      await session.endSession();
    }
  });
  // plain reads, some of them snapshots: a snapshot sees every commit whole or not at all
  const reads = Array.from({ length: 100 }, async (_, i) => {
    if (i % 4 !== 0) return accounts.findOne({ _id: `acct${i % 10}` });
    const session = client.startSession();
    try {
      return await session.withTransaction(async () => {
        const all = await accounts.find({}, { session }).toArray();
        const moved = await transfers.countDocuments({}, { session });
        expect(all.reduce((n, a) => n + a.balance, 0)).toBe(moved);
        return all;
      });
    } finally {
      await session.endSession();
    }
  });
  const hellos = Array.from({ length: 100 }, (_, i) =>
    client.db('admin').command(i % 2 ? { hello: 1 } : { ping: 1 }),
  );

  const outcomes = await Promise.allSettled([...transactions, ...reads, ...hellos]);
  expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
  expect(await accounts.find().sort({ _id: 1 }).toArray()).toEqual(
    Array.from({ length: 10 }, (_, i) => ({ _id: `acct${i}`, balance: 10 })),
  );
  expect((await transfers.find().sort({ _id: 1 }).toArray()).map((t) => t._id)).toEqual(
    Array.from({ length: 100 }, (_, i) => i),
  );
  // nothing is left behind: no write intent, no before-image
  expect(server.devdb.engine.intents.size).toBe(0);
  expect(server.devdb.engine.versions.size()).toBe(0);
}, 60_000);

it('answers hello, ping and reads while a transaction is open and its client is not sending anything', async () => {
  const db = client.db('load');
  await db.collection('idle').insertOne({ _id: 'x', v: 1 } as never);
  const session = client.startSession();
  session.startTransaction();
  await db.collection('idle').updateOne({ _id: 'x' } as never, { $set: { v: 2 } }, { session });
  // the transaction now sits between round trips; every connection of the pool stays usable
  const answers = await Promise.all([
    ...Array.from({ length: 40 }, () => client.db('admin').command({ hello: 1 })),
    ...Array.from({ length: 40 }, () => db.collection('idle').findOne({ _id: 'x' } as never)),
  ]);
  expect(answers.slice(0, 40).every((a) => a?.ok === 1)).toBe(true);
  expect(answers.slice(40).every((d) => d?.v === 1)).toBe(true);
  await session.commitTransaction();
  await session.endSession();
  expect((await db.collection('idle').findOne({ _id: 'x' } as never))?.v).toBe(2);
});

describe('a retryable write', () => {
  it('sent again while the first attempt still waits for its fsync gets the first reply and is applied once', async () => {
    const dbpath = tempDir();
    const s = await startServer({ dbpath });
    try {
      await s.db.collection('r').insertOne({ _id: 'warm' } as never);
      const probe = await open(path.join(dbpath, 'probe'), 'w');
      const proto = Object.getPrototypeOf(probe);
      await probe.close();
      const real = proto.datasync;
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const datasync = jest.spyOn(proto, 'datasync').mockImplementation(async function (this: unknown) {
        await held; // the first attempt's record is written, its fsync has not returned
        return real.call(this);
      });
      const lsid = { id: new UUID() };
      const insert = (requestId: number) =>
        opMsg(requestId, {
          insert: 'r',
          documents: [{ _id: 'once', n: 1 }],
          lsid,
          txnNumber: Long.fromNumber(1),
          $db: 'test',
        });
      const first = await RawConnection.open(s.devdb.port);
      const retry = await RawConnection.open(s.devdb.port); // the driver retries on a new connection
      first.send(insert(1));
      await new Promise((r) => setTimeout(r, 50));
      retry.send(insert(2));
      await new Promise((r) => setTimeout(r, 50));
      release();
      const [a, b] = await Promise.all([first.next(), retry.next()]);
      datasync.mockRestore();
      first.close();
      retry.close();
      expect(parseReply(a!).doc).toEqual({ n: 1, ok: 1 });
      expect(parseReply(b!).doc).toEqual({ n: 1, ok: 1 }); // not a duplicate key error: it did not run again
      expect(await s.db.collection('r').countDocuments({ _id: 'once' } as never)).toBe(1);
    } finally {
      await s.stop();
      removeDir(dbpath);
    }
  });
});
