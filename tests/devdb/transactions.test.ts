/**
 * Transactions with the unmodified driver: all-or-nothing, snapshot reads, MongoDB's write-conflict
 * rules (first writer wins, WriteConflict retried by withTransaction), and no waiting for readers.
 */
import { MongoClient, MongoServerError } from 'mongodb';
import { startServer, type Server } from './helpers';

let server: Server;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
});

const accounts = () => server.db.collection<{ _id: string; balance: number }>('accounts');
const ledger = () => server.db.collection('ledger');

beforeEach(async () => {
  await accounts().deleteMany({});
  await ledger().deleteMany({});
  await accounts().insertMany([
    { _id: 'a', balance: 100 },
    { _id: 'b', balance: 0 },
  ]);
});

it('makes every write of a committed transaction visible', async () => {
  const session = server.client.startSession();
  await session.withTransaction(async () => {
    await accounts().updateOne({ _id: 'a' }, { $inc: { balance: -30 } }, { session });
    await accounts().updateOne({ _id: 'b' }, { $inc: { balance: 30 } }, { session });
    await ledger().insertOne({ from: 'a', to: 'b', amount: 30 }, { session });
  });
  await session.endSession();
  expect(await accounts().find().sort({ _id: 1 }).toArray()).toEqual([
    { _id: 'a', balance: 70 },
    { _id: 'b', balance: 30 },
  ]);
  expect(await ledger().countDocuments()).toBe(1);
});

it('lets a transaction read its own writes', async () => {
  const session = server.client.startSession();
  let seen: unknown;
  await session.withTransaction(async () => {
    await ledger().insertOne({ _id: 'mine' } as any, { session });
    seen = await ledger().findOne({ _id: 'mine' } as any, { session });
  });
  await session.endSession();
  expect(seen).toEqual({ _id: 'mine' });
});

it('leaves no trace of an aborted transaction, including a collection it created', async () => {
  const session = server.client.startSession();
  session.startTransaction();
  await accounts().updateOne({ _id: 'a' }, { $inc: { balance: -50 } }, { session });
  await ledger().insertOne({ amount: 50 }, { session });
  await server.db.collection('made_in_txn').insertOne({ x: 1 }, { session });
  await session.abortTransaction();
  await session.endSession();
  expect(await accounts().findOne({ _id: 'a' })).toEqual({ _id: 'a', balance: 100 });
  expect(await ledger().countDocuments()).toBe(0);
  const names = (await server.db.listCollections().toArray()).map((c) => c.name);
  expect(names).not.toContain('made_in_txn');
});

it('restores nested fields and indexes when a transaction aborts', async () => {
  const c = server.db.collection('profiles');
  await c.createIndex({ 'contact.phone': 1 }, { unique: true });
  await c.insertOne({ _id: 'p', contact: { phone: '1', city: 'x' } });
  const session = server.client.startSession();
  session.startTransaction();
  await c.updateOne(
    { _id: 'p' },
    { $set: { 'contact.phone': '2' }, $unset: { 'contact.city': '' } },
    { session },
  );
  await session.abortTransaction();
  await session.endSession();
  expect(await c.findOne({ _id: 'p' })).toEqual({ _id: 'p', contact: { phone: '1', city: 'x' } });
  expect(await c.findOne({ 'contact.phone': '2' })).toBeNull();
  await expect(c.insertOne({ contact: { phone: '1' } })).rejects.toMatchObject({ code: 11000 });
});

it('rolls back when the callback throws, and rethrows the error', async () => {
  const session = server.client.startSession();
  const error = await session
    .withTransaction(async () => {
      await accounts().updateOne({ _id: 'a' }, { $set: { balance: 0 } }, { session });
      throw new Error('business rule failed');
    })
    .catch((e) => e);
  await session.endSession();
  expect(error.message).toBe('business rule failed');
  expect(await accounts().findOne({ _id: 'a' })).toEqual({ _id: 'a', balance: 100 });
});

it('aborts the transaction on a write error inside it', async () => {
  await ledger().createIndex({ ref: 1 }, { unique: true });
  await ledger().insertOne({ ref: 'taken' });
  const session = server.client.startSession();
  const error = await session
    .withTransaction(async () => {
      await accounts().updateOne({ _id: 'a' }, { $inc: { balance: -1 } }, { session });
      await ledger().insertOne({ ref: 'taken' }, { session });
    })
    .catch((e) => e);
  await session.endSession();
  expect(error).toMatchObject({ code: 11000 });
  expect(await accounts().findOne({ _id: 'a' })).toEqual({ _id: 'a', balance: 100 });
  await ledger().dropIndexes();
});

