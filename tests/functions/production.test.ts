/**
 * NODE_ENV=production: a function instance refuses to start without MONGODB_URI, JWT_SECRET
 * and PII_KEY, and dev login stays off whatever else is set; `npm start` refuses the same way.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { startDevDb } from '../../cloud/devdb/index';

type Handler = (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string }>;

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

const secrets = () => ({
  JWT_SECRET: randomBytes(32).toString('hex'),
  PII_KEY: randomBytes(32).toString('hex'),
});

function v2(method: string, path: string, body?: unknown) {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    requestContext: { http: { method, path, sourceIp: '127.0.0.1' }, stage: '$default' },
    body: body === undefined ? undefined : JSON.stringify(body),
    isBase64Encoded: false,
  };
}

describe('in production', () => {
  it.each([
    ['MONGODB_URI', { ...secrets() }],
    ['JWT_SECRET', { MONGODB_URI: 'mongodb://db.example:27017/?replicaSet=rs0', PII_KEY: 'a'.repeat(64) }],
    ['PII_KEY', { MONGODB_URI: 'mongodb://db.example:27017/?replicaSet=rs0', JWT_SECRET: 'j'.repeat(40) }],
  ])('a function refuses to start without %s', async (missing, env) => {
    process.env = { PATH: saved.PATH, NODE_ENV: 'production', ...env };
    await jest.isolateModulesAsync(async () => {
      await expect(import('../../cloud/functions/members/index')).rejects.toThrow(missing);
    });
  });

  it('a function keeps dev login off even when DEV_LOGIN=1 is set', async () => {
    const devdb = await startDevDb({ port: 0 });
    process.env = {
      PATH: saved.PATH,
      NODE_ENV: 'production',
      MONGODB_URI: devdb.uri,
      DEV_LOGIN: '1',
      LOG_LEVEL: 'silent',
      ...secrets(),
    };
    try {
      await jest.isolateModulesAsync(async () => {
        const handler = (await import('../../cloud/functions/auth/index')).handler as unknown as Handler;
        const { closeDb } = await import('../../cloud/platform/db/client');
        try {
          const config = await handler(v2('GET', '/api/auth/config'), {});
          expect(JSON.parse(config.body)).toEqual({ devLogin: false });
          const login = await handler(v2('POST', '/api/auth/dev-login', { openid: 'demo-officer-city' }), {});
          expect(login.statusCode).toBe(403);
          expect(JSON.parse(login.body).error.code).toBe('DEV_LOGIN_DISABLED');
        } finally {
          await closeDb();
        }
      });
    } finally {
      await devdb.stop();
    }
  });

  it('npm start refuses to start without MONGODB_URI, JWT_SECRET and PII_KEY, and says which', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'cloud/dev/start.ts'], {
      env: { PATH: saved.PATH, NODE_ENV: 'production', DATA_DIR: '/nonexistent' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/MONGODB_URI, JWT_SECRET, PII_KEY/);
  });
});
