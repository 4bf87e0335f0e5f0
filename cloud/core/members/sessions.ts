/**
 * A member's sessions. A token is signed with the member's session version and a lifetime by
 * role: officers, who can see other members' data, get the shorter one (SESSION_HOURS,
 * OFFICER_SESSION_HOURS). Raising the version ends every session signed before it, on every
 * device: that is what 退出登录 does, and what an operator does for a lost phone or a departed
 * officer (`npm run sessions:revoke`). The version is checked where the member is read on every
 * request (platform/auth/load-caller.ts), so revocation costs no extra read.
 */
import { ObjectId, type Db } from 'mongodb';
import type { Role } from '../../../src/contracts/members';
import type { AppConfig } from '../../platform/config/config';
import { inTransaction } from '../../platform/db/transactions';
import { writeAudit } from '../../platform/audit/audit-log';
import { signSessionToken } from '../../platform/auth/token';
import { AppError } from '../../platform/http/app-error';
import { raiseSessionVersion } from './repository';

export async function issueSessionToken(
  config: AppConfig,
  member: { memberId: string; roles: readonly Role[]; sessionVersion: number },
): Promise<string> {
  const lifetimeSeconds = member.roles.includes('officer')
    ? config.sessions.officerSeconds
    : config.sessions.memberSeconds;
  return signSessionToken(
    { memberId: member.memberId, sessionVersion: member.sessionVersion, lifetimeSeconds },
    config.jwtSecret,
  );
}

export interface Revocation {
  /** who revoked: the member themself (logout), or null for an operator */
  actorId: string | null;
  reason: 'logout' | 'operator';
  requestId: string;
}

/** Ends every session of the member, audited in the same transaction. */
export async function revokeSessions(db: Db, memberId: string, by: Revocation): Promise<void> {
  if (!ObjectId.isValid(memberId)) throw new AppError('NOT_FOUND');
  await inTransaction(async (session) => {
    if (!(await raiseSessionVersion(db, new ObjectId(memberId), session))) throw new AppError('NOT_FOUND');
    await writeAudit(
      db,
      {
        actorId: by.actorId,
        action: 'member.sessions_revoked',
        entity: 'member',
        entityId: memberId,
        requestId: by.requestId,
        data: { reason: by.reason },
      },
      session,
    );
  });
}
