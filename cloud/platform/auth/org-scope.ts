/**
 * Org-subtree authorization. Every document that belongs to an org stores `orgPath` (ids from
 * the 市总 down to its 基层工会); an officer of org X may see it iff `orgPath` contains X.
 * Repositories add `scopeFilter(caller)` to every officer query, so a handler that forgets a
 * check still cannot read another org's records.
 */
import type { Filter } from 'mongodb';
import { AppError } from '../http/app-error';
import type { Caller } from './caller';

export function officerOrgOf(caller: Caller): string {
  if (!caller.roles.includes('officer') || !caller.officerOrgId) throw new AppError('FORBIDDEN');
  return caller.officerOrgId;
}

export function scopeFilter<T extends { orgPath: string[] }>(caller: Caller): Filter<T> {
  return { orgPath: officerOrgOf(caller) } as Filter<T>;
}

export function isInScope(caller: Caller, orgPath: readonly string[]): boolean {
  return (
    caller.officerOrgId !== null && caller.roles.includes('officer') && orgPath.includes(caller.officerOrgId)
  );
}

export function assertInScope(caller: Caller, orgPath: readonly string[]): void {
  if (!isInScope(caller, orgPath)) throw new AppError('NOT_IN_ORG_SCOPE');
}
