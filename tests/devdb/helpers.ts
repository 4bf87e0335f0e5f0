/**
 * Shared by the devdb tests: a devdb on a free port with a connected official driver, devdb as a
 * child process (for kill -9), raw wire messages for the protocol tests, and a few small waits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { deserialize, serialize, type Document } from 'bson';
import { MongoClient, type Collection, type Db, type MongoClientOptions } from 'mongodb';
import { startDevDb, type DevDb, type DevDbOptions } from '../../cloud/devdb/index';

/** A Db whose collections take any document shape (tests use numbers and strings as _id). */
export type LooseDb = Omit<Db, 'collection'> & {
  collection<T = any>(name: string): Collection<T extends object ? T : any>;
};

export interface Server {
  devdb: DevDb;
  client: MongoClient;
  db: LooseDb;
  stop(): Promise<void>;
}

/** devdb on port 0 (in memory unless `dbpath`) and a driver connected to it. */
export async function startServer(
  opts: DevDbOptions = {},
  clientOptions: MongoClientOptions = {},
  dbName = 'test',
): Promise<Server> {
  const devdb = await startDevDb({ port: 0, ...opts });
  const client = await MongoClient.connect(devdb.uri, clientOptions);
  return {
    devdb,
    client,
    db: client.db(dbName),
    async stop() {
      await client.close();
      await devdb.stop();
    },
  };
}

export function tempDir(prefix = 'devdb-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export interface ChildDevDb {
  uri: string;
  proc: ChildProcess;
  /** SIGKILL: no shutdown code runs, as in a power cut of the process */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '../..');

/**
 * `cloud/devdb/cli.ts --port 0 --dbpath <dir>` as a child process; resolves at its `ready` line.
 * Runs node with tsx's loader directly, not the `tsx` binary: that one forks the real server as a
 * grandchild, which a SIGKILL to the binary would leave running.
 */
export async function startChild(dbpath: string): Promise<ChildDevDb> {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', 'cloud/devdb/cli.ts', '--port', '0', '--dbpath', dbpath],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const uri = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`devdb did not start: ${out}${err}`)), 30_000);
    proc.stdout!.on('data', (chunk) => {
      out += String(chunk);
      const m = /ready (mongodb:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.stderr!.on('data', (chunk) => (err += String(chunk)));
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`devdb exited with ${code}: ${out}${err}`));
    });
  });
  return {
    uri,
    proc,
    async kill9() {
      proc.kill('SIGKILL');
      await exited;
    },
    async stop() {
      proc.kill('SIGTERM');
      await exited;
    },
  };
}

/** Polls until `check` returns true (fails the test after `timeoutMs`). */
export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Collects every stage name of an explain plan tree (stage, inputStage, inputStages). */
export function stagesOf(plan: Document | undefined): string[] {
  if (!plan) return [];
  return [
    plan.stage,
    ...stagesOf(plan.inputStage),
    ...((plan.inputStages as Document[] | undefined) ?? []).flatMap(stagesOf),
  ];
}

// ---- raw wire protocol ------------------------------------------------------------------------

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_MSG = 2013;

export function header(length: number, requestId: number, opCode: number): Buffer {
  const h = Buffer.alloc(16);
  h.writeInt32LE(length, 0);
  h.writeInt32LE(requestId, 4);
  h.writeInt32LE(0, 8);
  h.writeInt32LE(opCode, 12);
  return h;
}

export function opQuery(requestId: number, collection: string, query: Document): Buffer {
  const body = Buffer.concat([
    Buffer.alloc(4), // flags
    Buffer.from(`${collection}\0`, 'utf8'),
    Buffer.from([0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]), // numberToSkip 0, numberToReturn -1
    serialize(query),
  ]);
  return Buffer.concat([header(16 + body.length, requestId, OP_QUERY), body]);
}

/** An OP_MSG with a kind-0 body and optional kind-1 document sequences. */
export function opMsg(
  requestId: number,
  body: Document,
  sequences: [string, Document[]][] = [],
  flags = 0,
): Buffer {
  const parts: Buffer[] = [];
  const flagBits = Buffer.alloc(4);
  flagBits.writeUInt32LE(flags, 0);
  parts.push(flagBits, Buffer.from([0]), Buffer.from(serialize(body)));
  for (const [id, docs] of sequences) {
    const payload = Buffer.concat([Buffer.from(`${id}\0`, 'utf8'), ...docs.map((d) => serialize(d))]);
    const size = Buffer.alloc(4);
    size.writeInt32LE(4 + payload.length, 0);
    parts.push(Buffer.from([1]), size, payload);
  }
  const rest = Buffer.concat(parts);
  return Buffer.concat([header(16 + rest.length, requestId, OP_MSG), rest]);
}

export interface Reply {
  requestId: number;
  responseTo: number;
  opCode: number;
  doc: Document;
  /** OP_REPLY only */
  numberReturned?: number;
}

export function parseReply(buf: Buffer): Reply {
  const opCode = buf.readInt32LE(12);
  const base = { requestId: buf.readInt32LE(4), responseTo: buf.readInt32LE(8), opCode };
  if (opCode === OP_REPLY) {
    return { ...base, numberReturned: buf.readInt32LE(32), doc: deserialize(buf.subarray(36)) };
  }
  if (opCode !== OP_MSG) throw new Error(`unexpected opCode ${opCode}`);
  if (buf[20] !== 0) throw new Error('reply without a kind-0 body first');
  return { ...base, doc: deserialize(buf.subarray(21)) };
}

/** A raw TCP connection that splits the stream into length-prefixed messages. */
export class RawConnection {
  private buffered = Buffer.alloc(0);
  private readonly queue: Buffer[] = [];
  private waiters: ((m: Buffer | null) => void)[] = [];
  closed = false;
  readonly whenClosed: Promise<void>;

  private constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      while (this.buffered.length >= 4 && this.buffered.length >= this.buffered.readInt32LE(0)) {
        const len = this.buffered.readInt32LE(0);
        const msg = this.buffered.subarray(0, len);
        this.buffered = this.buffered.subarray(len);
        const w = this.waiters.shift();
        if (w) w(msg);
        else this.queue.push(msg);
      }
    });
    socket.on('error', () => undefined);
    this.whenClosed = new Promise((resolve) =>
      socket.on('close', () => {
        this.closed = true;
        for (const w of this.waiters.splice(0)) w(null);
        resolve();
      }),
    );
  }

  static open(port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  send(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** The next whole message, or null once the server closed the connection. */
  next(timeoutMs = 5000): Promise<Buffer | null> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no reply in time')), timeoutMs);
      this.waiters.push((m) => {
        clearTimeout(timer);
        resolve(m);
      });
    });
  }

  async request(bytes: Buffer): Promise<Reply> {
    this.send(bytes);
    const m = await this.next();
    if (!m) throw new Error('connection closed instead of a reply');
    return parseReply(m);
  }

  close(): void {
    this.socket.destroy();
  }
}
