/**
 * Who may do what with a competition. Officers act by org subtree (org-scope.ts):
 *  - manage (edit judges, publish, export, see every entry): an officer of the organiser or of a
 *    union above it;
 *  - scan (check tickets in, offline pack, venue code): those, and officers of unions below the
 *    organiser (a 基层 officer helping at the door);
 *  - judge: an officer named in `judgeIds`;
 *  - enter: a member whose 基层工会 lies under the organiser.
 * Anyone else cannot see the competition at all (NOT_FOUND), as if it did not exist.
 */
import type { Caller } from '../../platform/auth/caller';
import { isInScope } from '../../platform/auth/org-scope';
import { AppError } from '../../platform/http/app-error';
import type { CompetitionDoc } from './repository';

type Competition = Pick<CompetitionDoc, 'orgId' | 'orgPath' | 'judgeIds'>;

const isOfficer = (caller: Caller) => caller.roles.includes('officer') && caller.officerOrgId !== null;

export const mayManage = (caller: Caller, c: Competition) => isInScope(caller, c.orgPath);

export const mayScan = (caller: Caller, c: Competition) =>
  mayManage(caller, c) || (isOfficer(caller) && caller.officerOrgPath.includes(c.orgId));

export const isJudge = (caller: Caller, c: Competition) =>
  isOfficer(caller) && c.judgeIds.includes(caller.memberId);

export const isEligible = (caller: Caller, c: Competition) =>
  caller.orgId !== null && caller.orgPath.includes(c.orgId);

export const mayView = (caller: Caller, c: Competition) =>
  isEligible(caller, c) || mayScan(caller, c) || isJudge(caller, c);

/** Loaded and visible to the caller, or NOT_FOUND (another org's competition looks like none). */
export function visibleOrNotFound<C extends Competition>(caller: Caller, c: C | null): C {
  if (!c || !mayView(caller, c)) throw new AppError('NOT_FOUND');
  return c;
}

export function assertMayManage(caller: Caller, c: Competition): void {
  if (!mayManage(caller, c))
    throw new AppError(caller.roles.includes('officer') ? 'NOT_IN_ORG_SCOPE' : 'FORBIDDEN');
}

export function assertMayScan(caller: Caller, c: Competition): void {
  if (!mayScan(caller, c))
    throw new AppError(caller.roles.includes('officer') ? 'NOT_IN_ORG_SCOPE' : 'FORBIDDEN');
}