it('shows readers outside the transaction the committed data at once, never its uncommitted writes', async () => {
  const session = server.client.startSession();
  session.startTransaction();
  await accounts().updateOne({ _id: 'a' }, { $set: { balance: -999 } }, { session });
  // answered while the transaction is still open: nothing waits for it
  expect(await accounts().findOne({ _id: 'a' })).toEqual({ _id: 'a', balance: 100 });
  expect(await accounts().countDocuments({ balance: -999 })).toBe(0);
  await session.commitTransaction();
  await session.endSession();
  expect(await accounts().findOne({ _id: 'a' })).toEqual({ _id: 'a', balance: -999 });
});

it('reads the snapshot it started with: a commit made meanwhile is not visible inside it', async () => {
  const session = server.client.startSession();
  session.startTransaction();
  expect(await accounts().findOne({ _id: 'b' }, { session })).toEqual({ _id: 'b', balance: 0 });
  await accounts().updateOne({ _id: 'b' }, { $set: { balance: 7 } }); // outside, committed
  await ledger().insertOne({ _id: 'later' } as any); // outside, committed
  expect(await accounts().findOne({ _id: 'b' }, { session })).toEqual({ _id: 'b', balance: 0 });
  expect(await ledger().countDocuments({}, { session })).toBe(0);
  expect(await accounts().find({}, { session }).sort({ balance: -1 }).toArray()).toEqual([
    { _id: 'a', balance: 100 },
    { _id: 'b', balance: 0 },
  ]);
  await session.commitTransaction();
  await session.endSession();
});

it('lets transactions that write different documents run and commit side by side', async () => {
  const first = server.client.startSession();
  const second = server.client.startSession();
  first.startTransaction();
  second.startTransaction();
  await accounts().updateOne({ _id: 'a' }, { $inc: { balance: -1 } }, { session: first });
  await accounts().updateOne({ _id: 'b' }, { $inc: { balance: 1 } }, { session: second });
  await ledger().insertOne({ by: 'second' }, { session: second });
  await second.commitTransaction();
  await first.commitTransaction();
  await first.endSession();
  await second.endSession();
  expect(await accounts().find().sort({ _id: 1 }).toArray()).toEqual([
    { _id: 'a', balance: 99 },
    { _id: 'b', balance: 1 },
  ]);
});

it('answers a transaction writing a document another open transaction wrote with WriteConflict (112, TransientTransactionError)', async () => {
  const first = server.client.startSession();
  const second = server.client.startSession();
  first.startTransaction();
  await accounts().updateOne({ _id: 'a' }, { $inc: { balance: 1 } }, { session: first });
  second.startTransaction();
  const error = await accounts()
    .updateOne({ _id: 'a' }, { $inc: { balance: 1 } }, { session: second })
    .catch((e) => e);
  expect(error).toBeInstanceOf(MongoServerError);
  expect(error.code).toBe(112);
  expect(error.codeName).toBe('WriteConflict');
  expect(error.hasErrorLabel('TransientTransactionError')).toBe(true);
  await second.abortTransaction();
  await first.commitTransaction();
  await first.endSession();
  await second.endSession();
  expect(await accounts().findOne({ _id: 'a' })).toEqual({ _id: 'a', balance: 101 });
});

it('answers a write to a document committed by someone else after the snapshot with WriteConflict, so no update is lost', async () => {
  const session = server.client.startSession();
  session.startTransaction();
  await ledger().insertOne({ n: 1 }, { session }); // the snapshot is taken
  await accounts().updateOne({ _id: 'a' }, { $inc: { balance: 5 } }); // committed outside, after it
  const error = await accounts()
    .updateOne({ _id: 'a' }, { $inc: { balance: 1 } }, { session })
    .catch((e) => e);
  expect(error).toMatchObject({ code: 112 });
  expect(error.hasErrorLabel('TransientTransactionError')).toBe(true);
  await session.abortTransaction();
  await session.endSession();
  expect(await accounts().findOne({ _id: 'a' })).toEqual({ _id: 'a', balance: 105 });
});

