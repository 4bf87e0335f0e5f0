/** aggregate: the listed stages, $lookup across collections, answered as a cursor. */
import { MongoServerError } from 'mongodb';
import { startServer, type Server } from './helpers';

let server: Server;

beforeAll(async () => {
  server = await startServer();
  await server.db.collection('orders').insertMany([
    { _id: 1, cust: 'a', amount: 10, items: ['x', 'y'] },
    { _id: 2, cust: 'b', amount: 5, items: ['x'] },
    { _id: 3, cust: 'a', amount: 7, items: [] },
    { _id: 4, cust: 'c', amount: 1, items: ['z'] },
  ]);
  await server.db.collection('customers').insertMany([
    { _id: 'a', name: 'Ann' },
    { _id: 'b', name: 'Bo' },
  ]);
});
afterAll(async () => {
  await server.stop();
});

const agg = (pipeline: object[], coll = 'orders') => server.db.collection(coll).aggregate(pipeline).toArray();

it('filters with $match and groups with $group accumulators', async () => {
  const out = await agg([
    { $match: { amount: { $gte: 5 } } },
    { $group: { _id: '$cust', total: { $sum: '$amount' }, n: { $sum: 1 }, max: { $max: '$amount' } } },
    { $sort: { _id: 1 } },
  ]);
  expect(out).toEqual([
    { _id: 'a', total: 17, n: 2, max: 10 },
    { _id: 'b', total: 5, n: 1, max: 5 },
  ]);
});

it('sorts, skips and limits', async () => {
  const out = await agg([{ $sort: { amount: -1 } }, { $skip: 1 }, { $limit: 2 }, { $project: { _id: 1 } }]);
  expect(out).toEqual([{ _id: 3 }, { _id: 2 }]);
});

it('reshapes with $project and $addFields', async () => {
  const out = await agg([
    { $match: { _id: 1 } },
    { $addFields: { double: { $multiply: ['$amount', 2] } } },
    { $project: { _id: 0, cust: 1, double: 1, count: { $size: '$items' } } },
  ]);
  expect(out).toEqual([{ cust: 'a', double: 20, count: 2 }]);
});

it('sets fields as MongoDB does: nested specs add to the embedded document, paths go through arrays', async () => {
  const c = server.db.collection('shapes');
  await c.insertOne({ _id: 1, specs: { doors: 4 }, wheels: [{ n: 1 }, 7], s: 5 });
  const [out] = await agg(
    [
      {
        $set: {
          specs: { fuel: 'diesel' },
          'wheels.ok': true,
          's.t': 1,
          'specs.copy': '$specs',
          gone: '$missing',
        },
      },
    ],
    'shapes',
  );
  expect(out).toEqual({
    _id: 1,
    specs: { doors: 4, fuel: 'diesel', copy: { doors: 4 } },
    wheels: [{ n: 1, ok: true }, { ok: true }],
    s: { t: 1 },
  });
});

it('joins another collection with $lookup', async () => {
  const out = await agg([
    { $match: { _id: { $in: [1, 4] } } },
    { $lookup: { from: 'customers', localField: 'cust', foreignField: '_id', as: 'customer' } },
    { $project: { customer: 1 } },
    { $sort: { _id: 1 } },
  ]);
  expect(out).toEqual([
    { _id: 1, customer: [{ _id: 'a', name: 'Ann' }] },
    { _id: 4, customer: [] },
  ]);
});

it('joins with a $lookup pipeline', async () => {
  const out = await agg(
    [
      { $match: { _id: 'a' } },
      {
        $lookup: {
          from: 'orders',
          let: { c: '$_id' },
          pipeline: [{ $match: { $expr: { $eq: ['$cust', '$$c'] } } }, { $project: { amount: 1, _id: 0 } }],
          as: 'orders',
        },
      },
    ],
    'customers',
  );
  expect(out).toEqual([{ _id: 'a', name: 'Ann', orders: [{ amount: 10 }, { amount: 7 }] }]);
});

it('unwinds arrays with $unwind, dropping empty ones unless asked', async () => {
  expect((await agg([{ $unwind: '$items' }, { $project: { items: 1 } }])).map((d) => d.items)).toEqual([
    'x',
    'y',
    'x',
    'z',
  ]);
  const kept = await agg([{ $unwind: { path: '$items', preserveNullAndEmptyArrays: true } }]);
  expect(kept).toHaveLength(5);
});

it('runs several pipelines over the same input with $facet', async () => {
  const [out] = await agg([
    {
      $facet: {
        big: [{ $match: { amount: { $gt: 6 } } }, { $count: 'n' }],
        custs: [{ $group: { _id: '$cust' } }, { $count: 'n' }],
      },
    },
  ]);
  expect(out).toEqual({ big: [{ n: 2 }], custs: [{ n: 3 }] });
});

it('counts with $count', async () => {
  expect(await agg([{ $match: { cust: 'a' } }, { $count: 'orders' }])).toEqual([{ orders: 2 }]);
});

it('answers with a cursor that getMore continues', async () => {
  const first = await server.db.command({
    aggregate: 'orders',
    pipeline: [{ $sort: { _id: 1 } }],
    cursor: { batchSize: 3 },
  });
  expect(first.cursor.firstBatch.map((d: any) => d._id)).toEqual([1, 2, 3]);
  expect(first.cursor.ns).toBe('test.orders');
  const rest = await server.db.command({ getMore: first.cursor.id, collection: 'orders' });
  expect(rest.cursor.nextBatch.map((d: any) => d._id)).toEqual([4]);
  expect(Number(rest.cursor.id)).toBe(0);
});

it('refuses $out with an error instead of ignoring it', async () => {
  await expect(agg([{ $out: 'copy' }])).rejects.toBeInstanceOf(MongoServerError);
});

it('does not change the stored documents while computing', async () => {
  await agg([{ $addFields: { amount: 0, extra: true } }, { $unset: 'cust' }]);
  expect(await server.db.collection('orders').findOne({ _id: 1 })).toEqual({
    _id: 1,
    cust: 'a',
    amount: 10,
    items: ['x', 'y'],
  });
});
