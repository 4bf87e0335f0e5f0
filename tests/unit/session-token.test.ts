import { createHmac } from 'node:crypto';
import { SignJWT } from 'jose';
import { signSessionToken, verifySessionToken } from '../../cloud/platform/auth/token';

const SECRET = 's'.repeat(48);
const OTHER = 'o'.repeat(48);
const MEMBER = '6b068eee2d4558a12340508b';
const session = (lifetimeSeconds = 3600, sessionVersion = 0) => ({
  memberId: MEMBER,
  sessionVersion,
  lifetimeSeconds,
});
const memberOf = (c: { memberId: string }) => c.memberId;

const codeOf = async (verify: () => Promise<unknown>) => {
  try {
    await verify();
    return 'accepted';
  } catch (e) {
    return (e as { code?: string }).code;
  }
};

async function tokenExpiringIn(seconds: number, secret = SECRET): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(MEMBER)
    .setIssuer('union-services')
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + seconds)
    .sign(new TextEncoder().encode(secret));
}

describe('session tokens', () => {
  afterEach(() => jest.useRealTimers());

  it('gives back the member id of a token it signed, again and again', async () => {
    const token = await signSessionToken(session(), SECRET);
    expect(memberOf(verifySessionToken(token, SECRET))).toBe(MEMBER);
    expect(memberOf(verifySessionToken(token, SECRET))).toBe(MEMBER);
  });

  it('still expires a token on time after it was verified and remembered', async () => {
    jest.useFakeTimers({
      doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate', 'setTimeout', 'setInterval', 'performance'],
      now: Date.now(),
    });
    const token = await tokenExpiringIn(60);
    expect(memberOf(verifySessionToken(token, SECRET))).toBe(MEMBER);
    jest.setSystemTime(Date.now() + 61_000);
    expect(await codeOf(async () => verifySessionToken(token, SECRET))).toBe('TOKEN_INVALID');
  });

  it('carries the session version and the start of the session, and lasts the lifetime it was given', async () => {
    const before = Math.floor(Date.now() / 1000);
    const token = await signSessionToken(session(2 * 3600, 3), SECRET);
    const claims = await verifySessionToken(token, SECRET);
    expect(claims).toMatchObject({ memberId: MEMBER, sessionVersion: 3 });
    expect(claims.issuedAt).toBeGreaterThanOrEqual(before);
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as {
      exp: number;
      iat: number;
    };
    expect(payload.exp - payload.iat).toBe(2 * 3600);
  });

  it('reads a token without a session version as version 0, and refuses one with a malformed version', async () => {
    expect((await verifySessionToken(await tokenExpiringIn(600), SECRET)).sessionVersion).toBe(0);
    const bad = await new SignJWT({ sv: 'x' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(MEMBER)
      .setIssuer('union-services')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(SECRET));
    expect(await codeOf(async () => verifySessionToken(bad, SECRET))).toBe('TOKEN_INVALID');
  });

  it('refuses a token signed with another secret, even right after a good token of the same member', async () => {
    expect(memberOf(verifySessionToken(await tokenExpiringIn(600), SECRET))).toBe(MEMBER);
    expect(await codeOf(async () => verifySessionToken(await tokenExpiringIn(600, OTHER), SECRET))).toBe(
      'TOKEN_INVALID',
    );
  });

  it('forgets what it verified when the secret changes', async () => {
    const token = await signSessionToken(session(), SECRET);
    expect(memberOf(verifySessionToken(token, SECRET))).toBe(MEMBER);
    expect(await codeOf(async () => verifySessionToken(token, OTHER))).toBe('TOKEN_INVALID');
    expect(memberOf(verifySessionToken(token, SECRET))).toBe(MEMBER);
  });

  it('refuses a token without an expiry or a subject', async () => {
    const key = new TextEncoder().encode(SECRET);
    const noExp = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(MEMBER)
      .setIssuer('union-services')
      .sign(key);
    const noSub = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('union-services')
      .setExpirationTime('1h')
      .sign(key);
    expect(await codeOf(async () => verifySessionToken(noExp, SECRET))).toBe('TOKEN_INVALID');
    expect(await codeOf(async () => verifySessionToken(noSub, SECRET))).toBe('TOKEN_INVALID');
  });

  it('refuses a token whose signature was altered after a good copy was remembered', async () => {
    const token = await signSessionToken(session(), SECRET);
    await verifySessionToken(token, SECRET);
    const [h, p, s] = token.split('.');
    const altered = `${h}.${p}.${s.startsWith('A') ? 'B' : 'A'}${s.slice(1)}`;
    expect(await codeOf(async () => verifySessionToken(altered, SECRET))).toBe('TOKEN_INVALID');
  });

  it('refuses a token of another algorithm or issuer, or not valid yet, even when signed with the secret', async () => {
    const key = new TextEncoder().encode(SECRET);
    const claims = () => new SignJWT({}).setSubject(MEMBER).setIssuedAt().setExpirationTime('1h');
    const hs512 = await claims().setProtectedHeader({ alg: 'HS512' }).setIssuer('union-services').sign(key);
    const otherIssuer = await claims()
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('someone-else')
      .sign(key);
    const notYet = await claims()
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('union-services')
      .setNotBefore('10m')
      .sign(key);
    for (const token of [hs512, otherIssuer, notYet])
      expect(await codeOf(async () => verifySessionToken(token, SECRET))).toBe('TOKEN_INVALID');
  });

  it('refuses an unsigned token, a header with extensions, and a signature written another way', async () => {
    const token = await signSessionToken(session(), SECRET);
    const payload = token.split('.')[1];
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    // signed with the right secret, so only the header refuses them
    const signed = (header: object) => {
      const h = part(header);
      return `${h}.${payload}.${createHmac('sha256', SECRET).update(`${h}.${payload}`).digest('base64url')}`;
    };
    const bad = [
      `${part({ alg: 'none' })}.${payload}.`,
      signed({ alg: 'none' }),
      signed({ alg: 'HS256', crit: ['x'], x: 1 }),
      signed({ alg: 'HS256', b64: false, crit: ['b64'] }),
      `${token}=`,
      'not-a-token',
      `${token}.extra`,
    ];
    for (const t of bad)
      expect(await codeOf(async () => verifySessionToken(t, SECRET))).toBe('TOKEN_INVALID');
    expect(memberOf(verifySessionToken(signed({ alg: 'HS256' }), SECRET))).toBe(MEMBER);
  });
});
