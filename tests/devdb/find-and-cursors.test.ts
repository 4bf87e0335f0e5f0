/** find (filter, sort, projection, skip, limit, batches), getMore, killCursors, count and distinct. */
import {
  Binary,
  Decimal128,
  Long,
  MaxKey,
  MinKey,
  MongoClient,
  MongoServerError,
  ObjectId,
  Timestamp,
  type CommandStartedEvent,
} from 'mongodb';
import { startServer, type Server } from './helpers';

let server: Server;

beforeAll(async () => {
  server = await startServer({}, { monitorCommands: true });
});
afterAll(async () => {
  await server.stop();
});

describe('filters', () => {
  const people = [
    { _id: 1, name: 'ann', age: 31, tags: ['a', 'b'], address: { city: 'Wuhan' }, scores: [3, 9] },
    { _id: 2, name: 'bo', age: 25, tags: ['b'], address: { city: 'Xi’an' }, scores: [5] },
    { _id: 3, name: 'cy', age: null, tags: [], address: { city: 'Wuhan' }, scores: [] },
    {
      _id: 4,
      name: 'di',
      tags: ['c'],
      items: [
        { sku: 'x', qty: 2 },
        { sku: 'y', qty: 7 },
      ],
    },
    { _id: 5, name: 'ed', age: '40', items: [{ sku: 'y', qty: 1 }] },
  ];
  const ids = async (filter: object) =>
    (await server.db.collection('people').find(filter).sort({ _id: 1 }).toArray()).map((d) => d._id);

  beforeAll(async () => {
    await server.db.collection('people').insertMany(people);
  });

  it('match equality on a scalar, on an array element and on a nested field', async () => {
    expect(await ids({ name: 'bo' })).toEqual([2]);
    expect(await ids({ tags: 'b' })).toEqual([1, 2]);
    expect(await ids({ 'address.city': 'Wuhan' })).toEqual([1, 3]);
    expect(await ids({ 'items.sku': 'y' })).toEqual([4, 5]);
  });

  it('match a whole array exactly and an empty array', async () => {
    expect(await ids({ tags: ['a', 'b'] })).toEqual([1]);
    expect(await ids({ tags: [] })).toEqual([3]);
  });

  it('treat null as null or missing', async () => {
    expect(await ids({ age: null })).toEqual([3, 4]);
    expect(await ids({ age: { $ne: null } })).toEqual([1, 2, 5]);
    expect(await ids({ age: { $exists: false } })).toEqual([4]);
  });

  it('compare ranges only within one BSON type', async () => {
    expect(await ids({ age: { $gt: 20 } })).toEqual([1, 2]); // '40' is a string, not a number
    expect(await ids({ age: { $gte: '' } })).toEqual([5]);
  });

  it('compare numbers by value across double, Long and Decimal128', async () => {
    const c = server.db.collection('numbers');
    await c.insertMany([
      { _id: 'double', v: 3 },
      { _id: 'long', v: Long.fromString('9007199254740993') },
      { _id: 'decimal', v: Decimal128.fromString('2.5') },
    ]);
    const found = async (filter: object) =>
      (await c.find(filter).sort({ _id: 1 }).toArray()).map((d) => d._id);
    expect(await found({ v: { $gt: 2 } })).toEqual(['decimal', 'double', 'long']);
    expect(await found({ v: { $lt: 3 } })).toEqual(['decimal']);
    expect(await found({ v: Decimal128.fromString('3') })).toEqual(['double']);
    expect(await found({ v: { $gte: 9007199254740000 } })).toEqual(['long']);
  });

  it('do not reach into nested arrays by field name', async () => {
    const c = server.db.collection('nested');
    await c.insertMany([
      { _id: 1, a: [[{ b: 1 }]] },
      { _id: 2, a: [{ b: 1 }] },
    ]);
    expect((await c.find({ 'a.b': 1 }).toArray()).map((d) => d._id)).toEqual([2]);
  });

  it('let different array elements satisfy different range bounds', async () => {
    expect(await ids({ scores: { $gt: 8, $lt: 4 } })).toEqual([1]);
    expect(await ids({ scores: { $elemMatch: { $gt: 4, $lt: 6 } } })).toEqual([2]);
  });

  it('support $in, $nin, $or, $and, $not, $regex, $size and $elemMatch on documents', async () => {
    expect(await ids({ name: { $in: ['ann', 'ed', 'zz'] } })).toEqual([1, 5]);
    expect(await ids({ tags: { $nin: ['b', 'c'] } })).toEqual([3, 5]);
    expect(await ids({ $or: [{ age: 25 }, { name: 'di' }] })).toEqual([2, 4]);
    expect(await ids({ $and: [{ tags: 'b' }, { age: { $lt: 30 } }] })).toEqual([2]);
    expect(await ids({ age: { $not: { $gt: 26 } } })).toEqual([2, 3, 4, 5]);
    expect(await ids({ name: { $regex: '^[ab]' } })).toEqual([1, 2]);
    expect(await ids({ name: /Y$/i })).toEqual([3]);
    expect(await ids({ tags: { $size: 1 } })).toEqual([2, 4]);
    expect(await ids({ items: { $elemMatch: { sku: 'y', qty: { $gt: 5 } } } })).toEqual([4]);
  });
});

