/**
 * Test support: the real dev server on an in-memory devdb, and a small HTTP client for it.
 * Every api test file starts its own stack, so files run in parallel without sharing state.
 */
import path from 'node:path';
import { MongoClient, type Db } from 'mongodb';
import { startDevServer, type DevServer, type DevServerOptions } from '../../cloud/dev/server';

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface Stack {
  server: DevServer;
  url: string;
  db: Db;
  call<T = any>(method: string, path: string, opts?: CallOptions): Promise<ApiResponse<T>>;
  login(openid: string): Promise<string>;
  stop(): Promise<void>;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** sent as is (malformed JSON, file bytes) */
  rawBody?: string | Uint8Array<ArrayBuffer>;
  headers?: Record<string, string>;
}

let stacks = 0;

export async function startStack(opts: DevServerOptions = {}): Promise<Stack> {
  // uploads go under test-output (tests write nowhere else), one directory per stack
  const uploadDir = path.resolve('test-output/api-uploads', `${process.pid}-${++stacks}`);
  const server = await startDevServer({
    port: 0,
    h5Dir: '/nonexistent',
    ...opts,
    env: { UPLOAD_DIR: uploadDir, ...opts.env },
  });
  const client = new MongoClient(server.mongoUri);
  await client.connect();
  const db = client.db(server.config.dbName);
  const call = async <T>(method: string, path: string, o: CallOptions = {}): Promise<ApiResponse<T>> => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | Uint8Array<ArrayBuffer> | undefined = o.rawBody;
    if (o.body !== undefined) body = JSON.stringify(o.body);
    if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const res = await fetch(server.url + path, { method, headers, body });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
  };
  return {
    server,
    url: server.url,
    db,
    call,
    async login(openid: string) {
      const r = await call<{ token: string }>('POST', '/api/auth/dev-login', { body: { openid } });
      if (r.status !== 200) throw new Error(`login ${openid} failed: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.token;
    },
    async stop() {
      await client.close();
      await server.stop();
    },
  };
}

/** Counts documents in the collections a rejected request must not touch. */
export async function writeCounts(db: Db): Promise<Record<string, number>> {
  const names = ['members', 'auditLog', 'notifications', 'idempotencyKeys'];
  const counts = await Promise.all(names.map((n) => db.collection(n).countDocuments()));
  return Object.fromEntries(names.map((n, i) => [n, counts[i]]));
}
