/**
 * Each deployable handler, invoked as a cloud would invoke it: an API Gateway event (REST v1
 * and HTTP v2 payloads) through serverless-http, against a real devdb. The handlers are the
 * `cloud/functions/<name>/index.ts` of every function in the registry.
 */
import { MongoClient } from 'mongodb';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDevDb } from '../../cloud/devdb/index';
import { loadConfig } from '../../cloud/platform/config/config';
import { closeDb } from '../../cloud/platform/db/client';
import { ensureIndexes } from '../../cloud/platform/db/indexes';
import { seedIfEmpty } from '../../cloud/dev/seed';
import { FUNCTIONS } from '../../cloud/functions/registry';
import { CURRENT_CONSENT_VERSION } from '../../src/contracts/members';
import { sampleJpeg } from '../support/sample-files';

interface GatewayAnswer {
  statusCode: number;
  body: string;
  isBase64Encoded?: boolean;
  headers?: Record<string, unknown>;
}
type Handler = (event: unknown, context: unknown) => Promise<GatewayAnswer>;

let devdb: Awaited<ReturnType<typeof startDevDb>>;
const handlers: Record<string, Handler> = {};

beforeAll(async () => {
  devdb = await startDevDb({ port: 0 });
  Object.assign(process.env, {
    MONGODB_URI: devdb.uri,
    JWT_SECRET: randomBytes(32).toString('hex'),
    PII_KEY: randomBytes(32).toString('hex'),
    DEV_LOGIN: '1',
    UPLOAD_DIR: path.join(tmpdir(), `fn-uploads-${process.pid}`),
  });
  const client = await MongoClient.connect(devdb.uri);
  await seedIfEmpty(client.db('union'), loadConfig());
  for (const { name } of FUNCTIONS) {
    const mod = (await import(`../../cloud/functions/${name}/index`)) as { handler: Handler };
    handlers[name] = mod.handler;
  }
  await ensureIndexes(client.db('union')); // as `npm run db:indexes` does before a deploy takes traffic
  await client.close();
});

afterAll(async () => {
  await closeDb();
  await devdb.stop();
});

const lambdaContext = { functionName: 'test', awsRequestId: 'req-1', getRemainingTimeInMillis: () => 3000 };

interface EventOptions {
  body?: unknown;
  /** raw bytes, sent base64-encoded as gateways send binary bodies */
  bytes?: Buffer;
  token?: string;
  headers?: Record<string, string>;
}

function headersFor(opts: EventOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': opts.bytes ? 'image/jpeg' : 'application/json',
    ...opts.headers,
  };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  return headers;
}

function bodyFor(opts: EventOptions): { body: string | undefined; isBase64Encoded: boolean } {
  if (opts.bytes) return { body: opts.bytes.toString('base64'), isBase64Encoded: true };
  return { body: opts.body === undefined ? undefined : JSON.stringify(opts.body), isBase64Encoded: false };
}

function v1Event(method: string, path: string, opts: EventOptions = {}) {
  const headers = headersFor(opts);
  const { body, isBase64Encoded } = bodyFor(opts);
  return {
    resource: '/api/{proxy+}',
    path,
    httpMethod: method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: { proxy: path.replace(/^\/api\//, '') },
    requestContext: {
      httpMethod: method,
      path,
      stage: 'prod',
      requestId: 'gw-1',
      identity: { sourceIp: '127.0.0.1' },
    },
    body: body ?? null,
    isBase64Encoded,
  };
}

function v2Event(method: string, path: string, opts: EventOptions = {}) {
  const { body, isBase64Encoded } = bodyFor(opts);
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: headersFor(opts),
    requestContext: {
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'jest' },
      requestId: 'gw-2',
      stage: '$default',
    },
    body,
    isBase64Encoded,
  };
}

const parse = (r: GatewayAnswer) => JSON.parse(r.body);
const header = (r: GatewayAnswer, name: string) => r.headers?.[name] as string | undefined;
// random bytes (in a comment segment) show the gateway's base64 carries any byte unchanged
const JPEG = sampleJpeg(randomBytes(3000));

describe('the deployable functions', () => {
  it.each(FUNCTIONS.map((f) => [f.name]))('%s is deployable: its index.ts exports a handler', (name) => {
    expect(existsSync(path.join('cloud/functions', name, 'index.ts'))).toBe(true);
    expect(typeof handlers[name]).toBe('function');
  });
});