describe('sort', () => {
  const mixed = [
    { _id: 'maxkey', v: new MaxKey() },
    { _id: 'regex', v: /x/ },
    { _id: 'timestamp', v: new Timestamp({ t: 1, i: 1 }) },
    { _id: 'date', v: new Date('2020-01-01') },
    { _id: 'true', v: true },
    { _id: 'false', v: false },
    { _id: 'objectid', v: new ObjectId('65a000000000000000000000') },
    { _id: 'binary', v: new Binary(Buffer.from('x')) },
    { _id: 'object', v: { a: 1 } },
    { _id: 'string', v: 'abc' },
    { _id: 'long', v: Long.fromNumber(3) },
    { _id: 'decimal', v: Decimal128.fromString('2.5') },
    { _id: 'double', v: 1.5 },
    { _id: 'null', v: null },
    { _id: 'minkey', v: new MinKey() },
  ];

  beforeAll(async () => {
    await server.db.collection('mixed').insertMany(mixed);
    await server.db.collection('mixed').insertOne({ _id: 'missing' });
  });

  it('orders mixed types in BSON type order, numbers by value across number types', async () => {
    const asc = (await server.db.collection('mixed').find().sort({ v: 1, _id: 1 }).toArray()).map(
      (d) => d._id,
    );
    expect(asc).toEqual([
      'minkey',
      'missing', // missing and null sort together; _id breaks the tie
      'null',
      'double',
      'decimal',
      'long',
      'string',
      'object',
      'binary',
      'objectid',
      'false',
      'true',
      'date',
      'timestamp',
      'regex',
      'maxkey',
    ]);
    const desc = (await server.db.collection('mixed').find().sort({ v: -1, _id: -1 }).toArray()).map(
      (d) => d._id,
    );
    expect(desc).toEqual([...asc].reverse());
  });

  it('sorts an array by its smallest element ascending and its largest descending', async () => {
    const c = server.db.collection('arrsort');
    await c.insertMany([
      { _id: 'a', v: [5, 1] },
      { _id: 'b', v: 3 },
      { _id: 'c', v: [2, 9] },
    ]);
    expect((await c.find().sort({ v: 1 }).toArray()).map((d) => d._id)).toEqual(['a', 'c', 'b']);
    expect((await c.find().sort({ v: -1 }).toArray()).map((d) => d._id)).toEqual(['c', 'a', 'b']);
  });

  it('sorts by several keys, each in its own direction, and by nested fields', async () => {
    const c = server.db.collection('multisort');
    await c.insertMany([
      { _id: 1, g: 'x', n: { v: 1 } },
      { _id: 2, g: 'y', n: { v: 3 } },
      { _id: 3, g: 'x', n: { v: 2 } },
      { _id: 4, g: 'y', n: { v: 0 } },
    ]);
    const out = await c.find().sort({ g: -1, 'n.v': 1 }).toArray();
    expect(out.map((d) => d._id)).toEqual([4, 2, 1, 3]);
  });
});

