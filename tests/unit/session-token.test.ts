import { SignJWT } from 'jose';
import { signSessionToken, verifySessionToken } from '../../cloud/platform/auth/token';

const SECRET = 's'.repeat(48);
const OTHER = 'o'.repeat(48);
const MEMBER = '6b068eee2d4558a12340508b';

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (e: { code?: string }) => e.code,
  );

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
    const token = await signSessionToken(MEMBER, SECRET);
    expect(await verifySessionToken(token, SECRET)).toBe(MEMBER);
    expect(await verifySessionToken(token, SECRET)).toBe(MEMBER);
  });

  it('still expires a token on time after it was verified and remembered', async () => {
    jest.useFakeTimers({
      doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate', 'setTimeout', 'setInterval', 'performance'],
      now: Date.now(),
    });
    const token = await tokenExpiringIn(60);
    expect(await verifySessionToken(token, SECRET)).toBe(MEMBER);
    jest.setSystemTime(Date.now() + 61_000);
    expect(await codeOf(verifySessionToken(token, SECRET))).toBe('TOKEN_INVALID');
  });

  it('refuses a token signed with another secret, even right after a good token of the same member', async () => {
    expect(await verifySessionToken(await tokenExpiringIn(600), SECRET)).toBe(MEMBER);
    expect(await codeOf(verifySessionToken(await tokenExpiringIn(600, OTHER), SECRET))).toBe('TOKEN_INVALID');
  });

  it('forgets what it verified when the secret changes', async () => {
    const token = await signSessionToken(MEMBER, SECRET);
    expect(await verifySessionToken(token, SECRET)).toBe(MEMBER);
    expect(await codeOf(verifySessionToken(token, OTHER))).toBe('TOKEN_INVALID');
    expect(await verifySessionToken(token, SECRET)).toBe(MEMBER);
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
    expect(await codeOf(verifySessionToken(noExp, SECRET))).toBe('TOKEN_INVALID');
    expect(await codeOf(verifySessionToken(noSub, SECRET))).toBe('TOKEN_INVALID');
  });

  it('refuses a token whose signature was altered after a good copy was remembered', async () => {
    const token = await signSessionToken(MEMBER, SECRET);
    await verifySessionToken(token, SECRET);
    const [h, p, s] = token.split('.');
    const altered = `${h}.${p}.${s.startsWith('A') ? 'B' : 'A'}${s.slice(1)}`;
    expect(await codeOf(verifySessionToken(altered, SECRET))).toBe('TOKEN_INVALID');
  });
});
