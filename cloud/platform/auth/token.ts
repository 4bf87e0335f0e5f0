/**
 * Session tokens: HS256 JWTs (jose) carrying only the member id; roles and org are read from
 * the database on every request, so a demoted officer loses access at once.
 * Speed (docs/benchmarks.md): the HMAC key is imported once per secret, and a token that
 * verified is remembered with its expiry (a few hundred, least recently used first out), so
 * the same session's next request skips the HMAC. A remembered token still expires on time;
 * a token that failed is never remembered, so a forged one always meets jose.
 */
import { SignJWT, jwtVerify, errors } from 'jose';
import { AppError } from '../http/app-error';

const ISSUER = 'union-services';
const LIFETIME = '7d';
const REMEMBERED_MAX = 500;

let imported: { secret: string; key: Promise<CryptoKey> } | undefined;
function hmacKey(secret: string): Promise<CryptoKey> {
  if (imported?.secret !== secret) {
    const key = crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    );
    imported = { secret, key };
  }
  return imported.key;
}

export async function signSessionToken(memberId: string, secret: string): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(memberId)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(LIFETIME)
    .sign(await hmacKey(secret));
}

let remembered: { secret: string; tokens: Map<string, { sub: string; exp: number }> } | undefined;

/** The tokens verified under this secret (a new secret starts an empty memory). */
function memoryFor(secret: string): Map<string, { sub: string; exp: number }> {
  if (remembered?.secret !== secret) remembered = { secret, tokens: new Map() };
  return remembered.tokens;
}

function recall(tokens: Map<string, { sub: string; exp: number }>, token: string): string | null {
  const hit = tokens.get(token);
  if (!hit) return null;
  tokens.delete(token);
  if (Date.now() / 1000 >= hit.exp) return null; // expired: jose says so with its own error
  tokens.set(token, hit); // most recently used last
  return hit.sub;
}

function remember(
  tokens: Map<string, { sub: string; exp: number }>,
  token: string,
  sub: string,
  exp: number,
) {
  tokens.set(token, { sub, exp });
  if (tokens.size > REMEMBERED_MAX) tokens.delete(tokens.keys().next().value!);
}

export async function verifySessionToken(token: string, secret: string): Promise<string> {
  const tokens = memoryFor(secret);
  const known = recall(tokens, token);
  if (known) return known;
  try {
    const { payload } = await jwtVerify(token, await hmacKey(secret), {
      issuer: ISSUER,
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'sub'],
    });
    if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number')
      throw new AppError('TOKEN_INVALID');
    remember(tokens, token, payload.sub, payload.exp);
    return payload.sub;
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (e instanceof errors.JOSEError) throw new AppError('TOKEN_INVALID');
    throw e;
  }
}
