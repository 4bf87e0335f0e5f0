/** Bad input on one connection gets an error reply or a closed connection; the server and other clients carry on. */
import { header, OP_MSG, opMsg, RawConnection, startServer, type Server } from './helpers';

let server: Server;

beforeAll(async () => {
  server = await startServer();
  await server.db.collection('things').insertOne({ _id: 'still-here' });
});
afterAll(async () => {
  await server.stop();
});

/** The driver's connection pool and a brand-new raw connection both still get answers. */
async function othersStillServed(): Promise<void> {
  expect(await server.db.collection('things').findOne({})).toEqual({ _id: 'still-here' });
  const fresh = await RawConnection.open(server.devdb.port);
  try {
    expect((await fresh.request(opMsg(1, { ping: 1, $db: 'admin' }))).doc).toEqual({ ok: 1 });
  } finally {
    fresh.close();
  }
}

it('closes a connection that announces an oversized message', async () => {
  const conn = await RawConnection.open(server.devdb.port);
  conn.send(header(100 * 1024 * 1024, 1, OP_MSG));
  expect(await conn.next()).toBeNull();
  await othersStillServed();
});

it('closes a connection whose message length is shorter than a header', async () => {
  const conn = await RawConnection.open(server.devdb.port);
  const bytes = Buffer.alloc(8);
  bytes.writeInt32LE(8, 0);
  conn.send(bytes);
  expect(await conn.next()).toBeNull();
  await othersStillServed();
});

it('answers malformed BSON in an OP_MSG body with an error reply', async () => {
  const conn = await RawConnection.open(server.devdb.port);
  const body = Buffer.from([0x0c, 0, 0, 0, 0x02, 0x61, 0, 0xff, 0xff, 0xff, 0x7f, 0]); // string of absurd length
  const rest = Buffer.concat([Buffer.alloc(4), Buffer.from([0]), body]);
  const reply = await conn.request(Buffer.concat([header(16 + rest.length, 9, OP_MSG), rest]));
  expect(reply.responseTo).toBe(9);
  expect(reply.doc.ok).toBe(0);
  expect(reply.doc.code).toBe(22);
  // the same connection keeps working after an error reply
  expect((await conn.request(opMsg(10, { ping: 1, $db: 'admin' }))).doc).toEqual({ ok: 1 });
  conn.close();
  await othersStillServed();
});

it('answers a document whose size runs past the message with an error reply', async () => {
  const conn = await RawConnection.open(server.devdb.port);
  const body = Buffer.alloc(12);
  body.writeInt32LE(4000, 0);
  const rest = Buffer.concat([Buffer.alloc(4), Buffer.from([0]), body]);
  const reply = await conn.request(Buffer.concat([header(16 + rest.length, 11, OP_MSG), rest]));
  expect(reply.doc).toMatchObject({ ok: 0, code: 22 });
  conn.close();
  await othersStillServed();
});

it('answers an OP_MSG with an unknown section kind with an error reply', async () => {
  const conn = await RawConnection.open(server.devdb.port);
  const rest = Buffer.concat([Buffer.alloc(4), Buffer.from([7, 1, 2, 3])]);
  const reply = await conn.request(Buffer.concat([header(16 + rest.length, 12, OP_MSG), rest]));
  expect(reply.doc).toMatchObject({ ok: 0, code: 22 });
  conn.close();
  await othersStillServed();
});

it('closes a connection that sends an unknown opcode', async () => {
  const conn = await RawConnection.open(server.devdb.port);
  const payload = Buffer.alloc(8);
  conn.send(Buffer.concat([header(16 + payload.length, 13, 9999), payload]));
  expect(await conn.next()).toBeNull();
  await othersStillServed();
});

it('survives random garbage on many connections at once', async () => {
  const conns = await Promise.all(Array.from({ length: 10 }, () => RawConnection.open(server.devdb.port)));
  conns.forEach((c, i) => {
    const junk = Buffer.alloc(200, i * 37 + 1);
    junk.writeInt32LE(200, 0);
    c.send(junk);
  });
  await Promise.all(conns.map((c) => c.next().catch(() => null)));
  conns.forEach((c) => c.close());
  await othersStillServed();
});
