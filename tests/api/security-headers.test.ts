/**
 * Security headers on the API and on the H5 app as the dev server serves it: no MIME sniffing,
 * no framing (clickjacking), no referrer leaking ids in URLs, a Content-Security-Policy (the
 * API's allows nothing at all; the app's only its own scripts), and HSTS in production only.
 * The app is a stand-in build (an index.html and a script) in test-output.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startStack, type Stack } from '../support/api-stack';

const H5 = path.resolve('test-output/security-headers-h5');
let stack: Stack;
beforeAll(async () => {
  mkdirSync(path.join(H5, 'js'), { recursive: true });
  writeFileSync(path.join(H5, 'index.html'), '<!doctype html><script defer src="/js/app.js"></script>');
  writeFileSync(path.join(H5, 'js/app.js'), 'console.log(1)');
  stack = await startStack({ h5Dir: H5 });
});
afterAll(() => stack.stop());

const directives = (csp: string | null) =>
  Object.fromEntries(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  );

function expectCommonHeaders(h: Headers) {
  expect(h.get('x-content-type-options')).toBe('nosniff');
  expect(h.get('x-frame-options')).toBe('DENY');
  expect(h.get('referrer-policy')).toBe('no-referrer');
  expect(directives(h.get('content-security-policy'))['frame-ancestors']).toEqual(["'none'"]);
  expect(h.get('strict-transport-security')).toBeNull(); // plain http here: HSTS only in production
}

describe('security headers', () => {
  it('are on every API answer: a success, a refusal, an unknown route and an unknown function', async () => {
    const token = await stack.login('demo-worker-1');
    const answers = [
      await stack.call('GET', '/api/health'),
      await stack.call('GET', '/api/members/me', { token }),
      await stack.call('GET', '/api/members/me'),
      await stack.call('POST', '/api/members/me/consent', {
        token,
        rawBody: '{bad',
        headers: { 'content-type': 'application/json' },
      }),
      await stack.call('GET', '/api/members/nothing/here'),
      await stack.call('GET', '/api/no-such-function'),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 401, 400, 404, 404]);
    for (const a of answers) {
      expectCommonHeaders(a.headers);
      expect(directives(a.headers.get('content-security-policy'))['default-src']).toEqual(["'none'"]);
    }
  });

  it("are on the H5 app's page and files, whose policy runs only the app's own scripts", async () => {
    for (const p of ['/', '/index.html', '/js/app.js']) {
      const res = await fetch(stack.url + p);
      expect(res.status).toBe(200);
      expectCommonHeaders(res.headers);
      const csp = directives(res.headers.get('content-security-policy'));
      expect(csp['default-src']).toEqual(["'self'"]);
      // its own files, and the one no-op `javascript:;` of Taro's tab bar by its hash
      expect(csp['script-src']).toEqual([
        "'self'",
        "'unsafe-hashes'",
        `'sha256-${createHash('sha256').update('javascript:;').digest('base64')}'`,
      ]);
      expect(csp['object-src']).toEqual(["'none'"]);
      expect(csp['connect-src']).toEqual(["'self'", 'blob:']); // the API, and a chosen photo being uploaded
      expect(csp['base-uri']).toEqual(["'self'"]);
    }
  });
});
