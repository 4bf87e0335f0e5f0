/**
 * The TCP server: frames messages per connection (length-prefixed), answers the legacy
 * OP_QUERY handshake with OP_REPLY and everything else as OP_MSG, handles one connection's
 * messages in order, and never lets bad input take the process down: an oversized or
 * unparseable frame closes that connection; a malformed document gets an error reply.
 */
import net from 'node:net';
import { ObjectId, type Document } from 'bson';
import { Dispatcher, type DispatchOptions } from './commands/dispatch';
import { helloReply } from './commands/admin';
import type { ServerInfo } from './commands/context';
import { CursorStore } from './engine/cursors';
import type { StorageEngine } from './engine/engine';
import {
  encodeOpMsg,
  encodeOpReply,
  HEADER_SIZE,
  MAX_MESSAGE_BYTES,
  OP_MSG,
  OP_QUERY,
  parseOpMsg,
  parseOpQuery,
  readHeader,
} from './wire/messages';

export interface WireServer {
  server: net.Server;
  dispatcher: Dispatcher;
  info: ServerInfo;
  close(): Promise<void>;
}

export async function listen(
  engine: StorageEngine,
  opts: { host: string; port: number; setName: string } & DispatchOptions,
): Promise<WireServer> {
  const sockets = new Set<net.Socket>();
  const info: ServerInfo = {
    host: opts.host,
    port: opts.port,
    setName: opts.setName,
    startedAt: new Date(),
    electionId: new ObjectId('7fffffff0000000000000001'),
    connections: () => sockets.size,
  };
  const dispatcher = new Dispatcher(engine, new CursorStore(), info, opts);
  let nextConnectionId = 1;
  let nextRequestId = 1;

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    const conn = { id: nextConnectionId++, remote: `${socket.remoteAddress}:${socket.remotePort}` };
    let buffered: Buffer = Buffer.alloc(0);
    let chain: Promise<void> = Promise.resolve();

    const handle = async (message: Buffer) => {
      const header = readHeader(message);
      let reply: Buffer | null = null;
      if (header.opCode === OP_QUERY) {
        let doc: Document;
        try {
          const { collection, query } = parseOpQuery(message);
          const cmd = query.$query ?? query;
          const name = Object.keys(cmd)[0]?.toLowerCase();
          doc =
            collection.endsWith('.$cmd') && (name === 'ismaster' || name === 'hello')
              ? helloReply({ server: info, connectionId: conn.id } as never)
              : await dispatcher.run({ ...cmd, $db: collection.split('.')[0] }, conn);
        } catch (e) {
          doc = {
            ok: 0,
            errmsg: `invalid OP_QUERY: ${(e as Error).message}`,
            code: 22,
            codeName: 'InvalidBSON',
          };
        }
        reply = encodeOpReply(nextRequestId++, header.requestId, doc);
      } else if (header.opCode === OP_MSG) {
        let doc: Document;
        let moreToCome = false;
        try {
          const parsed = parseOpMsg(message);
          moreToCome = parsed.moreToCome;
          doc = await dispatcher.run(parsed.command, conn);
        } catch (e) {
          doc = {
            ok: 0,
            errmsg: `invalid message: ${(e as Error).message}`,
            code: 22,
            codeName: 'InvalidBSON',
          };
        }
        if (!moreToCome) reply = encodeOpMsg(nextRequestId++, header.requestId, doc);
      } else {
        socket.destroy(); // unknown or unsupported opcode (OP_COMPRESSED is never negotiated)
        return;
      }
      if (reply && !socket.destroyed) socket.write(reply);
    };

    socket.on('data', (chunk: Buffer) => {
      buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
      while (buffered.length >= 4) {
        const length = buffered.readInt32LE(0);
        if (length < HEADER_SIZE || length > MAX_MESSAGE_BYTES) {
          socket.destroy();
          return;
        }
        if (buffered.length < length) break;
        const message = buffered.subarray(0, length);
        buffered = buffered.subarray(length);
        chain = chain.then(() => handle(message)).catch(() => void socket.destroy());
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  info.port = (server.address() as net.AddressInfo).port;

  return {
    server,
    dispatcher,
    info,
    close: () =>
      new Promise<void>((resolve) => {
        dispatcher.abortAll();
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
