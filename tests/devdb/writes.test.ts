/** insert, update, delete and findAndModify: results, writeErrors and duplicate-key errors shaped as MongoDB's. */
import { randomBytes } from 'node:crypto';
import {
  Binary,
  Long,
  MongoBulkWriteError,
  MongoClient,
  MongoServerError,
  ObjectId,
  type Collection,
} from 'mongodb';
import { opMsg, RawConnection, startServer, type Server } from './helpers';

let server: Server;
let seq = 0;
const fresh = (): Collection<any> => server.db.collection(`w${++seq}`);

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
});

describe('insert', () => {
  it('generates an ObjectId _id and stores it as the first field', async () => {
    const c = fresh();
    const { insertedId } = await c.insertOne({ a: 1 });
    expect(insertedId).toBeInstanceOf(ObjectId);
    const raw = await server.db.command({ insert: c.collectionName, documents: [{ b: 2 }] });
    expect(raw).toEqual({ n: 1, ok: 1 });
    const docs = await c.find().toArray();
    expect(docs.map((d) => Object.keys(d)[0])).toEqual(['_id', '_id']);
    expect(docs[1]._id).toBeInstanceOf(ObjectId);
  });

  it('keeps BSON types intact', async () => {
    const c = fresh();
    const doc = {
      _id: 1,
      l: Long.fromString('9007199254740993'),
      b: new Binary(Buffer.from([1, 2])),
      d: new Date(5),
    };
    await c.insertOne(doc);
    const back = await c.findOne({ _id: 1 }, { promoteLongs: false });
    expect(back!.l).toEqual(Long.fromString('9007199254740993'));
    expect(back!.b.buffer).toEqual(new Binary(Buffer.from([1, 2])).buffer);
    expect(back!.d).toEqual(new Date(5));
  });

  it('stops at the first error when ordered, reporting it in writeErrors', async () => {
    const c = fresh();
    await c.insertOne({ _id: 2 });
    const error = await c.insertMany([{ _id: 1 }, { _id: 2 }, { _id: 3 }]).catch((e) => e);
    expect(error).toBeInstanceOf(MongoBulkWriteError);
    expect(error.result.insertedCount).toBe(1);
    expect(error.writeErrors.map((w: any) => [w.index, w.code])).toEqual([[1, 11000]]);
    expect((await c.find().sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual([1, 2]);
  });

  it('goes on after errors when unordered, reporting each failed index', async () => {
    const c = fresh();
    await c.insertMany([{ _id: 2 }, { _id: 4 }]);
    const error = await c
      .insertMany([{ _id: 1 }, { _id: 2 }, { _id: 3 }, { _id: 4 }, { _id: 5 }], { ordered: false })
      .catch((e) => e);
    expect(error.writeErrors.map((w: any) => w.index)).toEqual([1, 3]);
    expect(error.result.insertedCount).toBe(3);
    expect((await c.find().sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual([1, 2, 3, 4, 5]);
  });

  it('never replaces a document that has the same _id', async () => {
    const c = fresh();
    await c.insertOne({ _id: 'x', v: 1 });
    await expect(c.insertOne({ _id: 'x', v: 2 })).rejects.toMatchObject({ code: 11000 });
    expect(await c.findOne({ _id: 'x' })).toEqual({ _id: 'x', v: 1 });
  });

  it('stores a null _id as sent and finds it by value and by $type null', async () => {
    // the driver itself would replace a null _id with an ObjectId unless the server is to set ids
    const client = await MongoClient.connect(server.devdb.uri, { forceServerObjectId: true });
    const c = client.db(server.db.databaseName).collection<any>(`w${++seq}`);
    await c.insertOne({ _id: null, a: 1 });
    expect(await c.countDocuments({ _id: { $type: 'null' } })).toBe(1);
    expect(await c.findOne({ _id: null })).toEqual({ _id: null, a: 1 });
    await client.close();
  });

  it("refuses an _id that MongoDB cannot store: an array, or a document with '$'-prefixed fields", async () => {
    const c = fresh();
    await expect(c.insertOne({ _id: [1, 2] })).rejects.toMatchObject({ code: 2 });
    await expect(c.insertOne({ _id: { $a: 1 } })).rejects.toMatchObject({ code: 52 });
    await expect(c.updateOne({ a: 1 }, { $set: { _id: { $b: 1 } } }, { upsert: true })).rejects.toMatchObject(
      {
        code: 52,
      },
    );
    expect(await c.countDocuments()).toBe(0);
  });
});

describe('update', () => {
  it('changes one matching document, or all with multi', async () => {
    const c = fresh();
    await c.insertMany([
      { _id: 1, g: 'a' },
      { _id: 2, g: 'a' },
      { _id: 3, g: 'b' },
    ]);
    const one = await c.updateOne({ g: 'a' }, { $set: { hit: true } });
    expect([one.matchedCount, one.modifiedCount]).toEqual([1, 1]);
    const many = await c.updateMany({ g: 'a' }, { $inc: { n: 1 } });
    expect([many.matchedCount, many.modifiedCount]).toEqual([2, 2]);
    expect(await c.countDocuments({ hit: true })).toBe(1);
    expect(await c.countDocuments({ n: 1 })).toBe(2);
  });

  it('counts a no-op update as matched but not modified', async () => {
    const c = fresh();
    await c.insertOne({ _id: 1, v: 5 });
    const r = await c.updateOne({ _id: 1 }, { $set: { v: 5 } });
    expect([r.matchedCount, r.modifiedCount]).toEqual([1, 0]);
  });

  it('applies the common operators', async () => {
    const c = fresh();
    await c.insertOne({ _id: 1, n: 1, a: [1, 2, 3], old: 'x', m: 2, gone: true, nested: { deep: 1 } });
    await c.updateOne(
      { _id: 1 },
      {
        $inc: { n: 2, 'nested.deep': 1 },
        $push: { a: 4 } as any,
        $rename: { old: 'renamed' },
        $mul: { m: 5 },
        $unset: { gone: '' },
        $max: { top: 10 },
        $set: { 'created.by': 'me' },
        $currentDate: { at: true },
      },
    );
    const doc = await c.findOne({ _id: 1 });
    expect(doc).toMatchObject({
      n: 3,
      a: [1, 2, 3, 4],
      renamed: 'x',
      m: 10,
      top: 10,
      nested: { deep: 2 },
      created: { by: 'me' },
    });
    expect(doc!.gone).toBeUndefined();
    expect(doc!.at).toBeInstanceOf(Date);
    await c.updateOne({ _id: 1 }, { $pull: { a: { $gte: 3 } } as any, $addToSet: { s: 'k' } });
    await c.updateOne({ _id: 1 }, { $addToSet: { s: 'k' }, $pop: { a: -1 } });
    expect(await c.findOne({ _id: 1 }, { projection: { a: 1, s: 1 } })).toEqual({ _id: 1, a: [2], s: ['k'] });
  });

  it('sets, increments and unsets nested paths, creating and keeping the fields around them', async () => {
    const c = fresh();
    await c.insertOne({ _id: 1, profile: { name: 'a', address: { city: 'x', zip: '1' } }, n: 1 });
    const r = await c.updateOne(
      { _id: 1 },
      {
        $set: { 'profile.address.city': 'y', 'stats.seen': true },
        $inc: { 'stats.visits': 2, n: 0.5 },
        $unset: { 'profile.name': '', 'no.such': '' },
      },
    );
    expect(r.modifiedCount).toBe(1);
    expect(await c.findOne({ _id: 1 })).toEqual({
      _id: 1,
      profile: { address: { city: 'y', zip: '1' } },
      n: 1.5,
      stats: { seen: true, visits: 2 },
    });
    const same = await c.updateOne(
      { _id: 1 },
      { $set: { 'profile.address.zip': '1' }, $unset: { gone: '' }, $inc: { n: 0 } },
    );
    expect(same.modifiedCount).toBe(0);
  });

  it('refuses $inc on a non-number and a path through a scalar, changing nothing', async () => {
    const c = fresh();
    await c.insertOne({ _id: 1, s: 'text', n: 1 });
    await expect(c.updateOne({ _id: 1 }, { $inc: { s: 1 } })).rejects.toBeInstanceOf(MongoServerError);
    await expect(c.updateOne({ _id: 1 }, { $set: { 's.deeper': 1 } })).rejects.toBeInstanceOf(
      MongoServerError,
    );
    expect(await c.findOne({ _id: 1 })).toEqual({ _id: 1, s: 'text', n: 1 });
  });

  it('replaces a whole document but keeps its _id', async () => {
    const c = fresh();
    await c.insertOne({ _id: 7, a: 1, b: 2 });
    await c.replaceOne({ _id: 7 }, { c: 3 });
    expect(await c.findOne({ _id: 7 })).toEqual({ _id: 7, c: 3 });
  });

  it('upserts a replacement with the _id of its filter', async () => {
    const c = fresh();
    const result = await c.replaceOne({ _id: 4 }, { x: 1 }, { upsert: true });
    expect(result.upsertedId).toBe(4);
    await c.findOneAndReplace({ _id: { $eq: 5 }, x: 2 }, { y: 2 }, { upsert: true });
    expect(await c.find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 4, x: 1 },
      { _id: 5, y: 2 },
    ]);
  });

  it('refuses sort in an update statement, as the MongoDB 7.0 devdb reports does (it came in 8.0)', async () => {
    const c = fresh();
    await c.insertMany([{ _id: 1 }, { _id: 2 }]);
    const error = await server.db
      .command({ update: c.collectionName, updates: [{ q: {}, u: { $set: { a: 1 } }, sort: { _id: -1 } }] })
      .catch((e) => e);
    expect(error).toMatchObject({ code: 40415 });
    expect(await c.countDocuments({ a: 1 })).toBe(0);
  });

  it('lets an upsert choose the _id it inserts with $setOnInsert or $set', async () => {
    const c = fresh();
    await c.updateOne({ email: 'a@x' }, { $setOnInsert: { _id: 'a' }, $set: { n: 1 } }, { upsert: true });
    await c.updateOne({ email: 'b@x' }, { $set: { _id: 'b' } }, { upsert: true });
    await c.updateOne({ email: 'a@x' }, { $setOnInsert: { _id: 'other' }, $set: { n: 2 } }, { upsert: true });
    expect(await c.find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 'a', email: 'a@x', n: 2 },
      { _id: 'b', email: 'b@x' },
    ]);
  });

  it('refuses to change _id', async () => {
    const c = fresh();
    await c.insertOne({ _id: 1 });
    await expect(c.updateOne({ _id: 1 }, { $set: { _id: 2 } })).rejects.toMatchObject({ code: 66 });
  });

  it('upserts from the equality fields of the filter, with $setOnInsert only when inserting', async () => {
    const c = fresh();
    const first = await c.updateOne(
      { tenant: 't1', 'key.name': 'k', n: { $gt: 0 } },
      { $inc: { hits: 1 }, $setOnInsert: { createdBy: 'upsert' } },
      { upsert: true },
    );
    expect(first.upsertedCount).toBe(1);
    expect(first.upsertedId).toBeInstanceOf(ObjectId);
    const doc = await c.findOne({ _id: first.upsertedId! });
    expect(doc).toEqual({
      _id: first.upsertedId,
      tenant: 't1',
      key: { name: 'k' },
      hits: 1,
      createdBy: 'upsert',
    });
    await c.updateOne(
      { tenant: 't1' },
      { $inc: { hits: 1 }, $setOnInsert: { createdBy: 'again' } },
      { upsert: true },
    );
    expect(await c.findOne({ tenant: 't1' })).toMatchObject({ hits: 2, createdBy: 'upsert' });
    const withId = await c.updateOne({ _id: 'given' }, { $set: { v: 1 } }, { upsert: true });
    expect(withId.upsertedId).toBe('given');
  });

  it('updates only the array elements picked by arrayFilters', async () => {
    const c = fresh();
    await c.insertOne({
      _id: 1,
      grades: [
        { g: 80, ok: false },
        { g: 95, ok: false },
        { g: 99, ok: false },
      ],
    });
    await c.updateOne(
      { _id: 1 },
      { $set: { 'grades.$[high].ok': true } },
      { arrayFilters: [{ 'high.g': { $gte: 90 } }] },
    );
    expect((await c.findOne({ _id: 1 }))!.grades.map((x: any) => x.ok)).toEqual([false, true, true]);
  });

  it('updates the first matching array element through the positional $', async () => {
    const c = fresh();
    await c.insertOne({
      _id: 1,
      items: [
        { sku: 'a', n: 1 },
        { sku: 'b', n: 1 },
      ],
    });
    await c.updateOne({ _id: 1, 'items.sku': 'b' }, { $inc: { 'items.$.n': 5 } });
    expect((await c.findOne({ _id: 1 }))!.items).toEqual([
      { sku: 'a', n: 1 },
      { sku: 'b', n: 6 },
    ]);
  });

  it('runs an aggregation pipeline as the update', async () => {
    const c = fresh();
    await c.insertOne({ _id: 1, a: 2, b: 3 });
    await c.updateOne({ _id: 1 }, [{ $set: { sum: { $add: ['$a', '$b'] } } }]);
    expect(await c.findOne({ _id: 1 })).toEqual({ _id: 1, a: 2, b: 3, sum: 5 });
  });

  it('keeps _id when a pipeline update replaces the root', async () => {
    const c = fresh();
    await c.insertOne({ _id: 1, t: { u: { v: 1 } } });
    await c.updateOne({ _id: 1 }, [{ $replaceRoot: { newRoot: '$t' } }, { $addFields: { foo: 1 } }]);
    expect(await c.findOne({ _id: 1 })).toEqual({ _id: 1, u: { v: 1 }, foo: 1 });
    await expect(c.updateOne({ _id: 1 }, [{ $replaceWith: { _id: 2 } }])).rejects.toMatchObject({ code: 66 });
  });

  it('rejects an unknown update operator', async () => {
    const c = fresh();
    await c.insertOne({ _id: 1 });
    await expect(c.updateOne({ _id: 1 }, { $frob: { a: 1 } } as any)).rejects.toBeInstanceOf(
      MongoServerError,
    );
  });
});

