import { SignJWT } from 'jose';
import { startStack, writeCounts, type Stack } from '../support/api-stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

describe('dev login', () => {
  it('logs a seeded officer in with their roles and org', async () => {
    const r = await stack.call('POST', '/api/auth/dev-login', { body: { openid: 'demo-officer-town' } });
    expect(r.status).toBe(200);
    expect(typeof r.body.token).toBe('string');
    expect(r.body.member.roles).toEqual(['worker', 'officer']);
    expect(r.body.member.officerLevel).toBe('town');
    expect(r.body.member.idNumberMasked).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
  });

  it('creates an unknown openid as a new worker with no profile, once', async () => {
    const first = await stack.call('POST', '/api/auth/dev-login', { body: { openid: 'new-person-1' } });
    expect(first.status).toBe(200);
    expect(first.body.member).toMatchObject({
      roles: ['worker'],
      name: null,
      orgId: null,
      profileComplete: false,
    });
    const again = await stack.call('POST', '/api/auth/dev-login', { body: { openid: 'new-person-1' } });
    expect(again.body.member.id).toBe(first.body.member.id);
    expect(await stack.db.collection('members').countDocuments({ openid: 'new-person-1' })).toBe(1);
  });

  it('creates exactly one member when the same first login arrives ten times at once', async () => {
    const rs = await Promise.all(
      Array.from({ length: 10 }, () =>
        stack.call('POST', '/api/auth/dev-login', { body: { openid: 'racer' } }),
      ),
    );
    expect(rs.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(new Set(rs.map((r) => r.body.member.id)).size).toBe(1);
    expect(await stack.db.collection('members').countDocuments({ openid: 'racer' })).toBe(1);
  });

  it('refuses a malformed openid and writes nothing', async () => {
    const before = await writeCounts(stack.db);
    for (const body of [{ openid: '' }, { openid: 'a b' }, { openid: 5 }, {}, { openid: 'ok', extra: 1 }]) {
      const r = await stack.call('POST', '/api/auth/dev-login', { body });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect(await writeCounts(stack.db)).toEqual(before);
  });

  it('tells the H5 app that dev login is on', async () => {
    expect((await stack.call('GET', '/api/auth/config')).body).toEqual({ devLogin: true });
  });
});

describe('WeChat login through code2Session', () => {
  it('turns a valid code into a session for that openid and never returns the session_key', async () => {
    const code = stack.server.wechat!.issueCode('wx-openid-abc', 'union-xyz');
    const r = await stack.call('POST', '/api/auth/wx-login', { body: { code } });
    expect(r.status).toBe(200);
    expect(JSON.stringify(r.body)).not.toMatch(/session_key/);
    const doc = await stack.db.collection('members').findOne({ openid: 'wx-openid-abc' });
    expect(doc).toMatchObject({ unionid: 'union-xyz', roles: ['worker'] });
    expect(doc).not.toHaveProperty('session_key');
    const call = stack.server.wechat!.calls.at(-1)!;
    expect(call.path).toBe('/sns/jscode2session');
    expect(call.query).toMatchObject({ js_code: code, grant_type: 'authorization_code' });
  });

  it('answers an invalid code (WeChat 40029) with WECHAT_CODE_INVALID', async () => {
    const r = await stack.call('POST', '/api/auth/wx-login', { body: { code: 'never-issued' } });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('WECHAT_CODE_INVALID');
  });

  it('refuses a code used twice (WeChat 40163)', async () => {
    const code = stack.server.wechat!.issueCode('wx-openid-twice');
    expect((await stack.call('POST', '/api/auth/wx-login', { body: { code } })).status).toBe(200);
    const again = await stack.call('POST', '/api/auth/wx-login', { body: { code } });
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('WECHAT_CODE_INVALID');
  });
});

describe('session tokens', () => {
  it('answers a missing token with UNAUTHENTICATED', async () => {
    const r = await stack.call('GET', '/api/members/me');
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('answers a forged token with TOKEN_INVALID', async () => {
    const token = await stack.login('demo-worker-1');
    const [h, p] = token.split('.');
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(JSON.parse(Buffer.from(p, 'base64url').toString()).sub)
      .setIssuer('union-services')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('not-the-server-secret-not-the-server-secret'));
    for (const bad of [forged, `${h}.${p}.AAAA`, 'garbage', `${h}.${p}`]) {
      const r = await stack.call('GET', '/api/members/me', { token: bad });
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('TOKEN_INVALID');
    }
  });

  it('answers an expired token with TOKEN_INVALID', async () => {
    const me = await stack.call('POST', '/api/auth/dev-login', { body: { openid: 'demo-worker-1' } });
    const expired = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(me.body.member.id)
      .setIssuer('union-services')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode(stack.server.config.jwtSecret));
    const r = await stack.call('GET', '/api/members/me', { token: expired });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('TOKEN_INVALID');
  });
});
