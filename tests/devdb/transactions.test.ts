/** Transactions with the unmodified driver: all-or-nothing, isolation by lock, WriteConflict retried by withTransaction. */
import { MongoClient, MongoServerError } from 'mongodb';
import { startServer, type Server } from './helpers';

let server: Server;

beforeAll(async () => {
  server = await startServer({ txnLockTimeoutMs: 200 });
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

it('never shows uncommitted writes to readers outside the transaction', async () => {
  const session = server.client.startSession();
  session.startTransaction();
  await accounts().updateOne({ _id: 'a' }, { $set: { balance: -999 } }, { session });
  const outside = accounts().findOne({ _id: 'a' }); // waits for the transaction to end
  await new Promise((r) => setTimeout(r, 50));
  await session.abortTransaction();
  await session.endSession();
  expect(await outside).toEqual({ _id: 'a', balance: 100 });
});

it('answers a second concurrent transaction with WriteConflict (112, TransientTransactionError)', async () => {
  const first = server.client.startSession();
  const second = server.client.startSession();
  first.startTransaction();
  await accounts().updateOne({ _id: 'a' }, { $inc: { balance: 1 } }, { session: first });
  second.startTransaction();
  const error = await accounts()
    .updateOne({ _id: 'b' }, { $inc: { balance: 1 } }, { session: second })
    .catch((e) => e);
  expect(error).toBeInstanceOf(MongoServerError);
  expect(error.code).toBe(112);
  expect(error.codeName).toBe('WriteConflict');
  expect(error.hasErrorLabel('TransientTransactionError')).toBe(true);
  await second.abortTransaction();
  await first.commitTransaction();
  await first.endSession();
  await second.endSession();
});

it('has withTransaction retry a conflicted transaction until it commits', async () => {
  const holder = server.client.startSession();
  holder.startTransaction();
  await accounts().updateOne({ _id: 'a' }, { $inc: { balance: -10 } }, { session: holder });

  const other = await MongoClient.connect(server.devdb.uri);
  const otherAccounts = other.db('test').collection('accounts');
  const session = other.startSession();
  let attempts = 0;
  const retried = session.withTransaction(async () => {
    attempts++;
    if (attempts === 2) await holder.commitTransaction(); // free the lock after the first conflict
    await otherAccounts.updateOne({ _id: 'b' } as any, { $inc: { balance: 10 } }, { session });
  });
  await retried;
  await session.endSession();
  await holder.endSession();
  await other.close();
  expect(attempts).toBeGreaterThanOrEqual(2);
  expect(await accounts().find().sort({ _id: 1 }).toArray()).toEqual([
    { _id: 'a', balance: 90 },
    { _id: 'b', balance: 10 },
  ]);
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
