/**
 * Session tokens: HS256 JWTs (signed with jose, checked with node:crypto: hs256.ts) carrying the member id, the member's session version (`sv`)
 * and when the session started (`iat`); roles and org are read from the database on every
 * request, so a demoted officer loses access at once, and so is the session version, so a
 * revoked session (logout, or an operator's revocation: cloud/core/members/sessions.ts) stops
 * at once. The lifetime is the caller's to choose (config: shorter for officers).
 * Speed (docs/benchmarks.md): the HMAC key is imported once per secret, and a token that
 * verified is remembered with its expiry (a few hundred, least recently used first out), so
 * the same session's next request skips the HMAC. A remembered token still expires on time;
 * a token that failed is never remembered, so a forged one always meets the HMAC.
 */
import { SignJWT } from 'jose';
import { AppError } from '../http/app-error';
import { verifyHs256 } from './hs256';

const ISSUER = 'union-services';
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

export interface SessionToSign {
  memberId: string;
  /** the member's session version now: raising it ends every session signed before */
  sessionVersion: number;
  lifetimeSeconds: number;
}

/** What a verified token says. */
export interface SessionClaims {
  memberId: string;
  sessionVersion: number;
  /** when the session started (seconds since the epoch) */
  issuedAt: number;
}

export async function signSessionToken(
  { memberId, sessionVersion, lifetimeSeconds }: SessionToSign,
  secret: string,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sv: sessionVersion })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(memberId)
    .setIssuer(ISSUER)
    .setIssuedAt(now)
    .setExpirationTime(now + lifetimeSeconds)
    .sign(await hmacKey(secret));
}

interface Remembered extends SessionClaims {
  exp: number;
}
let remembered: { secret: string; tokens: Map<string, Remembered> } | undefined;

/** The tokens verified under this secret (a new secret starts an empty memory). */
function memoryFor(secret: string): Map<string, Remembered> {
  if (remembered?.secret !== secret) remembered = { secret, tokens: new Map() };
  return remembered.tokens;
}

function recall(tokens: Map<string, Remembered>, token: string): SessionClaims | null {
  const hit = tokens.get(token);
  if (!hit) return null;
  tokens.delete(token);
  if (Date.now() / 1000 >= hit.exp) return null; // expired: verifying it again refuses it
  tokens.set(token, hit); // most recently used last
  return hit; // frozen when remembered: every request of the session shares it
}

function remember(tokens: Map<string, Remembered>, token: string, claims: Remembered) {
  tokens.set(token, Object.freeze(claims));
  if (tokens.size > REMEMBERED_MAX) tokens.delete(tokens.keys().next().value!);
}

/** A token signed before session versions existed carries none: version 0, as a new member has. */
const versionOf = (sv: unknown): number | null =>
  sv === undefined ? 0 : Number.isInteger(sv) && (sv as number) >= 0 ? (sv as number) : null;

/** Synchronous: node:crypto's HMAC needs no await, and a request's path is shorter without one. */
export function verifySessionToken(token: string, secret: string): SessionClaims {
  const tokens = memoryFor(secret);
  const known = recall(tokens, token);
  if (known) return known;
  const payload = verifyHs256(token, secret);
  if (!payload) throw new AppError('TOKEN_INVALID');
  const now = Date.now() / 1000;
  const sessionVersion = versionOf(payload.sv);
  if (
    payload.iss !== ISSUER ||
    typeof payload.sub !== 'string' ||
    typeof payload.exp !== 'number' ||
    typeof payload.iat !== 'number' ||
    now >= payload.exp ||
    (payload.nbf !== undefined && (typeof payload.nbf !== 'number' || payload.nbf > now)) ||
    sessionVersion === null
  )
    throw new AppError('TOKEN_INVALID');
  const claims = { memberId: payload.sub, sessionVersion, issuedAt: payload.iat };
  remember(tokens, token, { ...claims, exp: payload.exp });
  return claims;
}
