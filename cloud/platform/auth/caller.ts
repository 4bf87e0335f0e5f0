import type { Role } from '../../../src/contracts/members';
import type { OrgLevel } from '../../../src/contracts/orgs';
import type { MemberDoc, PendingIdentity } from '../db/collections';

/** The caller's member record as loaded for the request: everything but the encrypted values. */
export type CallerRecord = Omit<MemberDoc, 'idNumberEnc' | 'phoneEnc' | 'pendingIdentity'> & {
  pendingIdentity?: Omit<PendingIdentity, 'idNumberEnc'> | null;
};

/** Who is making the request, typed once and carried on the request context. */
export interface Caller {
  memberId: string;
  roles: Role[];
  /** the member's own 基层工会 path (empty until the profile is complete) */
  orgId: string | null;
  orgPath: string[];
  officerOrgId: string | null;
  officerLevel: OrgLevel | null;
  officerOrgPath: string[];
  name: string | null;
  /** the record the fields above come from (read once per request, so handlers need not read it again) */
  record: CallerRecord;
}
