/**
 * The applicant's identity as a case keeps it: name, ID number (masked, and encrypted for an
 * audited reveal) and union, copied from the member's real-name profile. A draft takes them when
 * it is made, and the kit copies them again when the owner first submits (case-flow.ts), so a case
 * shows the applicant as they were when they applied: a later change of name or ID number
 * (which, once a member has a submitted case, waits for an officer's confirmation) or of union
 * never rewrites it, and a reveal on the case shows the number it was submitted with.
 */
import type { ClientSession, Db } from 'mongodb';
import type { Org } from '../../../src/contracts/orgs';
import type { EncryptedValue } from '../../platform/db/collections';
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

/** The member's identity now, and their union; PROFILE_INCOMPLETE without a real-name profile. */
export async function applicantIdentity(
  db: Db,
  memberId: string,
  session?: ClientSession,
): Promise<{ identity: ApplicantIdentity; org: Org }> {
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
  };
}
