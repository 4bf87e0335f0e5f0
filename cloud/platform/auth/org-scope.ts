/**
 * Org-subtree authorization. Every document that belongs to an org stores `orgPath` (ids from
 * the 市总 down to its 基层工会); an officer of org X may see it iff `orgPath` contains X.
 *  - Lists and counts: a repository's officer query takes an `OfficerScope` (made only by
 *    `officerScope(caller)`) and starts its filter with `scopeFilter(scope)`, so a handler that
 *    forgets a check still cannot read another org's records (tests/api/officer-scope.test.ts
 *    watches every query an officer's request sends).
 *  - One document loaded by id: `isInScope` / `assertInScope` on its `orgPath`.
 */
import type { OrgLevel } from '../../../src/contracts/orgs';
import { AppError } from '../http/app-error';
import type { Caller } from './caller';

declare const made: unique symbol;

/** An officer's reach: their org and its subtree. */
export interface OfficerScope {
  readonly orgId: string;
  readonly level: OrgLevel;
  readonly [made]: true;
}

/** The caller's reach as an officer; FORBIDDEN for anyone who is not one. */
export function officerScope(caller: Caller): OfficerScope {
  if (!caller.roles.includes('officer') || !caller.officerOrgId || !caller.officerLevel)
    throw new AppError('FORBIDDEN');
  return { orgId: caller.officerOrgId, level: caller.officerLevel } as OfficerScope;
}

/** The filter every officer query starts with; `narrowTo` keeps one org below the officer's. */
export function scopeFilter(
  scope: OfficerScope,
  narrowTo?: string,
): { orgPath: string | { $all: string[] } } {
  return { orgPath: narrowTo ? { $all: [scope.orgId, narrowTo] } : scope.orgId };
}

export function isInScope(caller: Caller, orgPath: readonly string[]): boolean {
  return (
    caller.officerOrgId !== null && caller.roles.includes('officer') && orgPath.includes(caller.officerOrgId)
  );
}

export function assertInScope(caller: Caller, orgPath: readonly string[]): void {
  if (!isInScope(caller, orgPath)) throw new AppError('NOT_IN_ORG_SCOPE');
}
