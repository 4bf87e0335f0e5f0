/** The wire protocol as the driver and mongosh speak it: OP_QUERY handshake, OP_MSG, kind-1 sequences, moreToCome. */
import { OP_MSG, OP_REPLY, opMsg, opQuery, RawConnection, startServer, type Server } from './helpers';

let server: Server;
let conn: RawConnection;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(async () => {
  conn = await RawConnection.open(server.devdb.port);
});
afterEach(() => conn.close());

describe('the legacy OP_QUERY handshake', () => {
  it.each(['isMaster', 'ismaster', 'hello'])(
    'answers %s on admin.$cmd with an OP_REPLY describing a one-member replica set',
    async (name) => {
      const reply = await conn.request(
        opQuery(7, 'admin.$cmd', { [name]: 1, helloOk: true, client: { driver: { name: 'raw' } } }),
      );
      const me = `127.0.0.1:${server.devdb.port}`;
      expect(reply.opCode).toBe(OP_REPLY);
      expect(reply.responseTo).toBe(7);
      expect(reply.numberReturned).toBe(1);
      expect(reply.doc).toMatchObject({
        ok: 1,
        ismaster: true,
        isWritablePrimary: true,
        helloOk: true,
        setName: 'rs0',
        hosts: [me],
        primary: me,
        me,
        logicalSessionTimeoutMinutes: 30,
      });
      expect(reply.doc.maxWireVersion).toBeGreaterThanOrEqual(9); // driver 7 needs at least 9
    },
  );

  it('answers other commands sent as OP_QUERY with an OP_REPLY too', async () => {
    const reply = await conn.request(opQuery(8, 'admin.$cmd', { ping: 1 }));
    expect(reply.opCode).toBe(OP_REPLY);
    expect(reply.doc).toEqual({ ok: 1 });
  });
});

describe('OP_MSG', () => {
  it('answers a command body with an OP_MSG reply to the same request id', async () => {
    const reply = await conn.request(opMsg(41, { ping: 1, $db: 'admin' }));
    expect(reply.opCode).toBe(OP_MSG);
    expect(reply.responseTo).toBe(41);
    expect(reply.doc).toEqual({ ok: 1 });
  });

  it('merges kind-1 document sequences into the command before running it', async () => {
    const docs = [{ _id: 1 }, { _id: 2 }, { _id: 3 }];
    const reply = await conn.request(opMsg(42, { insert: 'seq', $db: 'wire' }, [['documents', docs]]));
    expect(reply.doc).toEqual({ n: 3, ok: 1 });
    const found = await server.client.db('wire').collection<any>('seq').find().sort({ _id: 1 }).toArray();
    expect(found).toEqual(docs);
  });

  it('runs updates and deletes sent as document sequences', async () => {
    await server.client
      .db('wire')
      .collection<any>('seq2')
      .insertMany([{ _id: 1 }, { _id: 2 }, { _id: 3 }]);
    const update = await conn.request(
      opMsg(43, { update: 'seq2', $db: 'wire' }, [
        [
          'updates',
          [
            { q: { _id: 1 }, u: { $set: { x: 1 } } },
            { q: { _id: 2 }, u: { $set: { x: 2 } } },
          ],
        ],
      ]),
    );
    expect(update.doc).toMatchObject({ n: 2, nModified: 2, ok: 1 });
    const del = await conn.request(
      opMsg(44, { delete: 'seq2', $db: 'wire' }, [['deletes', [{ q: { _id: 3 }, limit: 1 }]]]),
    );
    expect(del.doc).toMatchObject({ n: 1, ok: 1 });
    expect(await server.client.db('wire').collection<any>('seq2').find().toArray()).toEqual([
      { _id: 1, x: 1 },
      { _id: 2, x: 2 },
    ]);
  });

  it('sends no reply to a message flagged moreToCome, and still runs it', async () => {
    conn.send(opMsg(50, { insert: 'quiet', documents: [{ _id: 'q' }], $db: 'wire' }, [], 1 << 1));
    const reply = await conn.request(opMsg(51, { find: 'quiet', filter: {}, $db: 'wire' }));
    expect(reply.responseTo).toBe(51); // the first message got no answer of its own
    expect(reply.doc.cursor.firstBatch).toEqual([{ _id: 'q' }]);
  });

  it('ignores a trailing CRC-32C checksum when the checksumPresent flag is set', async () => {
    const plain = opMsg(60, { ping: 1, $db: 'admin' }, [], 1);
    const withSum = Buffer.concat([plain, Buffer.alloc(4)]);
    withSum.writeInt32LE(withSum.length, 0);
    const reply = await conn.request(withSum);
    expect(reply.doc).toEqual({ ok: 1 });
  });
});
