/**
 * A local stand-in for WeChat's API servers, speaking the real code2Session protocol so the
 * real client code runs in tests and in `npm start` (no WeChat account needed). Codes are
 * one-time, as in WeChat: `issueCode(openid)` mints one; any code starting `dev-` maps to an
 * openid derived from it (for WeChat DevTools against the local server). Unknown or reused
 * codes get errcode 40029 / 40163; a wrong appid/secret gets 40125 (invalid appsecret).
 */
import { createServer, type Server } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface FakeWechat {
  baseUrl: string;
  issueCode(openid: string, unionid?: string): string;
  /** calls received, for tests */
  calls: { path: string; query: Record<string, string> }[];
  stop(): Promise<void>;
}

export async function startFakeWechat(opts: {
  appId: string;
  secret: string;
  port?: number;
}): Promise<FakeWechat> {
  const codes = new Map<string, { openid: string; unionid?: string }>();
  const used = new Set<string>();
  const calls: FakeWechat['calls'] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const query = Object.fromEntries(url.searchParams);
    calls.push({ path: url.pathname, query });
    const reply = (body: object) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname !== '/sns/jscode2session') return reply({ errcode: 40066, errmsg: 'invalid url' });
    if (query.appid !== opts.appId) return reply({ errcode: 40013, errmsg: 'invalid appid' });
    if (query.secret !== opts.secret) return reply({ errcode: 40125, errmsg: 'invalid appsecret' });
    if (query.grant_type !== 'authorization_code')
      return reply({ errcode: 40002, errmsg: 'invalid grant_type' });
    const code = query.js_code ?? '';
    if (used.has(code)) return reply({ errcode: 40163, errmsg: 'code been used' });
    let identity = codes.get(code);
    if (!identity && code.startsWith('dev-')) {
      identity = { openid: 'o' + createHash('sha256').update(code).digest('base64url').slice(0, 27) };
    }
    if (!identity) return reply({ errcode: 40029, errmsg: 'invalid code' });
    used.add(code);
    codes.delete(code);
    reply({ session_key: randomBytes(16).toString('base64'), ...identity });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    calls,
    issueCode(openid, unionid) {
      const code = randomBytes(16).toString('hex');
      codes.set(code, { openid, unionid });
      return code;
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