describe('delete', () => {
  it('deletes one or all matching documents', async () => {
    const c = fresh();
    await c.insertMany([{ g: 1 }, { g: 1 }, { g: 1 }, { g: 2 }]);
    expect((await c.deleteOne({ g: 1 })).deletedCount).toBe(1);
    expect((await c.deleteMany({ g: 1 })).deletedCount).toBe(2);
    expect(await c.find({}, { projection: { _id: 0 } }).toArray()).toEqual([{ g: 2 }]);
    expect((await c.deleteMany({})).deletedCount).toBe(1);
    expect((await server.db.collection('never-created').deleteMany({})).deletedCount).toBe(0);
  });
});

describe('findAndModify', () => {
  let c: Collection<any>;
  beforeEach(async () => {
    c = fresh();
    await c.insertMany([
      { _id: 1, q: 'job', pri: 2, state: 'new' },
      { _id: 2, q: 'job', pri: 9, state: 'new' },
      { _id: 3, q: 'job', pri: 5, state: 'new' },
    ]);
  });

  it('returns the document before the update by default and after it with new', async () => {
    const before = await c.findOneAndUpdate({ _id: 1 }, { $set: { state: 'a' } });
    expect(before).toMatchObject({ _id: 1, state: 'new' });
    const after = await c.findOneAndUpdate({ _id: 1 }, { $set: { state: 'b' } }, { returnDocument: 'after' });
    expect(after).toMatchObject({ _id: 1, state: 'b' });
  });

  it('takes the first document in sort order', async () => {
    const taken = await c.findOneAndUpdate(
      { state: 'new' },
      { $set: { state: 'taken' } },
      { sort: { pri: -1 }, returnDocument: 'after' },
    );
    expect(taken).toEqual({ _id: 2, q: 'job', pri: 9, state: 'taken' });
  });

  it('projects the returned document with fields', async () => {
    const doc = await c.findOneAndUpdate(
      { _id: 3 },
      { $inc: { pri: 1 } },
      { projection: { pri: 1, _id: 0 }, returnDocument: 'after' },
    );
    expect(doc).toEqual({ pri: 6 });
  });

  it('upserts when nothing matches', async () => {
    const raw = await server.db.command({
      findAndModify: c.collectionName,
      query: { _id: 99 },
      update: { $set: { state: 'u' } },
      upsert: true,
      new: true,
    });
    expect(raw.value).toEqual({ _id: 99, state: 'u' });
    expect(raw.lastErrorObject).toMatchObject({ n: 1, updatedExisting: false, upserted: 99 });
    const none = await c.findOneAndUpdate({ _id: 100 }, { $set: { a: 1 } });
    expect(none).toBeNull();
  });

  it('removes and returns the document with remove', async () => {
    const removed = await c.findOneAndDelete({ q: 'job' }, { sort: { pri: 1 } });
    expect(removed).toMatchObject({ _id: 1 });
    expect(await c.countDocuments()).toBe(2);
  });

  it('replaces with findOneAndReplace', async () => {
    const after = await c.findOneAndReplace({ _id: 3 }, { replaced: true }, { returnDocument: 'after' });
    expect(after).toEqual({ _id: 3, replaced: true });
  });
});

