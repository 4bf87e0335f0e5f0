/** create, drop, listCollections, renameCollection, createIndexes, listIndexes, dropIndexes, dropDatabase. */
import { MongoServerError } from 'mongodb';
import { startServer, type Server } from './helpers';

let server: Server;

beforeAll(async () => {
  server = await startServer({}, {}, 'ddl');
});
afterAll(async () => {
  await server.stop();
});

const names = async () =>
  (await server.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();

it('creates a collection once and refuses a second create with NamespaceExists', async () => {
  await server.db.createCollection('made', { validator: {} });
  expect(await names()).toContain('made');
  const error = await server.db.command({ create: 'made' }).catch((e) => e);
  expect(error).toBeInstanceOf(MongoServerError);
  expect(error.code).toBe(48);
});

it('refuses to create a view (devdb has none) instead of making an empty collection of that name', async () => {
  await expect(server.db.createCollection('a_view', { viewOn: 'made', pipeline: [] })).rejects.toMatchObject({
    code: 115,
  });
  expect(await names()).not.toContain('a_view');
});

it('lists collections with their options, filtered by name', async () => {
  await server.db.createCollection('listed');
  const infos = await server.db.listCollections({ name: 'listed' }).toArray();
  expect(infos).toEqual([expect.objectContaining({ name: 'listed', type: 'collection', options: {} })]);
});

it('drops a collection with its documents, and reports a missing one as NamespaceNotFound', async () => {
  await server.db.collection('doomed').insertOne({ a: 1 });
  expect(await server.db.collection('doomed').drop()).toBe(true);
  expect(await names()).not.toContain('doomed');
  expect(await server.db.collection('doomed').countDocuments()).toBe(0);
  const error = await server.db.command({ drop: 'doomed' }).catch((e) => e);
  expect(error.code).toBe(26);
});

it('renames a collection with its documents and indexes', async () => {
  const from = server.db.collection('old_name');
  await from.insertMany([
    { _id: 1, k: 'a' },
    { _id: 2, k: 'b' },
  ]);
  await from.createIndex({ k: 1 }, { unique: true });
  await from.rename('new_name');
  const to = server.db.collection('new_name');
  expect(await names()).not.toContain('old_name');
  expect(await to.find().sort({ _id: 1 }).toArray()).toEqual([
    { _id: 1, k: 'a' },
    { _id: 2, k: 'b' },
  ]);
  expect((await to.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'k_1']);
  await expect(to.insertOne({ k: 'a' })).rejects.toMatchObject({ code: 11000 });
});

it('refuses to rename over an existing collection unless dropTarget', async () => {
  await server.db.collection('ra').insertOne({ _id: 'from-a' });
  await server.db.collection('rb').insertOne({ _id: 'from-b' });
  await expect(server.db.collection('ra').rename('rb')).rejects.toMatchObject({ code: 48 });
  await server.db.collection('ra').rename('rb', { dropTarget: true });
  expect(await server.db.collection('rb').find().toArray()).toEqual([{ _id: 'from-a' }]);
});

it('creates, lists and drops indexes by name, by key and all at once', async () => {
  const c = server.db.collection('indexed');
  await c.insertOne({ a: 1, b: 2, c: 3 });
  const created = await server.db.command({
    createIndexes: 'indexed',
    indexes: [
      { key: { a: 1 }, name: 'a_1' },
      { key: { b: -1, c: 1 }, name: 'bc', unique: true },
      { key: { c: 1 }, name: 'c_ttl', expireAfterSeconds: 60 },
    ],
  });
  expect(created).toMatchObject({ ok: 1, numIndexesBefore: 1, numIndexesAfter: 4 });
  const again = await server.db.command({
    createIndexes: 'indexed',
    indexes: [{ key: { a: 1 }, name: 'a_1' }],
  });
  expect(again.numIndexesAfter).toBe(4); // the same index twice is a no-op
  const listed = await c.listIndexes().toArray();
  expect(listed).toEqual([
    { v: 2, key: { _id: 1 }, name: '_id_' },
    { v: 2, key: { a: 1 }, name: 'a_1' },
    { v: 2, key: { b: -1, c: 1 }, name: 'bc', unique: true },
    { v: 2, key: { c: 1 }, name: 'c_ttl', expireAfterSeconds: 60 },
  ]);
  await c.dropIndex('a_1');
  await server.db.command({ dropIndexes: 'indexed', index: { b: -1, c: 1 } });
  expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'c_ttl']);
  await c.dropIndexes();
  expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
  await expect(c.dropIndex('nope')).rejects.toMatchObject({ code: 27 });
});

it('names an index from its key when no name is given', async () => {
  const name = await server.db.collection('autonamed').createIndex({ 'a.b': 1, c: -1 });
  expect(name).toBe('a.b_1_c_-1');
});

it('refuses a unique index over documents that already collide', async () => {
  const c = server.db.collection('collide');
  await c.insertMany([{ k: 1 }, { k: 1 }]);
  await expect(c.createIndex({ k: 1 }, { unique: true })).rejects.toMatchObject({ code: 11000 });
  expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
});

it('lists indexes of a missing collection as NamespaceNotFound', async () => {
  await expect(server.db.collection('ghost').listIndexes().toArray()).rejects.toMatchObject({ code: 26 });
});

it('drops a whole database', async () => {
  const other = server.client.db('to_drop');
  await other.collection('a').insertOne({});
  await other.collection('b').insertOne({});
  expect(await other.dropDatabase()).toBe(true);
  expect(await other.listCollections().toArray()).toEqual([]);
  const { databases } = await server.client.db('admin').command({ listDatabases: 1 });
  expect(databases.map((d: any) => d.name)).not.toContain('to_drop');
});