describe('projection, skip and limit', () => {
  beforeAll(async () => {
    await server.db
      .collection('shape')
      .insertMany(
        Array.from({ length: 10 }, (_, i) => ({ _id: i, n: i, secret: `s${i}`, sub: { a: i, b: -i } })),
      );
  });

  it('includes only the named fields (and _id unless excluded)', async () => {
    const doc = await server.db.collection('shape').findOne({ _id: 2 }, { projection: { n: 1, 'sub.a': 1 } });
    expect(doc).toEqual({ _id: 2, n: 2, sub: { a: 2 } });
    const noId = await server.db.collection('shape').findOne({ _id: 2 }, { projection: { n: 1, _id: 0 } });
    expect(noId).toEqual({ n: 2 });
  });

  it('excludes the named fields', async () => {
    const doc = await server.db
      .collection('shape')
      .findOne({ _id: 3 }, { projection: { secret: 0, 'sub.b': 0 } });
    expect(doc).toEqual({ _id: 3, n: 3, sub: { a: 3 } });
  });

  it('projects through arrays: inclusion keeps only the embedded documents, exclusion keeps every element', async () => {
    const c = server.db.collection('shape_arrays');
    await c.insertOne({ _id: 1, a: [{ b: 1, c: 2 }, 3, [{ b: 4, c: 5 }], { c: 6 }], d: 'x' });
    expect(await c.findOne({}, { projection: { 'a.b': 1 } })).toEqual({
      _id: 1,
      a: [{ b: 1 }, [{ b: 4 }], {}],
    });
    expect(await c.findOne({}, { projection: { 'a.b': 0, d: 0 } })).toEqual({
      _id: 1,
      a: [{ c: 2 }, 3, [{ c: 5 }], { c: 6 }],
    });
    expect(await c.findOne({}, { projection: { _id: 1 } })).toEqual({ _id: 1 });
    expect(await c.findOne({}, { projection: { _id: 0 } })).toEqual({
      a: [{ b: 1, c: 2 }, 3, [{ b: 4, c: 5 }], { c: 6 }],
      d: 'x',
    });
  });

  it('refuses a projection that mixes inclusion and exclusion, or names a path twice', async () => {
    const c = server.db.collection('shape');
    await expect(c.findOne({}, { projection: { n: 1, secret: 0 } })).rejects.toMatchObject({ code: 31254 });
    await expect(c.findOne({}, { projection: { n: 0, secret: 1 } })).rejects.toMatchObject({ code: 31253 });
    await expect(c.findOne({}, { projection: { sub: 1, 'sub.a': 1 } })).rejects.toMatchObject({
      code: 31249,
    });
  });

  it('skips and limits after sorting', async () => {
    const docs = await server.db
      .collection('shape')
      .find({}, { projection: { n: 1 } })
      .sort({ n: -1 })
      .skip(2)
      .limit(3)
      .toArray();
    expect(docs.map((d) => d.n)).toEqual([7, 6, 5]);
  });
});

