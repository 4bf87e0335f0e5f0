import type { Role } from '../../../src/contracts/members';
import type { OrgLevel } from '../../../src/contracts/orgs';

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
}
