/**
 * Session tokens: HS256 JWTs (jose) carrying only the member id; roles and org are read from
 * the database on every request, so a demoted officer loses access at once.
 */
import { SignJWT, jwtVerify, errors } from 'jose';
import { AppError } from '../http/app-error';

const ISSUER = 'union-services';
const LIFETIME = '7d';

export async function signSessionToken(memberId: string, secret: string): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(memberId)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(LIFETIME)
    .sign(new TextEncoder().encode(secret));
}

export async function verifySessionToken(token: string, secret: string): Promise<string> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      issuer: ISSUER,
      algorithms: ['HS256'],
    });
    if (typeof payload.sub !== 'string') throw new AppError('TOKEN_INVALID');
    return payload.sub;
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (e instanceof errors.JOSEError) throw new AppError('TOKEN_INVALID');
    throw e;
  }
}
