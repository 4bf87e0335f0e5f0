/**
 * Checks a JWS in compact form signed with HS256 (our session tokens) with node:crypto's HMAC
 * and gives back its payload, or null for anything that is not a token signed with this secret:
 * another secret, another algorithm (`none`, RS256, HS512: the header must say HS256), a header
 * with `crit` or `b64` (extensions we do not implement), a signature in any but the canonical
 * base64url, a part that is not a JSON object. The claims are the caller's to check.
 *
 * Why not jose here (jose still signs, cloud/platform/auth/token.ts): jose verifies through
 * WebCrypto, whose first use cost every cold start more CPU than the HMAC itself, on the one
 * verification a session's first request needs (docs/benchmarks.md).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function jsonObject(part: string): Record<string, unknown> | null {
  if (!BASE64URL.test(part)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

export function verifyHs256(token: string, secret: string): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [header, payload, signature] = parts;
  const expected = Buffer.from(
    createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url'),
  );
  const given = Buffer.from(signature);
  // the canonical encoding only, compared in constant time
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const h = jsonObject(header);
  if (!h || h.alg !== 'HS256' || 'crit' in h || 'b64' in h) return null;
  return jsonObject(payload);
}
