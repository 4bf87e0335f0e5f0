/**
 * A local stand-in for WeChat's API servers, speaking the real protocols so the real client
 * code runs in tests and in `npm start` (no WeChat account needed):
 *  - GET /sns/jscode2session: codes are one-time, as in WeChat: `issueCode(openid)` mints one;
 *    any code starting `dev-` maps to an openid derived from it (scripts and tests). With
 *    `devtoolsOpenid` set (`npm start` sets it), a code shaped like wx.login's (letters and
 *    digits) that was not minted here logs in as that one local user: WeChat DevTools' own
 *    codes mean nothing to this server. Unknown / reused codes: errcode 40029 / 40163; wrong appid 40013, wrong
 *    secret 40125. Like WeChat, every answer is HTTP 200 (errors are in the body), code2Session's
 *    comes as `text/plain` holding JSON, and errmsg ends with a request id (`, rid: …`).
 *    `failNextLogin(errcode)` makes the next call answer that error (-1 busy, 45011 rate limit).
 *  - GET /cgi-bin/token (client_credential) → { access_token, expires_in: 7200 }.
 *  - POST /cgi-bin/message/subscribe/send?access_token= → errcode 0, or 40001 for a bad token,
 *    43101 when the user has not granted that template (the fake is told grants with `grant`).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface SentSubscriptionMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
}

export interface FakeWechat {
  baseUrl: string;
  issueCode(openid: string, unionid?: string): string;
  /** the user tapped 允许 for this template once (as wx.requestSubscribeMessage records it at WeChat) */
  grant(openid: string, templateId: string): void;
  /** subscription messages delivered, for tests */
  sent: SentSubscriptionMessage[];
  /** the next jscode2session call answers this error instead (WeChat busy, rate limit…) */
  failNextLogin(errcode: number, errmsg: string): void;
  /** every session_key handed out, so tests can prove none leaves the server */
  sessionKeys: string[];
  /** calls received, for tests */
  calls: { path: string; query: Record<string, string> }[];
  stop(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

export async function startFakeWechat(opts: {
  appId: string;
  secret: string;
  port?: number;
  /** the openid WeChat DevTools' wx.login codes stand for (absent: such codes are invalid) */
  devtoolsOpenid?: string;
}): Promise<FakeWechat> {
  const codes = new Map<string, { openid: string; unionid?: string }>();
  const used = new Set<string>();
  const tokens = new Set<string>();
  const grants = new Map<string, number>();
  const calls: FakeWechat['calls'] = [];
  const sent: SentSubscriptionMessage[] = [];
  const sessionKeys: string[] = [];
  let nextLoginError: { errcode: number; errmsg: string } | null = null;
  const rid = () => `, rid: ${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`;

  const code2Session = (query: Record<string, string>) => {
    if (nextLoginError) {
      const e = nextLoginError;
      nextLoginError = null;
      return { errcode: e.errcode, errmsg: e.errmsg + rid() };
    }
    if (query.appid !== opts.appId) return { errcode: 40013, errmsg: 'invalid appid' };
    if (query.secret !== opts.secret) return { errcode: 40125, errmsg: 'invalid appsecret' };
    if (query.grant_type !== 'authorization_code') return { errcode: 40002, errmsg: 'invalid grant_type' };
    const code = query.js_code ?? '';
    if (used.has(code)) return { errcode: 40163, errmsg: 'code been used' + rid() };
    let identity = codes.get(code);
    if (!identity && code.startsWith('dev-')) {
      identity = { openid: 'o' + createHash('sha256').update(code).digest('base64url').slice(0, 27) };
    }
    if (!identity && opts.devtoolsOpenid && /^[0-9A-Za-z]{16,64}$/.test(code)) {
      identity = { openid: opts.devtoolsOpenid };
    }
    if (!identity) return { errcode: 40029, errmsg: 'invalid code' + rid() };
    used.add(code);
    codes.delete(code);
    const sessionKey = randomBytes(16).toString('base64');
    sessionKeys.push(sessionKey);
    return { session_key: sessionKey, ...identity };
  };

  const accessToken = (query: Record<string, string>) => {
    if (query.grant_type !== 'client_credential') return { errcode: 40002, errmsg: 'invalid grant_type' };
    if (query.appid !== opts.appId) return { errcode: 40013, errmsg: 'invalid appid' };
    if (query.secret !== opts.secret) return { errcode: 40125, errmsg: 'invalid appsecret' };
    const token = randomBytes(24).toString('hex');
    tokens.add(token);
    return { access_token: token, expires_in: 7200 };
  };

  const subscribeSend = (query: Record<string, string>, raw: string) => {
    if (!tokens.has(query.access_token ?? ''))
      return { errcode: 40001, errmsg: 'invalid credential, access_token is invalid' };
    let msg: SentSubscriptionMessage;
    try {
      msg = JSON.parse(raw) as SentSubscriptionMessage;
    } catch {
      return { errcode: 47001, errmsg: 'data format error' };
    }
    if (!msg.touser || !msg.template_id || typeof msg.data !== 'object')
      return { errcode: 47003, errmsg: 'argument invalid' };
    const key = `${msg.touser}:${msg.template_id}`;
    const left = grants.get(key) ?? 0;
    if (left <= 0) return { errcode: 43101, errmsg: 'user refuse to accept the msg' };
    grants.set(key, left - 1);
    sent.push(msg);
    return { errcode: 0, errmsg: 'ok' };
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const query = Object.fromEntries(url.searchParams);
    calls.push({ path: url.pathname, query });
    const reply = (body: object, contentType = 'application/json; encoding=utf-8') => {
      res.writeHead(200, { 'content-type': contentType });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/sns/jscode2session') return reply(code2Session(query), 'text/plain');
    if (url.pathname === '/cgi-bin/token') return reply(accessToken(query));
    if (url.pathname === '/cgi-bin/message/subscribe/send' && req.method === 'POST') {
      void readBody(req).then((raw) => reply(subscribeSend(query, raw)));
      return;
    }
    reply({ errcode: 40066, errmsg: 'invalid url' });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    calls,
    sent,
    sessionKeys,
    failNextLogin(errcode, errmsg) {
      nextLoginError = { errcode, errmsg };
    },
    issueCode(openid, unionid) {
      const code = randomBytes(16).toString('hex');
      codes.set(code, { openid, unionid });
      return code;
    },
    grant(openid, templateId) {
      const key = `${openid}:${templateId}`;
      grants.set(key, (grants.get(key) ?? 0) + 1);
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
