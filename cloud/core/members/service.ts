/**
 * Member rules: a first login creates a member with no profile and only the worker role;
 * the real-name profile needs the current sensitive-data consent, a valid ID number (GB 11643)
 * unique across members (keyed hash, unique index), a phone number and a 基层工会. The ID
 * number is stored encrypted and only ever shown masked.
 *  - Once the member has a case past draft in any program, a change of name or ID number waits
 *    for an officer's confirmation (identity-queue.ts); the rest of the profile changes at once.
 *  - A change of union moves no case: open cases stay with the union they were submitted to,
 *    and the member is told so (and the audit entry says how many).
 *  - An officer reveals a member's ID number only for a case of theirs that the officer reviews
 *    in a state that needs it, or to confirm their change of identity; with a purpose, within
 *    the hourly limit, audited (privacy/reveals.ts). Anything else is NOT_FOUND.
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
import { isInScope } from '../../platform/auth/org-scope';
import type { MemberRevealInput } from '../../../src/contracts/privacy';
import type { UpdateProfileResponse } from '../../../src/contracts/members';
import { findOrg } from '../orgs/repository';
import { recordReveal } from '../privacy/reveals';
import { caseServedBy, casesOfMember, openSubmitted, submitted } from '../workflow/member-cases';
import {
  blankMember,
  findMemberById,
  findMemberByOpenid,
  findOtherByIdHash,
  insertMember,
  isDuplicateOpenid,
  isDuplicateIdNumber,
  updateMember,
} from './repository';
import { maskPhone, memberView } from './view';

/**
 * Every review program's cases, loaded when a rule about a member across programs first needs
 * them (a profile change, a reveal): GET /me, most of this function's work, never loads the programs.
 */
const programCases = async () => (await import('../officer/programs')).PROGRAM_CASES;

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
    member: await memberView(db, doc),
  };
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
  return memberView(db, doc!);
}

export async function updateProfile(
  db: Db,
  cipher: PiiCipher,
  caller: Caller,
  input: UpdateProfileInput,
  requestId: string,
): Promise<UpdateProfileResponse> {
  if (input.consentVersion !== CURRENT_CONSENT_VERSION) throw new AppError('CONSENT_REQUIRED');
  const org = await findOrg(db, input.orgId);
  if (!org) throw new AppError('ORG_NOT_FOUND');
  if (org.level !== 'base') throw new AppError('ORG_NOT_BASE');
  const me = caller.record;
  const idNumber = normalizeIdNumber(input.idNumber);
  const idNumberHash = cipher.lookupHash(idNumber);
  const name = input.name.trim();
  const now = new Date();
  const identity = {
    name,
    idNumberEnc: cipher.encrypt(idNumber),
    idNumberHash,
    idNumberMasked: maskIdNumber(idNumber),
  };
  const nameChanged = me.name !== null && me.name !== name;
  const idNumberChanged = me.idNumberHash !== null && me.idNumberHash !== idNumberHash;
  const cases = me.name ? await casesOfMember(db, await programCases(), caller.memberId) : [];
  // a case past draft carries this identity: changing it waits for an officer's confirmation
  const waits = (nameChanged || idNumberChanged) && submitted(cases).length > 0;
  if (waits && (await findOtherByIdHash(db, idNumberHash, me._id))) throw new AppError('ID_NUMBER_TAKEN');
  const stay = org.id !== me.orgId ? openSubmitted(cases) : [];
  try {
    const doc = await inTransaction(async (session) => {
      const updated = await updateMember(
        db,
        me._id,
        {
          ...(waits ? { pendingIdentity: { ...identity, requestedAt: now } } : identity),
          orgId: org.id,
          orgPath: org.path,
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
          data: {
            orgId: org.id,
            idNumberChanged: me.idNumberHash !== idNumberHash,
            ...(waits ? { identityChangeWaits: true } : {}),
            ...(stay.length ? { openCasesKeptAt: stay.map((c) => c.doc.orgId) } : {}),
          },
        },
        session,
      );
      return updated;
    });
    const notices = [
      ...(waits
        ? ['您已有提交过的申请，姓名或身份证号的修改要由工会确认后才生效；确认前仍使用原来的信息。']
        : []),
      ...stay.map((c) => `您的${c.program.name}申请仍由${c.doc.orgName}办理，不会转到新的工会。`),
    ];
    return { ...(await memberView(db, doc!)), notices };
  } catch (e) {
    if (isDuplicateIdNumber(e)) throw new AppError('ID_NUMBER_TAKEN');
    throw e;
  }
}

/** One answer for no such member, one outside the officer's reach and one with nothing to serve. */
const NOTHING_TO_SERVE = '没有找到这位会员在您管辖范围内、现在需要核对身份证号的申请';

/**
 * An officer reads a member's full ID number: for a case of theirs the officer reviews in a state
 * that needs it, or to confirm their waiting change of identity (then the new number too). Any
 * other member, in scope or not, is NOT_FOUND; within the hourly limit; audited with its purpose.
 */
export async function revealIdNumber(
  db: Db,
  cipher: PiiCipher,
  caller: Caller,
  memberId: string,
  input: MemberRevealInput,
  opts: { requestId: string; perHour: number },
): Promise<{ idNumber: string; pendingIdNumber?: string }> {
  const doc = await findMemberById(db, memberId);
  if (!doc || memberId === caller.memberId) throw new AppError('NOT_FOUND', NOTHING_TO_SERVE);
  let served: { program: string | null; caseId: string | null; orgPath: string[] } | null = null;
  if ('caseId' in input.serves) {
    const c = await caseServedBy(db, await programCases(), caller, {
      memberId,
      key: input.serves.program,
      caseId: input.serves.caseId,
      field: 'idNumber',
    });
    if (c) served = { program: input.serves.program, caseId: input.serves.caseId, orgPath: c.orgPath };
  } else if (doc.pendingIdentity && isInScope(caller, doc.orgPath)) {
    served = { program: null, caseId: null, orgPath: doc.orgPath };
  }
  if (!served) throw new AppError('NOT_FOUND', NOTHING_TO_SERVE);
  if (!doc.idNumberEnc) throw new AppError('VALUE_NOT_GIVEN');
  await recordReveal(
    db,
    caller,
    {
      subjectId: memberId,
      field: 'idNumber',
      purpose: input.purpose,
      note: input.note,
      ...served,
      entity: 'member',
      entityId: memberId,
    },
    opts,
  );
  const pendingIdNumber =
    !served.caseId && doc.pendingIdentity ? cipher.decrypt(doc.pendingIdentity.idNumberEnc) : undefined;
  return { idNumber: cipher.decrypt(doc.idNumberEnc), ...(pendingIdNumber ? { pendingIdNumber } : {}) };
}
