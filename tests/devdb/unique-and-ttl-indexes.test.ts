/** Unique indexes (single, compound, nested, sparse, partial) and TTL indexes swept in the background. */
import type { Collection } from 'mongodb';
import { startServer, waitFor, type Server } from './helpers';

let server: Server;
let seq = 0;
const fresh = (): Collection<any> => server.db.collection(`u${++seq}`);

beforeAll(async () => {
  server = await startServer({ ttlIntervalMs: 50 });
});
afterAll(async () => {
  await server.stop();
});

describe('unique indexes', () => {
  it('on a compound key refuse only the same combination', async () => {
    const c = fresh();
    await c.createIndex({ org: 1, code: 1 }, { unique: true });
    await c.insertMany([
      { org: 'a', code: 1 },
      { org: 'a', code: 2 },
      { org: 'b', code: 1 },
    ]);
    const error = await c.insertOne({ org: 'a', code: 2 }).catch((e) => e);
    expect(error).toMatchObject({
      code: 11000,
      keyPattern: { org: 1, code: 1 },
      keyValue: { org: 'a', code: 2 },
    });
  });

  it('on a nested field compare the nested value', async () => {
    const c = fresh();
    await c.createIndex({ 'id.number': 1 }, { unique: true });
    await c.insertOne({ id: { number: '110', kind: 'x' } });
    await c.insertOne({ id: { number: '111', kind: 'x' } });
    const error = await c.insertOne({ id: { number: '110', kind: 'y' } }).catch((e) => e);
    expect(error).toMatchObject({
      code: 11000,
      keyPattern: { 'id.number': 1 },
      keyValue: { 'id.number': '110' },
    });
  });

  it('treat a missing field as null, so two documents without it collide', async () => {
    const c = fresh();
    await c.createIndex({ phone: 1 }, { unique: true });
    await c.insertOne({ name: 'first' });
    await expect(c.insertOne({ name: 'second' })).rejects.toMatchObject({
      code: 11000,
      keyValue: { phone: null },
    });
  });

  it('when sparse, ignore documents without the field', async () => {
    const c = fresh();
    await c.createIndex({ phone: 1 }, { unique: true, sparse: true });
    await c.insertMany([{ name: 'a' }, { name: 'b' }, { phone: '1' }]);
    await expect(c.insertOne({ phone: '1' })).rejects.toMatchObject({ code: 11000 });
    expect(await c.countDocuments()).toBe(3);
  });

  it('with a partialFilterExpression, constrain only the documents it selects', async () => {
    const c = fresh();
    await c.createIndex({ household: 1 }, { unique: true, partialFilterExpression: { open: true } });
    await c.insertMany([
      { household: 'h1', open: false },
      { household: 'h1', open: false },
      { household: 'h1', open: true },
    ]);
    await expect(c.insertOne({ household: 'h1', open: true })).rejects.toMatchObject({
      code: 11000,
      keyValue: { household: 'h1' },
    });
    // closing the open one frees the key
    await c.updateOne({ open: true }, { $set: { open: false } });
    await c.insertOne({ household: 'h1', open: true });
    expect(await c.countDocuments({ household: 'h1' })).toBe(4);
  });

  it('consider every element of an array as a key', async () => {
    const c = fresh();
    await c.createIndex({ emails: 1 }, { unique: true });
    await c.insertOne({ emails: ['a@x', 'b@x'] });
    await expect(c.insertOne({ emails: ['c@x', 'b@x'] })).rejects.toMatchObject({
      code: 11000,
      keyValue: { emails: 'b@x' },
    });
    await c.insertOne({ emails: ['c@x'] });
  });

  it('treat 1, 1.0 and Long 1 as the same key', async () => {
    const c = fresh();
    await c.createIndex({ n: 1 }, { unique: true });
    await c.insertOne({ n: 1 });
    await expect(
      server.db.command({ insert: c.collectionName, documents: [{ n: 1.0 }] }),
    ).resolves.toMatchObject({
      writeErrors: [expect.objectContaining({ code: 11000 })],
    });
  });

  it('let a document keep its own key when it is updated', async () => {
    const c = fresh();
    await c.createIndex({ k: 1 }, { unique: true });
    await c.insertOne({ _id: 1, k: 'same', v: 1 });
    await c.updateOne({ _id: 1 }, { $set: { v: 2 } });
    await c.replaceOne({ _id: 1 }, { k: 'same', v: 3 });
    expect(await c.findOne({ _id: 1 })).toEqual({ _id: 1, k: 'same', v: 3 });
  });

  it('free a key when its document is deleted', async () => {
    const c = fresh();
    await c.createIndex({ k: 1 }, { unique: true });
    await c.insertOne({ k: 'x' });
    await c.deleteOne({ k: 'x' });
    await c.insertOne({ k: 'x' });
    expect(await c.countDocuments({ k: 'x' })).toBe(1);
  });
});

describe('TTL indexes', () => {
  it('delete documents whose date is older than expireAfterSeconds, in the background', async () => {
    const c = fresh();
    await c.createIndex({ at: 1 }, { expireAfterSeconds: 60 });
    const now = Date.now();
    await c.insertMany([
      { _id: 'old', at: new Date(now - 61_000) },
      { _id: 'old-in-array', at: [new Date(now + 3_600_000), new Date(now - 120_000)] },
      { _id: 'fresh', at: new Date(now) },
      { _id: 'no-date', at: 'yesterday' },
      { _id: 'no-field' },
    ]);
    await waitFor(async () => (await c.countDocuments()) === 3);
    expect((await c.find().sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual([
      'fresh',
      'no-date',
      'no-field',
    ]);
  });

  it('with expireAfterSeconds 0 delete documents at their own date', async () => {
    const c = fresh();
    await c.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
    await c.insertMany([
      { _id: 'due', expiresAt: new Date(Date.now() - 1) },
      { _id: 'later', expiresAt: new Date(Date.now() + 3_600_000) },
    ]);
    await waitFor(async () => (await c.countDocuments()) === 1);
    expect(await c.findOne({})).toMatchObject({ _id: 'later' });
  });
});
