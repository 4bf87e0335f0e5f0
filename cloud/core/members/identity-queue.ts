/**
 * Confirming a member's change of name or ID number (实名信息修改确认). Once a member has a case
 * past draft, such a change does not apply at once (service.ts `updateProfile` keeps it waiting):
 * an officer whose subtree holds the member's union confirms or refuses it, once (the decision
 * is a compare-and-set on the request's time, so a second tap or a second officer changes
 * nothing), audited, and the member is told in 消息. Cases keep the identity they were submitted
 * with either way. A member outside the officer's subtree, or none at all, is NOT_FOUND.
 */
import type { Db } from 'mongodb';
import type { IdentityChangeItem, MemberView } from '../../../src/contracts/members';
import type { Caller } from '../../platform/auth/caller';
import { isInScope, officerScope, type OfficerScope } from '../../platform/auth/org-scope';
import { writeAudit } from '../../platform/audit/audit-log';
import { inTransaction } from '../../platform/db/transactions';
import { AppError } from '../../platform/http/app-error';
import { notify } from '../notifications/repository';
import { findOrg } from '../orgs/repository';
import {
  countPendingIdentityInScope,
  findMemberById,
  findOtherByIdHash,
  isDuplicateIdNumber,
  listPendingIdentityInScope,
  settlePendingIdentity,
} from './repository';
import { toMemberView } from './view';

/** The workbench's count: changes waiting in the officer's subtree. */
export function pendingIdentityChanges(db: Db, scope: OfficerScope): Promise<number> {
  return countPendingIdentityInScope(db, scope);
}

export async function listIdentityChanges(db: Db, caller: Caller): Promise<{ items: IdentityChangeItem[] }> {
  const docs = await listPendingIdentityInScope(db, officerScope(caller));
  const items = await Promise.all(
    docs.map(async (m) => ({
      memberId: m._id.toHexString(),
      orgName: m.orgId ? ((await findOrg(db, m.orgId))?.name ?? null) : null,
      name: m.name,
      idNumberMasked: m.idNumberMasked,
      newName: m.pendingIdentity!.name,
      newIdNumberMasked: m.pendingIdentity!.idNumberMasked,
      nameChanged: m.pendingIdentity!.name !== m.name,
      idNumberChanged: m.pendingIdentity!.idNumberHash !== m.idNumberHash,
      requestedAt: m.pendingIdentity!.requestedAt.toISOString(),
    })),
  );
  return { items };
}

export async function decideIdentityChange(
  db: Db,
  caller: Caller,
  memberId: string,
  { decision, comment }: { decision: 'confirm' | 'refuse'; comment?: string },
  requestId: string,
): Promise<MemberView> {
  officerScope(caller);
  const member = await findMemberById(db, memberId);
  if (!member || !isInScope(caller, member.orgPath) || member._id.toHexString() === caller.memberId)
    throw new AppError('NOT_FOUND');
  const pending = member.pendingIdentity;
  if (!pending) throw new AppError('IDENTITY_CHANGE_NOT_PENDING');
  const confirm = decision === 'confirm';
  if (confirm && (await findOtherByIdHash(db, pending.idNumberHash, member._id)))
    throw new AppError('ID_NUMBER_TAKEN');
  const set = confirm
    ? {
        name: pending.name,
        idNumberEnc: pending.idNumberEnc,
        idNumberHash: pending.idNumberHash,
        idNumberMasked: pending.idNumberMasked,
      }
    : {};
  try {
    const updated = await inTransaction(async (session) => {
      const after = await settlePendingIdentity(db, member._id, pending.requestedAt, set, session);
      if (!after) throw new AppError('IDENTITY_CHANGE_NOT_PENDING');
      await writeAudit(
        db,
        {
          actorId: caller.memberId,
          action: confirm ? 'member.identity_change_confirmed' : 'member.identity_change_refused',
          entity: 'member',
          entityId: memberId,
          orgPath: member.orgPath,
          requestId,
          data: {
            nameChanged: pending.name !== member.name,
            idNumberChanged: pending.idNumberHash !== member.idNumberHash,
            ...(comment ? { comment } : {}),
          },
        },
        session,
      );
      await notify(
        db,
        {
          memberId,
          title: confirm ? '实名信息修改已确认' : '实名信息修改未通过',
          body: confirm
            ? '工会已确认您修改的姓名或身份证号。已经提交的申请仍按提交时的信息办理。'
            : `工会没有同意这次修改，仍使用原来的姓名和身份证号。${comment ? `说明：${comment}。` : ''}如有疑问请联系所在基层工会。`,
          link: '/pages/mine/index',
          dedupeKey: `identity:${memberId}:${pending.requestedAt.getTime()}`,
        },
        session,
      );
      return after;
    });
    const org = updated.orgId ? await findOrg(db, updated.orgId) : null;
    return toMemberView(updated, org?.name ?? null);
  } catch (e) {
    if (isDuplicateIdNumber(e)) throw new AppError('ID_NUMBER_TAKEN');
    throw e;
  }
}