describe('cursors', () => {
  let started: CommandStartedEvent[] = [];
  const listener = (e: CommandStartedEvent) => started.push(e);

  beforeAll(async () => {
    await server.db.collection('many').insertMany(Array.from({ length: 25 }, (_, i) => ({ _id: i })));
    server.client.on('commandStarted', listener);
  });
  afterAll(() => {
    server.client.off('commandStarted', listener);
  });
  beforeEach(() => {
    started = [];
  });

  it('hands out the rest of a result batch by batch through getMore', async () => {
    const docs = await server.db.collection('many').find().sort({ _id: 1 }).batchSize(10).toArray();
    expect(docs.map((d) => d._id)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(started.filter((e) => e.commandName === 'getMore')).toHaveLength(2);
  });

  it('returns the first batch with a live cursor id, then the rest, then cursor id 0', async () => {
    const first = await server.db.command({ find: 'many', sort: { _id: 1 }, batchSize: 10 });
    expect(first.cursor.firstBatch).toHaveLength(10);
    expect(first.cursor.ns).toBe('test.many');
    expect(Number(first.cursor.id)).not.toBe(0);
    const second = await server.db.command({ getMore: first.cursor.id, collection: 'many', batchSize: 10 });
    expect(second.cursor.nextBatch.map((d: any) => d._id)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    const last = await server.db.command({ getMore: first.cursor.id, collection: 'many', batchSize: 10 });
    expect(last.cursor.nextBatch).toHaveLength(5);
    expect(Number(last.cursor.id)).toBe(0);
  });

  it('closes the cursor after one batch with singleBatch or a negative limit', async () => {
    const single = await server.db.command({ find: 'many', batchSize: 5, singleBatch: true });
    expect(single.cursor.firstBatch).toHaveLength(5);
    expect(Number(single.cursor.id)).toBe(0);
    const negative = await server.db.command({ find: 'many', limit: -7 });
    expect(negative.cursor.firstBatch).toHaveLength(7);
    expect(Number(negative.cursor.id)).toBe(0);
  });

  it('kills a cursor so that getMore on it fails with CursorNotFound', async () => {
    const first = await server.db.command({ find: 'many', batchSize: 2 });
    const killed = await server.db.command({ killCursors: 'many', cursors: [first.cursor.id] });
    expect(killed.cursorsKilled.map(Number)).toEqual([Number(first.cursor.id)]);
    const error = await server.db.command({ getMore: first.cursor.id, collection: 'many' }).catch((e) => e);
    expect(error).toBeInstanceOf(MongoServerError);
    expect(error.code).toBe(43);
  });

  it('sends killCursors when the application closes a cursor early', async () => {
    const cursor = server.db.collection('many').find().batchSize(3);
    await cursor.next();
    await cursor.close();
    expect(started.map((e) => e.commandName)).toContain('killCursors');
  });
});

describe('count and distinct', () => {
  beforeAll(async () => {
    await server.db.collection('counted').insertMany([
      { _id: 1, k: 'a', tags: ['x', 'y'] },
      { _id: 2, k: 'b', tags: ['y'] },
      { _id: 3, k: 'a', tags: 'z' },
      { _id: 4, k: 'c' },
    ]);
  });

  it('counts matching documents with the count command, honouring skip and limit', async () => {
    expect(await server.db.command({ count: 'counted', query: { k: 'a' } })).toEqual({ n: 2, ok: 1 });
    expect((await server.db.command({ count: 'counted', skip: 1, limit: 2 })).n).toBe(2);
    expect((await server.db.command({ count: 'nothing-here' })).n).toBe(0);
  });

  it('counts through the driver helpers', async () => {
    expect(await server.db.collection('counted').countDocuments({ k: { $ne: 'a' } })).toBe(2);
    expect(await server.db.collection('counted').estimatedDocumentCount()).toBe(4);
    expect(await server.db.collection('counted').countDocuments({}, { skip: 1, limit: 2 })).toBe(2);
    expect(await server.db.collection('counted').countDocuments({ k: 'a' }, { skip: 1 })).toBe(1);
    expect(await server.db.collection('counted').countDocuments({ k: 'zzz' })).toBe(0);
  });

  it('returns distinct values, flattening arrays', async () => {
    const values = await server.db.collection('counted').distinct('tags');
    expect(values.sort()).toEqual(['x', 'y', 'z']);
    expect((await server.db.collection('counted').distinct('k', { _id: { $gt: 1 } })).sort()).toEqual([
      'a',
      'b',
      'c',
    ]);
  });
});

it('reads a collection that does not exist as empty', async () => {
  const other = await MongoClient.connect(server.devdb.uri);
  expect(await other.db('nowhere').collection('none').find({ a: 1 }).toArray()).toEqual([]);
  await other.close();
});
