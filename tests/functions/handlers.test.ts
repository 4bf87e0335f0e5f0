/**
 * Each deployable handler, invoked as a cloud would invoke it: an API Gateway event (REST v1
 * and HTTP v2 payloads) through serverless-http, against a real devdb.
 */
import { MongoClient } from 'mongodb';
import { randomBytes } from 'node:crypto';
import { startDevDb } from '../../cloud/devdb/index';
import { loadConfig } from '../../cloud/platform/config/config';
import { closeDb } from '../../cloud/platform/db/client';
import { seedIfEmpty } from '../../cloud/dev/seed';

type Handler = (
  event: unknown,
  context: unknown,
) => Promise<{ statusCode: number; body: string; headers?: Record<string, unknown> }>;

let devdb: Awaited<ReturnType<typeof startDevDb>>;
let handlers: Record<string, Handler>;

beforeAll(async () => {
  devdb = await startDevDb({ port: 0 });
  Object.assign(process.env, {
    MONGODB_URI: devdb.uri,
    JWT_SECRET: randomBytes(32).toString('hex'),
    PII_KEY: randomBytes(32).toString('hex'),
    DEV_LOGIN: '1',
  });
  const client = await MongoClient.connect(devdb.uri);
  await seedIfEmpty(client.db('union'), loadConfig());
  await client.close();
  handlers = {
    health: (await import('../../cloud/functions/health/index')).handler as Handler,
    auth: (await import('../../cloud/functions/auth/index')).handler as Handler,
    members: (await import('../../cloud/functions/members/index')).handler as Handler,
    orgs: (await import('../../cloud/functions/orgs/index')).handler as Handler,
    notifications: (await import('../../cloud/functions/notifications/index')).handler as Handler,
  };
});

afterAll(async () => {
  await closeDb();
  await devdb.stop();
});

const lambdaContext = { functionName: 'test', awsRequestId: 'req-1', getRemainingTimeInMillis: () => 3000 };

function v1Event(method: string, path: string, opts: { body?: unknown; token?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
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
    body: opts.body === undefined ? null : JSON.stringify(opts.body),
    isBase64Encoded: false,
  };
}

function v2Event(method: string, path: string, opts: { body?: unknown; token?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers,
    requestContext: {
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'jest' },
      requestId: 'gw-2',
      stage: '$default',
    },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    isBase64Encoded: false,
  };
}

const parse = (r: { body: string }) => JSON.parse(r.body);

describe.each([
  ['API Gateway REST (v1)', v1Event],
  ['API Gateway HTTP (v2)', v2Event],
])('handlers invoked with %s events', (_name, event) => {
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

  it('orgs lists the tree and notifications the message centre for a logged-in member', async () => {
    const { token } = parse(
      await handlers.auth(
        event('POST', '/api/auth/dev-login', { body: { openid: 'demo-worker-3' } }),
        lambdaContext,
      ),
    );
    const orgs = await handlers.orgs(event('GET', '/api/orgs', { token }), lambdaContext);
    expect(orgs.statusCode).toBe(200);
    expect(parse(orgs).orgs.length).toBeGreaterThan(10);
    const msgs = await handlers.notifications(event('GET', '/api/notifications', { token }), lambdaContext);
    expect(parse(msgs)).toMatchObject({ unread: expect.any(Number), items: expect.any(Array) });
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
  });
});