describe('duplicate key errors', () => {
  let c: Collection<any>;
  beforeEach(async () => {
    c = fresh();
    await c.createIndex({ email: 1 }, { unique: true });
    await c.insertMany([
      { _id: 1, email: 'a@x' },
      { _id: 2, email: 'b@x' },
    ]);
  });

  it('on insert: code 11000 with keyPattern and keyValue in writeErrors', async () => {
    const raw = await server.db.command({ insert: c.collectionName, documents: [{ email: 'a@x' }] });
    expect(raw.ok).toBe(1);
    expect(raw.writeErrors).toEqual([
      expect.objectContaining({
        index: 0,
        code: 11000,
        keyPattern: { email: 1 },
        keyValue: { email: 'a@x' },
      }),
    ]);
    expect(raw.writeErrors[0].errmsg).toMatch(
      /^E11000 duplicate key error collection: test\.\S+ index: email_1 dup key/,
    );
    const error = await c.insertOne({ email: 'a@x' }).catch((e) => e);
    expect(error).toBeInstanceOf(MongoServerError);
    expect(error).toMatchObject({ code: 11000, keyPattern: { email: 1 }, keyValue: { email: 'a@x' } });
  });

  it('on a duplicate _id: keyPattern {_id: 1}', async () => {
    const error = await c.insertOne({ _id: 1, email: 'new@x' }).catch((e) => e);
    expect(error).toMatchObject({ code: 11000, keyPattern: { _id: 1 }, keyValue: { _id: 1 } });
  });

  it('on update: in writeErrors, and the document is unchanged', async () => {
    const raw = await server.db.command({
      update: c.collectionName,
      updates: [{ q: { _id: 2 }, u: { $set: { email: 'a@x' } } }],
    });
    expect(raw).toMatchObject({ ok: 1, n: 0, nModified: 0 });
    expect(raw.writeErrors).toEqual([
      expect.objectContaining({
        index: 0,
        code: 11000,
        keyPattern: { email: 1 },
        keyValue: { email: 'a@x' },
      }),
    ]);
    const error = await c.updateOne({ _id: 2 }, { $set: { email: 'a@x' } }).catch((e) => e);
    expect(error).toMatchObject({ code: 11000, keyValue: { email: 'a@x' } });
    expect(await c.findOne({ _id: 2 })).toEqual({ _id: 2, email: 'b@x' });
  });

  it('on an upsert that would insert a duplicate', async () => {
    const error = await c.updateOne({ _id: 3 }, { $set: { email: 'b@x' } }, { upsert: true }).catch((e) => e);
    expect(error).toMatchObject({ code: 11000, keyValue: { email: 'b@x' } });
    expect(await c.countDocuments()).toBe(2);
  });

  it('on findAndModify: a command error (ok 0) with keyPattern and keyValue', async () => {
    const raw = await server.db
      .command({ findAndModify: c.collectionName, query: { _id: 2 }, update: { $set: { email: 'a@x' } } })
      .catch((e) => e);
    expect(raw).toBeInstanceOf(MongoServerError);
    expect(raw.errorResponse).toMatchObject({
      ok: 0,
      code: 11000,
      codeName: 'DuplicateKey',
      keyPattern: { email: 1 },
      keyValue: { email: 'a@x' },
    });
    const viaHelper = await c.findOneAndUpdate({ _id: 2 }, { $set: { email: 'a@x' } }).catch((e) => e);
    expect(viaHelper).toMatchObject({ code: 11000, keyValue: { email: 'a@x' } });
  });
});

describe('retryable writes', () => {
  it('applies a write retried with the same lsid and txnNumber only once', async () => {
    const c = fresh();
    const conn = await RawConnection.open(server.devdb.port);
    const lsid = { id: new Binary(randomBytes(16), 4) };
    const insert = {
      insert: c.collectionName,
      documents: [{ _id: 'once', n: 1 }],
      lsid,
      txnNumber: Long.fromNumber(1),
      $db: 'test',
    };
    expect((await conn.request(opMsg(1, insert))).doc).toEqual({ n: 1, ok: 1 });
    // the retry gets the first reply again, not a duplicate key error
    expect((await conn.request(opMsg(2, insert))).doc).toEqual({ n: 1, ok: 1 });
    const inc = {
      update: c.collectionName,
      updates: [{ q: { _id: 'once' }, u: { $inc: { n: 1 } } }],
      lsid,
      txnNumber: Long.fromNumber(2),
      $db: 'test',
    };
    await conn.request(opMsg(3, inc));
    await conn.request(opMsg(4, inc));
    conn.close();
    expect(await c.findOne({ _id: 'once' })).toEqual({ _id: 'once', n: 2 });
  });
});