describe.each([
  ['API Gateway REST (v1)', v1Event],
  ['API Gateway HTTP (v2)', v2Event],
])('handlers invoked with %s events', (_name, event) => {
  const login = async (openid: string) =>
    parse(await handlers.auth(event('POST', '/api/auth/dev-login', { body: { openid } }), lambdaContext))
      .token as string;

  it.each(FUNCTIONS.map((f) => [f.name]))(
    '%s strips its /api/<name> prefix and answers an unknown path with ROUTE_NOT_FOUND',
    async (name) => {
      const r = await handlers[name](event('GET', `/api/${name}/no/such/route`), lambdaContext);
      expect(r.statusCode).toBe(404);
      expect(parse(r).error.code).toBe('ROUTE_NOT_FOUND');
      expect(header(r, 'x-request-id')).toBeTruthy();
    },
  );

  it('health answers ok with the database up', async () => {
    const r = await handlers.health(event('GET', '/api/health'), lambdaContext);
    expect(r.statusCode).toBe(200);
    expect(parse(r)).toEqual({ ok: true, db: 'up' });
  });

  it('auth logs a demo worker in and members returns them masked', async () => {
    const login = await handlers.auth(
      event('POST', '/api/auth/dev-login', { body: { openid: 'demo-worker-2' } }),
      lambdaContext,
    );
    expect(login.statusCode).toBe(200);
    const { token } = parse(login);
    const me = await handlers.members(event('GET', '/api/members/me', { token }), lambdaContext);
    expect(me.statusCode).toBe(200);
    expect(parse(me)).toMatchObject({ name: '李秀英', orgId: 'c1d1t1b1' });
    expect(parse(me).idNumberMasked).toMatch(/^\d{3}\*+/);
  });

  it('members records consent once when the gateway delivers the same Idempotency-Key twice', async () => {
    const token = await login('fn-consent');
    const send = () =>
      handlers.members(
        event('POST', '/api/members/me/consent', {
          token,
          body: { version: CURRENT_CONSENT_VERSION },
          headers: { 'idempotency-key': 'gateway-retry-0001' },
        }),
        lambdaContext,
      );
    const first = await send();
    const again = await send();
    expect(first.statusCode).toBe(200);
    expect(again.statusCode).toBe(200);
    expect(header(again, 'idempotent-replayed')).toBe('true');
    expect(parse(again)).toEqual(parse(first));
  });

  it('orgs lists the tree and notifications the message centre for a logged-in member', async () => {
    const token = await login('demo-worker-3');
    const orgs = await handlers.orgs(event('GET', '/api/orgs', { token }), lambdaContext);
    expect(orgs.statusCode).toBe(200);
    expect(parse(orgs).orgs.length).toBeGreaterThan(10);
    const one = await handlers.orgs(event('GET', '/api/orgs/c1d1t1b1', { token }), lambdaContext);
    expect(parse(one)).toMatchObject({ id: 'c1d1t1b1', level: 'base' });
    const msgs = await handlers.notifications(event('GET', '/api/notifications', { token }), lambdaContext);
    expect(parse(msgs)).toMatchObject({ unread: expect.any(Number), items: expect.any(Array) });
  });

  it('files takes a base64 upload from the gateway and gives the same bytes back base64-encoded', async () => {
    const token = await login('demo-worker-1');
    const up = await handlers.files(event('POST', '/api/files', { token, bytes: JPEG }), lambdaContext);
    expect(up.statusCode).toBe(201);
    expect(parse(up)).toMatchObject({ contentType: 'image/jpeg', size: JPEG.length });
    const down = await handlers.files(event('GET', `/api/files/${parse(up).id}`, { token }), lambdaContext);
    expect(down.statusCode).toBe(200);
    expect(header(down, 'content-type')).toMatch(/^image\/jpeg/);
    expect(down.isBase64Encoded).toBe(true);
    expect(Buffer.from(down.body, 'base64').equals(JPEG)).toBe(true);
  });

  it('maps bad input to a coded error through the handler too', async () => {
    const r = await handlers.auth(
      event('POST', '/api/auth/dev-login', { body: { openid: 7 } }),
      lambdaContext,
    );
    expect(r.statusCode).toBe(400);
    expect(parse(r).error.code).toBe('VALIDATION_FAILED');
    const unauth = await handlers.members(event('GET', '/api/members/me'), lambdaContext);
    expect(unauth.statusCode).toBe(401);
    expect(parse(unauth).error.code).toBe('UNAUTHENTICATED');
    const worker = await login('demo-worker-4');
    const forbidden = await handlers.members(
      event('GET', '/api/members/officer/home', { token: worker }),
      lambdaContext,
    );
    expect(forbidden.statusCode).toBe(403);
    expect(parse(forbidden).error.code).toBe('FORBIDDEN');
  });
});
