/**
 * WeChat login against the local fake, which answers like WeChat (HTTP 200 with errcode in a
 * text/plain JSON body). The session_key WeChat hands out must never leave the server: not in
 * an answer, not in a log line, not in the database. A stack of its own, logging everything.
 */
import { startStack, type Stack } from '../support/api-stack';
import { captureLogs, stopCapturingLogs } from '../support/log-capture';

let stack: Stack;
let logLines: string[] = [];
const answers: string[] = [];
beforeAll(async () => {
  stack = await startStack({ env: { LOG_LEVEL: 'trace' } });
  logLines = captureLogs();
});
afterAll(async () => {
  stopCapturingLogs();
  await stack.stop();
});

async function wxLogin(code: string) {
  const res = await fetch(`${stack.url}/api/auth/wx-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  const text = await res.text();
  const headers: string[] = [];
  res.headers.forEach((value, name) => headers.push(`${name}: ${value}`));
  answers.push(headers.join('\n') + text);
  return { status: res.status, body: JSON.parse(text) };
}

describe('WeChat login (code2Session)', () => {
  it('signs a new WeChat user in as a worker with no profile, and the same user again as the same member', async () => {
    const first = await wxLogin(stack.server.wechat!.issueCode('o-wx-new-user', 'u-wx-new-user'));
    expect(first.status).toBe(200);
    expect(first.body.member).toMatchObject({ roles: ['worker'], name: null, profileComplete: false });
    const again = await wxLogin(stack.server.wechat!.issueCode('o-wx-new-user'));
    expect(again.body.member.id).toBe(first.body.member.id);
    expect(await stack.db.collection('members').countDocuments({ openid: 'o-wx-new-user' })).toBe(1);
  });

  it('sends WeChat the appid, secret, code and grant type it expects', async () => {
    const code = stack.server.wechat!.issueCode('o-wx-query');
    await wxLogin(code);
    expect(stack.server.wechat!.calls.at(-1)).toEqual({
      path: '/sns/jscode2session',
      query: {
        appid: stack.server.config.wechat.appId,
        secret: stack.server.config.wechat.secret,
        js_code: code,
        grant_type: 'authorization_code',
      },
    });
  });

  it.each([
    ['an invalid code (40029)', 'never-issued', null, 401, 'WECHAT_CODE_INVALID'],
    [
      "a code shaped like wx.login's that WeChat never issued (40029)",
      '071Bq5000wGxZS1Hvb200EwB5r0Bq50v',
      null,
      401,
      'WECHAT_CODE_INVALID',
    ],
    ['WeChat busy (-1)', 'dev-busy', { errcode: -1, errmsg: 'system error' }, 502, 'WECHAT_UNAVAILABLE'],
    [
      'WeChat rate limit (45011)',
      'dev-limit',
      { errcode: 45011, errmsg: 'api minute-quota reach limit' },
      429,
      'RATE_LIMITED',
    ],
    [
      'a wrong app secret (40125)',
      'dev-secret',
      { errcode: 40125, errmsg: 'invalid appsecret' },
      502,
      'WECHAT_UNAVAILABLE',
    ],
  ])(
    'answers %s with a coded error and creates no member',
    async (_label, code, failure, status, errorCode) => {
      if (failure) stack.server.wechat!.failNextLogin(failure.errcode, failure.errmsg);
      const members = await stack.db.collection('members').countDocuments();
      const r = await wxLogin(code);
      expect(r.status).toBe(status);
      expect(r.body.error.code).toBe(errorCode);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(await stack.db.collection('members').countDocuments()).toBe(members);
    },
  );

  it('refuses a code used a second time (40163)', async () => {
    const code = stack.server.wechat!.issueCode('o-wx-twice');
    expect((await wxLogin(code)).status).toBe(200);
    const again = await wxLogin(code);
    expect([again.status, again.body.error.code]).toEqual([401, 'WECHAT_CODE_INVALID']);
  });

  it('never lets a session_key out: not in an answer, a log line or the database', async () => {
    const keys = stack.server.wechat!.sessionKeys;
    expect(keys.length).toBeGreaterThanOrEqual(3);
    expect(logLines.some((l) => l.includes('/api/auth/wx-login'))).toBe(true); // the logs were read
    const names = (await stack.db.listCollections().toArray()).map((c) => c.name);
    const stored = await Promise.all(names.map((n) => stack.db.collection(n).find().toArray()));
    const everything = [answers.join('\n'), logLines.join('\n'), JSON.stringify(stored)].join('\n');
    for (const key of keys) expect(everything).not.toContain(key);
    expect(everything).not.toMatch(/session_key|sessionKey/);
  });
});
