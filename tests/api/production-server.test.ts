/**
 * The local server started with NODE_ENV=production (e.g. `npm start` on a box with a real
 * MongoDB): no WeChat stand-in (its `dev-` codes would let anyone in), no demo data, and dev
 * login off although the server asks for it. A stack of its own.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startDevDb } from '../../cloud/devdb/index';
import { startStack, type Stack } from '../support/api-stack';

const H5 = path.resolve('test-output/production-server-h5');
let devdb: Awaited<ReturnType<typeof startDevDb>>;
let stack: Stack;
beforeAll(async () => {
  mkdirSync(H5, { recursive: true });
  writeFileSync(path.join(H5, 'index.html'), '<!doctype html><title>工会服务</title>');
  devdb = await startDevDb({ port: 0 });
  stack = await startStack({
    h5Dir: H5,
    devLogin: true,
    env: {
      NODE_ENV: 'production',
      MONGODB_URI: devdb.uri,
      JWT_SECRET: randomBytes(32).toString('hex'),
      PII_KEY: randomBytes(32).toString('hex'),
      DEV_LOGIN: '1',
      LOG_LEVEL: 'silent',
    },
  });
});
afterAll(async () => {
  await stack.stop();
  await devdb.stop();
});

describe('the local server in production', () => {
  it('refuses dev login and says so to the login page', async () => {
    const r = await stack.call('POST', '/api/auth/dev-login', { body: { openid: 'demo-officer-city' } });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('DEV_LOGIN_DISABLED');
    expect((await stack.call('GET', '/api/auth/config')).body).toEqual({ devLogin: false });
  });

  it('talks to the real WeChat API, not the local stand-in', () => {
    expect(stack.server.wechat).toBeNull();
    expect(stack.server.config.wechat.apiBase).toBe('https://api.weixin.qq.com');
  });

  it('leaves the database without demo data', async () => {
    expect(await stack.db.collection('orgs').countDocuments()).toBe(0);
    expect(await stack.db.collection('members').countDocuments()).toBe(0);
  });

  it('tells browsers to use HTTPS only (HSTS), on the API and on the app', async () => {
    const api = await stack.call('GET', '/api/health');
    const app = await fetch(stack.url + '/');
    const unknown = await stack.call('GET', '/api/nothing-here');
    for (const h of [api.headers, app.headers, unknown.headers]) {
      expect(h.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    }
  });
});
