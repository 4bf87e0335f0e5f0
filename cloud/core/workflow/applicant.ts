/**
 * Who applies for a new case of any program: a member with a complete real-name profile (name,
 * ID number, 基层工会), else PROFILE_INCOMPLETE. The case starts with the kit's fields for them:
 * in the table's first state, at version 1, open, in their union's path, nothing decided yet.
 */
import { ObjectId, type Db } from 'mongodb';
import type { Org } from '../../../src/contracts/orgs';
import type { Caller } from '../../platform/auth/caller';
import type { MemberDoc } from '../../platform/db/collections';
import { AppError } from '../../platform/http/app-error';
import { findMemberById } from '../members/repository';
import { findOrg } from '../orgs/repository';
import type { CaseDocBase } from './case-store';

export interface Applicant {
  member: MemberDoc & { name: string; idNumberHash: string };
  org: Org;
}

export async function applicantOf(db: Db, caller: Caller): Promise<Applicant> {
  const member = await findMemberById(db, caller.memberId);
  if (!member?.orgId || !member.name || !member.idNumberHash) throw new AppError('PROFILE_INCOMPLETE');
  const org = await findOrg(db, member.orgId);
  if (!org) throw new AppError('PROFILE_INCOMPLETE');
  return { member: member as Applicant['member'], org };
}

/**
 * The kit's fields of a new case for this applicant, in the program's first state. With an
 * operation id (the request's Idempotency-Key) the case is named by it, so a retried create whose
 * first run committed meets its own case (caseFlow.create answers with it).
 */
export function newCase(
  { member, org }: Applicant,
  initial: string,
  now: Date,
  operationId?: string,
): CaseDocBase {
  return {
    _id: operationId ? new ObjectId(operationId) : new ObjectId(),
    applicantId: member._id.toHexString(),
    applicantName: member.name,
    orgId: org.id,
    orgName: org.name,
    orgPath: org.path,
    status: initial,
    version: 1,
    open: true,
    returnedFrom: null,
    publicity: null,
    history: [],
    createdAt: now,
    submittedAt: null,
    updatedAt: now,
  };
}
