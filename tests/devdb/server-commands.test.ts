/** The handshake and server-information commands the driver, mongoose and mongosh send. */
import { MongoClient, MongoServerError } from 'mongodb';
import { startServer, type Server } from './helpers';

let server: Server;
let me: string;

beforeAll(async () => {
  server = await startServer();
  me = `127.0.0.1:${server.devdb.port}`;
});
afterAll(async () => {
  await server.stop();
});

const admin = () => server.client.db('admin');

it('presents itself to the driver as the primary of a one-member replica set', async () => {
  const hello = await admin().command({ hello: 1 });
  expect(hello).toMatchObject({
    ok: 1,
    isWritablePrimary: true,
    setName: 'rs0',
    hosts: [me],
    primary: me,
    me,
    logicalSessionTimeoutMinutes: 30,
  });
  expect(hello.maxWireVersion).toBeGreaterThanOrEqual(9);
  const description = (server.client as any).topology.description;
  expect(description.type).toBe('ReplicaSetWithPrimary');
  expect(description.setName).toBe('rs0');
});

it('answers isMaster with the same description', async () => {
  expect(await admin().command({ isMaster: 1 })).toMatchObject({
    ismaster: true,
    setName: 'rs0',
    primary: me,
  });
});

it('answers ping', async () => {
  expect(await admin().command({ ping: 1 })).toEqual({ ok: 1 });
});

it('reports a MongoDB version in buildInfo', async () => {
  const info = await admin().command({ buildInfo: 1 });
  expect(info.version).toMatch(/^\d+\.\d+\.\d+$/);
  expect(info.versionArray.slice(0, 3)).toEqual(info.version.split('.').map(Number));
});

it('reports the featureCompatibilityVersion through getParameter', async () => {
  const reply = await admin().command({ getParameter: 1, featureCompatibilityVersion: 1 });
  expect(reply.featureCompatibilityVersion.version).toMatch(/^\d+\.\d+$/);
});

it('reports its connections in serverStatus', async () => {
  const status = await admin().command({ serverStatus: 1 });
  expect(status.ok).toBe(1);
  expect(status.connections.current).toBeGreaterThanOrEqual(1);
  expect(typeof status.uptime).toBe('number');
  expect(status.localTime).toBeInstanceOf(Date);
});

it('reports no authenticated users in connectionStatus (devdb has no auth)', async () => {
  const reply = await admin().command({ connectionStatus: 1 });
  expect(reply.authInfo).toEqual({ authenticatedUsers: [], authenticatedUserRoles: [] });
});

it('describes the host in hostInfo', async () => {
  const reply = await admin().command({ hostInfo: 1 });
  expect(typeof reply.system.hostname).toBe('string');
  expect(reply.system.numCores).toBeGreaterThan(0);
});

it('lists log names and returns an empty global log through getLog', async () => {
  expect((await admin().command({ getLog: '*' })).names).toContain('global');
  expect(await admin().command({ getLog: 'global' })).toMatchObject({ log: [], ok: 1 });
});

it('tells the client its own address in whatsmyuri', async () => {
  expect((await admin().command({ whatsmyuri: 1 })).you).toMatch(/^127\.0\.0\.1:\d+$/);
});

it('lists the databases that hold collections', async () => {
  await server.client.db('listed_one').collection('c').insertOne({ a: 1 });
  const { databases } = await admin().command({ listDatabases: 1 });
  const one = databases.find((d: any) => d.name === 'listed_one');
  expect(one).toMatchObject({ name: 'listed_one', empty: false });
  const names = await admin().command({ listDatabases: 1, nameOnly: true });
  expect(names.databases).toContainEqual({ name: 'listed_one' });
});

it('accepts endSessions, also when a client closes with open sessions', async () => {
  const session = server.client.startSession();
  await server.db.collection('s').findOne({}, { session });
  expect(await admin().command({ endSessions: [session.id] })).toEqual({ ok: 1 });
  await session.endSession();
  const other = await MongoClient.connect(server.devdb.uri);
  await other.db('x').collection('y').findOne({});
  await other.close(); // sends endSessions with moreToCome
  expect(await admin().command({ ping: 1 })).toEqual({ ok: 1 });
});

it('lists the sessions it has seen through $listLocalSessions, until they end', async () => {
  const session = server.client.startSession();
  await server.db.collection('s').findOne({}, { session });
  const listed = async () =>
    (
      await admin()
        .aggregate([{ $listLocalSessions: {} }])
        .toArray()
    ).map((s) => s._id.id.toString('hex'));
  const id = session.id!.id.toString('hex');
  expect(await listed()).toContain(id);
  await admin().command({ endSessions: [session.id] });
  expect(await listed()).not.toContain(id);
  await session.endSession();
});

it('answers an unknown command with CommandNotFound (code 59)', async () => {
  const error = await admin()
    .command({ frobnicate: 1 })
    .catch((e) => e);
  expect(error).toBeInstanceOf(MongoServerError);
  expect(error.code).toBe(59);
  expect(error.codeName).toBe('CommandNotFound');
  expect(error.errorResponse.ok).toBe(0);
});
