import { ObjectId, type Db } from 'mongodb';
import { collections } from '../db/collections';
import { AppError } from '../http/app-error';
import type { Caller, CallerRecord } from './caller';

/**
 * One indexed read per request: roles and org come from the member record, never from the
 * token. The whole record but its ciphertexts comes along, so a route about the caller
 * (GET /members/me) needs no second read.
 */
export async function loadCaller(db: Db, memberId: string): Promise<Caller> {
  if (!ObjectId.isValid(memberId)) throw new AppError('TOKEN_INVALID');
  const m: CallerRecord | null = await collections(db).members.findOne(
    { _id: new ObjectId(memberId) },
    { projection: { idNumberEnc: 0, phoneEnc: 0 } },
  );
  if (!m) throw new AppError('TOKEN_INVALID');
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
