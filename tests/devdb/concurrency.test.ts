/** Many clients at once: atomic read-modify-write and unique keys hold under concurrency. */
import { MongoClient } from 'mongodb';
import { startServer, type Server } from './helpers';

let server: Server;

beforeAll(async () => {
  server = await startServer({}, { maxPoolSize: 50 });
});
afterAll(async () => {
  await server.stop();
});

it('200 concurrent $inc through findOneAndUpdate give exactly 200', async () => {
  const c = server.db.collection('counter');
  await c.insertOne({ _id: 'n', value: 0 });
  const seen = await Promise.all(
    Array.from({ length: 200 }, () =>
      c.findOneAndUpdate({ _id: 'n' }, { $inc: { value: 1 } }, { returnDocument: 'after' }),
    ),
  );
  expect((await c.findOne({ _id: 'n' }))!.value).toBe(200);
  // every caller saw its own increment: the values handed out are exactly 1..200
  expect(seen.map((d) => d!.value).sort((a, b) => a - b)).toEqual(
    Array.from({ length: 200 }, (_, i) => i + 1),
  );
});

it('100 concurrent inserts of one unique key: exactly one succeeds, the others get 11000', async () => {
  const c = server.db.collection('claims');
  await c.createIndex({ key: 1 }, { unique: true });
  const clients = await Promise.all(Array.from({ length: 4 }, () => MongoClient.connect(server.devdb.uri)));
  const results = await Promise.allSettled(
    Array.from({ length: 100 }, (_, i) =>
      clients[i % clients.length].db('test').collection('claims').insertOne({ key: 'the-one', by: i }),
    ),
  );
  await Promise.all(clients.map((cl) => cl.close()));
  const ok = results.filter((r) => r.status === 'fulfilled');
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  expect(ok).toHaveLength(1);
  expect(failed).toHaveLength(99);
  expect(failed.every((r) => r.reason.code === 11000)).toBe(true);
  expect(await c.countDocuments({ key: 'the-one' })).toBe(1);
});
