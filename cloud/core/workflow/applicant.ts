/**
 * Who applies for a case of any program, and the applicant's identity as a case keeps it: a
 * member with a complete real-name profile (name, ID number, 基层工会), else PROFILE_INCOMPLETE.
 * The case copies their name, ID number (masked, and encrypted for an audited reveal) and union.
 * A draft takes them when it is made, and the kit copies them again when the owner first submits
 * (case-flow.ts), so a case shows the applicant as they were when they applied: a later change of
 * name or ID number (which, once a member has a submitted case, waits for an officer's
 * confirmation) or of union never rewrites it, and a reveal on the case shows the number it was
 * submitted with. newCaseBase (case-store.ts) makes a new case's kit fields from it.
 */
import type { ClientSession, Db } from 'mongodb';
import type { Org } from '../../../src/contracts/orgs';
import type { EncryptedValue, MemberDoc } from '../../platform/db/collections';
import { AppError } from '../../platform/http/app-error';
import { findMemberById } from '../members/repository';
import { findOrg } from '../orgs/repository';

export interface ApplicantIdentity {
  /** the member who applied: the case's owner */
  applicantId: string;
  applicantName: string;
  applicantIdNumberMasked: string | null;
  applicantIdNumberEnc: EncryptedValue | null;
  orgId: string;
  orgName: string;
  orgPath: string[];
}

/** The applicant as a program reads them when it builds a case (e.g. their ID number's hash). */
export interface Applicant {
  identity: ApplicantIdentity;
  org: Org;
  member: MemberDoc & { name: string; idNumberHash: string };
}

/** The member's identity now, and their union; PROFILE_INCOMPLETE without a real-name profile. */
export async function applicantIdentity(
  db: Db,
  memberId: string,
  session?: ClientSession,
): Promise<Applicant> {
  const me = await findMemberById(db, memberId, session);
  if (!me?.orgId || !me.name || !me.idNumberHash) throw new AppError('PROFILE_INCOMPLETE');
  const org = await findOrg(db, me.orgId);
  if (!org) throw new AppError('PROFILE_INCOMPLETE');
  return {
    identity: {
      applicantId: memberId,
      applicantName: me.name,
      applicantIdNumberMasked: me.idNumberMasked,
      applicantIdNumberEnc: me.idNumberEnc,
      orgId: org.id,
      orgName: org.name,
      orgPath: [...org.path],
    },
    org,
    member: me as Applicant['member'],
  };
}
