import { ObjectId, type Db } from 'mongodb';
import { collections } from '../db/collections';
import { AppError } from '../http/app-error';
import type { Caller } from './caller';

/** One indexed read per request: roles and org come from the member record, never from the token. */
export async function loadCaller(db: Db, memberId: string): Promise<Caller> {
  if (!ObjectId.isValid(memberId)) throw new AppError('TOKEN_INVALID');
  const m = await collections(db).members.findOne(
    { _id: new ObjectId(memberId) },
    {
      projection: {
        roles: 1,
        orgId: 1,
        orgPath: 1,
        officerOrgId: 1,
        officerLevel: 1,
        officerOrgPath: 1,
        name: 1,
      },
    },
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
  };
}