it('lets only one of two transactions insert the same unique key: the other conflicts, and on retry sees the duplicate', async () => {
  const c = server.db.collection('claims_txn');
  await c.createIndex({ key: 1 }, { unique: true });
  const first = server.client.startSession();
  const second = server.client.startSession();
  first.startTransaction();
  second.startTransaction();
  await c.insertOne({ key: 'k', by: 1 }, { session: first });
  const conflict = await c.insertOne({ key: 'k', by: 2 }, { session: second }).catch((e) => e);
  expect(conflict).toMatchObject({ code: 112 });
  await second.abortTransaction();
  await first.commitTransaction();
  const retry = await second
    .withTransaction(() => c.insertOne({ key: 'k', by: 2 }, { session: second }))
    .catch((e) => e);
  expect(retry).toMatchObject({ code: 11000 });
  await first.endSession();
  await second.endSession();
  expect(await c.find({}, { projection: { _id: 0 } }).toArray()).toEqual([{ key: 'k', by: 1 }]);
});

it('has withTransaction retry a conflicted transaction until it commits', async () => {
  const holder = server.client.startSession();
  holder.startTransaction();
  await accounts().updateOne({ _id: 'b' }, { $inc: { balance: 5 } }, { session: holder });

  const other = await MongoClient.connect(server.devdb.uri);
  const otherAccounts = other.db('test').collection('accounts');
  const session = other.startSession();
  let attempts = 0;
  const retried = session.withTransaction(async () => {
    attempts++;
    if (attempts === 2) await holder.commitTransaction(); // the holder finishes after the first conflict
    await otherAccounts.updateOne({ _id: 'b' } as any, { $inc: { balance: 10 } }, { session });
  });
  await retried;
  await session.endSession();
  await holder.endSession();
  await other.close();
  expect(attempts).toBeGreaterThanOrEqual(2);
  expect(await accounts().find().sort({ _id: 1 }).toArray()).toEqual([
    { _id: 'a', balance: 100 },
    { _id: 'b', balance: 15 },
  ]);
});

it('makes a write outside transactions wait for the transaction holding its document, then apply on top of its commit', async () => {
  const holder = server.client.startSession();
  holder.startTransaction();
  await accounts().updateOne({ _id: 'a' }, { $inc: { balance: -30 } }, { session: holder });
  let applied = false;
  const outside = accounts()
    .updateOne({ _id: 'a' }, { $inc: { balance: 1 } })
    .then((r) => ((applied = true), r));
  await new Promise((r) => setTimeout(r, 50));
  expect(applied).toBe(false); // it waits, as MongoDB's writes do
  await holder.commitTransaction();
  await holder.endSession();
  expect((await outside).modifiedCount).toBe(1);
  expect(await accounts().findOne({ _id: 'a' })).toEqual({ _id: 'a', balance: 71 });
});

it('aborts a transaction a write outside has waited for too long, and withTransaction retries it after that write', async () => {
  const quick = await startServer({ writeConflictWaitMs: 100 });
  try {
    const counters = quick.db.collection('counters');
    await counters.insertOne({ _id: 'n', v: 0 });
    const session = quick.client.startSession();
    let attempts = 0;
    let outside: Promise<unknown> | null = null;
    await session.withTransaction(async () => {
      attempts++;
      await counters.updateOne({ _id: 'n' }, { $inc: { v: 10 } }, { session });
      if (attempts === 1) {
        outside = counters.updateOne({ _id: 'n' }, { $inc: { v: 1 } }); // waits, then aborts this attempt
        await outside;
      }
    });
    await session.endSession();
    expect(attempts).toBe(2);
    expect(await counters.findOne({ _id: 'n' })).toEqual({ _id: 'n', v: 11 });
    expect(quick.devdb.engine.versions.size()).toBe(0); // nothing kept once no transaction is open
  } finally {
    await quick.stop();
  }
});

it('runs many concurrent withTransaction transfers without losing money', async () => {
  const clients = await Promise.all(Array.from({ length: 3 }, () => MongoClient.connect(server.devdb.uri)));
  await Promise.all(
    Array.from({ length: 15 }, async (_, i) => {
      const client = clients[i % clients.length];
      const coll = client.db('test').collection('accounts');
      const session = client.startSession();
      await session.withTransaction(async () => {
        await coll.updateOne({ _id: 'a' } as any, { $inc: { balance: -1 } }, { session });
        await coll.updateOne({ _id: 'b' } as any, { $inc: { balance: 1 } }, { session });
      });
      await session.endSession();
    }),
  );
  await Promise.all(clients.map((c) => c.close()));
  expect(await accounts().find().sort({ _id: 1 }).toArray()).toEqual([
    { _id: 'a', balance: 85 },
    { _id: 'b', balance: 15 },
  ]);
});
