/**
 * Member rules: a first login creates a member with no profile and only the worker role;
 * the real-name profile needs the current sensitive-data consent, a valid ID number (GB 11643)
 * unique across members (keyed hash, unique index), a phone number and a 基层工会. The ID
 * number is stored encrypted and only ever shown masked; officers may reveal it for a member
 * in their subtree, and every reveal is audited.
 */
import type { Db } from 'mongodb';
import {
  CURRENT_CONSENT_VERSION,
  type MemberView,
  type UpdateProfileInput,
} from '../../../src/contracts/members';
import { maskIdNumber, normalizeIdNumber } from '../../../src/contracts/idNumber';
import { AppError } from '../../platform/http/app-error';
import { writeAudit } from '../../platform/audit/audit-log';
import { inTransaction } from '../../platform/db/transactions';
import type { PiiCipher } from '../../platform/crypto/pii';
import type { Caller } from '../../platform/auth/caller';
import type { MemberDoc } from '../../platform/db/collections';
import { assertInScope } from '../../platform/auth/org-scope';
import { findOrg } from '../orgs/repository';
import {
  blankMember,
  findMemberById,
  findMemberByOpenid,
  insertMember,
  isDuplicateOpenid,
  isDuplicateIdNumber,
  updateMember,
} from './repository';
import { maskPhone, toMemberView } from './view';

async function view(db: Db, doc: Parameters<typeof toMemberView>[0]): Promise<MemberView> {
  // the union's name comes from the cached org tree (cloud/core/orgs/repository.ts)
  const org = doc.orgId ? await findOrg(db, doc.orgId) : null;
  return toMemberView(doc, org?.name ?? null);
}

/**
 * The first login (WeChat or dev) creates the member, audited in the same transaction; when
 * the same first login arrives twice at once, the unique openid index lets one insert win and
 * the other answers with the winner's member.
 */
export async function loginByOpenid(
  db: Db,
  identity: { openid: string; unionid?: string },
  via: 'wx-login' | 'dev-login',
  requestId: string,
): Promise<{ memberId: string; sessionVersion: number; member: MemberView }> {
  const existing = await findMemberByOpenid(db, identity.openid);
  if (existing) return loggedIn(db, existing);
  const doc = blankMember({
    openid: identity.openid,
    ...(identity.unionid ? { unionid: identity.unionid } : {}),
  });
  const memberId = doc._id.toHexString();
  try {
    await inTransaction(async (session) => {
      await insertMember(db, doc, session);
      await writeAudit(
        db,
        {
          actorId: memberId,
          action: 'member.created',
          entity: 'member',
          entityId: memberId,
          requestId,
          data: { via },
        },
        session,
      );
    });
  } catch (e) {
    const winner = isDuplicateOpenid(e) ? await findMemberByOpenid(db, identity.openid) : null;
    if (!winner) throw e;
    return loggedIn(db, winner);
  }
  return loggedIn(db, doc);
}

async function loggedIn(db: Db, doc: MemberDoc) {
  return {
    memberId: doc._id.toHexString(),
    sessionVersion: doc.sessionVersion ?? 0,
    member: await view(db, doc),
  };
}

/** The caller's record was read when the request was authenticated: no second read. */
export async function getMe(db: Db, caller: Caller): Promise<MemberView> {
  return view(db, caller.record);
}

export async function recordConsent(
  db: Db,
  caller: Caller,
  version: string,
  requestId: string,
): Promise<MemberView> {
  if (version !== CURRENT_CONSENT_VERSION)
    throw new AppError('CONSENT_REQUIRED', '隐私规则已更新，请重新阅读后同意');
  const me = caller.record;
  const doc = await inTransaction(async (session) => {
    const updated = await updateMember(db, me._id, { consent: { version, at: new Date() } }, session);
    await writeAudit(
      db,
      {
        actorId: caller.memberId,
        action: 'member.consent',
        entity: 'member',
        entityId: caller.memberId,
        requestId,
        data: { version },
      },
      session,
    );
    return updated;
  });
  return view(db, doc!);
}

export async function updateProfile(
  db: Db,
  cipher: PiiCipher,
  caller: Caller,
  input: UpdateProfileInput,
  requestId: string,
): Promise<MemberView> {
  if (input.consentVersion !== CURRENT_CONSENT_VERSION) throw new AppError('CONSENT_REQUIRED');
  const org = await findOrg(db, input.orgId);
  if (!org) throw new AppError('ORG_NOT_FOUND');
  if (org.level !== 'base') throw new AppError('ORG_NOT_BASE');
  const me = caller.record;
  const idNumber = normalizeIdNumber(input.idNumber);
  const now = new Date();
  try {
    const doc = await inTransaction(async (session) => {
      const updated = await updateMember(
        db,
        me._id,
        {
          name: input.name.trim(),
          orgId: org.id,
          orgPath: org.path,
          idNumberEnc: cipher.encrypt(idNumber),
          idNumberHash: cipher.lookupHash(idNumber),
          idNumberMasked: maskIdNumber(idNumber),
          phoneEnc: cipher.encrypt(input.phone),
          phoneMasked: maskPhone(input.phone),
          consent:
            me.consent?.version === input.consentVersion
              ? me.consent
              : { version: input.consentVersion, at: now },
        },
        session,
      );
      await writeAudit(
        db,
        {
          actorId: caller.memberId,
          action: 'member.profile_updated',
          entity: 'member',
          entityId: caller.memberId,
          orgPath: org.path,
          requestId,
          data: { orgId: org.id, idNumberChanged: me.idNumberHash !== cipher.lookupHash(idNumber) },
        },
        session,
      );
      return updated;
    });
    return view(db, doc!);
  } catch (e) {
    if (isDuplicateIdNumber(e)) throw new AppError('ID_NUMBER_TAKEN');
    throw e;
  }
}

/** An officer reads a member's full ID number: only inside their subtree, always audited. */
export async function revealIdNumber(
  db: Db,
  cipher: PiiCipher,
  caller: Caller,
  memberId: string,
  requestId: string,
): Promise<{ idNumber: string }> {
  const doc = await findMemberById(db, memberId);
  if (!doc) throw new AppError('NOT_FOUND');
  assertInScope(caller, doc.orgPath);
  if (!doc.idNumberEnc) throw new AppError('NOT_FOUND', '这位会员还没有登记身份证号');
  const idNumber = cipher.decrypt(doc.idNumberEnc);
  await writeAudit(db, {
    actorId: caller.memberId,
    action: 'pii.revealed',
    entity: 'member',
    entityId: memberId,
    orgPath: doc.orgPath,
    requestId,
    data: { field: 'idNumber' },
  });
  return { idNumber };
}
