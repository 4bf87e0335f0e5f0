import { ObjectId, type Db } from 'mongodb';
import { collections } from '../db/collections';
import { AppError } from '../http/app-error';
import type { Caller, CallerRecord } from './caller';
import type { SessionClaims } from './token';

/**
 * One indexed read per request: roles and org come from the member record, never from the
 * token. The whole record but its ciphertexts comes along, so a route about the caller
 * (GET /members/me) needs no second read. The same read ends a revoked session (the token's
 * session version is behind the member's) and an officer's session older than the officer
 * lifetime (a worker's longer session does not carry over when the worker becomes an officer).
 */
export async function loadCaller(
  db: Db,
  { memberId, sessionVersion, issuedAt }: SessionClaims,
  officerSessionSeconds: number,
): Promise<Caller> {
  if (!ObjectId.isValid(memberId)) throw new AppError('TOKEN_INVALID');
  const m: CallerRecord | null = await collections(db).members.findOne(
    { _id: new ObjectId(memberId) },
    { projection: { idNumberEnc: 0, phoneEnc: 0, 'pendingIdentity.idNumberEnc': 0 } },
  );
  if (!m) throw new AppError('TOKEN_INVALID');
  if ((m.sessionVersion ?? 0) !== sessionVersion) throw new AppError('TOKEN_INVALID');
  if (m.roles.includes('officer') && Date.now() / 1000 - issuedAt > officerSessionSeconds)
    throw new AppError('TOKEN_INVALID');
  return {
    memberId,
    roles: m.roles,
    orgId: m.orgId,
    orgPath: m.orgPath ?? [],
    officerOrgId: m.officerOrgId,
    officerLevel: m.officerLevel ?? null,
    officerOrgPath: m.officerOrgPath ?? [],
    name: m.name,
    record: m,
  };
}
