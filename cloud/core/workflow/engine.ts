/**
 * The workflow engine: given a program table, a case, the caller and the requested action,
 * decides the next state or refuses with a stable code. Checks run in this order, so the
 * answer never leaks more than the caller may know:
 *  1. may the caller see the case at all (owner, or officer whose org is on the case's path)?
 *  2. is the version the caller saw still current (else VERSION_CONFLICT, nothing changes)?
 *  3. is the action defined in this state (else TRANSITION_NOT_ALLOWED)?
 *  4. is it the caller's to take (else NOT_YOUR_LEVEL for an officer of another level,
 *     FORBIDDEN otherwise)?  5. are its requirements met?
 */
import { AppError } from '../../platform/http/app-error';
import type { OrgLevel } from '../../../src/contracts/orgs';
import {
  REQUIREMENT_ERRORS,
  type ActorRole,
  type ProgramTable,
  type Requirement,
  type TransitionRule,
} from './table';

export interface WorkflowActor {
  memberId: string;
  roles: readonly string[];
  officerOrgId: string | null;
  officerLevel: OrgLevel | null;
}

export interface WorkflowCase<S extends string> {
  status: S;
  version: number;
  ownerId: string;
  orgPath: readonly string[];
  returnedFrom: S | null;
}

export interface WorkflowInput {
  version: number;
  comment?: string;
  category?: string;
  visit?: unknown;
  objectionId?: string;
}

/** Facts about the case that requirements check (computed by the program's service). */
export type WorkflowFacts = Partial<Record<Requirement, boolean>>;

export function officerRole(level: OrgLevel | null): Exclude<ActorRole, 'owner' | 'member'> | null {
  if (level === 'base') return 'base';
  if (level === 'town') return 'town';
  if (level === 'district' || level === 'city') return 'approver'; // 区/市 approve
  return null;
}

/** The roles this caller holds on this case. */
export function rolesOn(actor: WorkflowActor, c: WorkflowCase<string>): Set<ActorRole> {
  const roles = new Set<ActorRole>(['member']);
  if (actor.memberId === c.ownerId) roles.add('owner');
  const level = officerRole(actor.officerLevel);
  if (
    level &&
    actor.roles.includes('officer') &&
    actor.officerOrgId &&
    c.orgPath.includes(actor.officerOrgId)
  ) {
    roles.add(level);
  }
  return roles;
}

export function canRead(actor: WorkflowActor, c: WorkflowCase<string>): boolean {
  const roles = rolesOn(actor, c);
  return roles.size > 1; // owner or an officer in scope
}

export function assertCanRead(actor: WorkflowActor, c: WorkflowCase<string>): void {
  if (canRead(actor, c)) return;
  if (actor.roles.includes('officer')) throw new AppError('NOT_IN_ORG_SCOPE');
  throw new AppError('NOT_FOUND');
}

export interface Decision<S extends string, A extends string> {
  rule: TransitionRule<S, A>;
  from: S;
  to: S;
  role: ActorRole;
}

function unmet(
  rule: TransitionRule<string, string>,
  input: WorkflowInput,
  facts: WorkflowFacts,
): Requirement | null {
  for (const r of rule.requires ?? []) {
    const ok =
      r === 'comment'
        ? Boolean(input.comment && input.comment.trim().length > 0)
        : r === 'category'
          ? Boolean(input.category)
          : r === 'visit'
            ? Boolean(input.visit)
            : r === 'openObjection'
              ? Boolean(input.objectionId) && facts.openObjection === true
              : facts[r] === true;
    if (!ok) return r;
  }
  return null;
}

export function decide<S extends string, A extends string>(
  table: ProgramTable<S, A>,
  c: WorkflowCase<S>,
  actor: WorkflowActor,
  action: A,
  input: WorkflowInput,
  facts: WorkflowFacts = {},
  opts: { publicAction?: boolean } = {},
): Decision<S, A> {
  const roles = rolesOn(actor, c);
  if (!opts.publicAction) assertCanRead(actor, c);
  if (input.version !== c.version) throw new AppError('VERSION_CONFLICT');
  const rules = table.transitions.filter((t) => t.from === c.status && t.action === action);
  if (rules.length === 0) throw new AppError('TRANSITION_NOT_ALLOWED');
  const rule = rules.find((t) => roles.has(t.by));
  if (!rule) {
    const officerLevels = rules.map((t) => t.by).filter((b) => b !== 'owner' && b !== 'member');
    const mine = [...roles].some((r) => r === 'base' || r === 'town' || r === 'approver');
    if (mine && officerLevels.length > 0) throw new AppError('NOT_YOUR_LEVEL');
    throw new AppError('FORBIDDEN');
  }
  const missing = unmet(rule, input, facts);
  if (missing) {
    const e = REQUIREMENT_ERRORS[missing];
    throw new AppError(e.code, e.message);
  }
  const to = rule.to === 'returnedFrom' ? c.returnedFrom : rule.to;
  if (!to) throw new AppError('TRANSITION_NOT_ALLOWED');
  return { rule, from: c.status, to, role: rule.by };
}

/** Actions this caller could take now (requirements aside): what the UI offers. */
export function availableActions<S extends string, A extends string>(
  table: ProgramTable<S, A>,
  c: WorkflowCase<S>,
  actor: WorkflowActor,
): A[] {
  const roles = rolesOn(actor, c);
  return [
    ...new Set(table.transitions.filter((t) => t.from === c.status && roles.has(t.by)).map((t) => t.action)),
  ];
}

/** Why an officer in scope can only read this case now (null when they can act or are not an officer). */
export function readOnlyReason<S extends string, A extends string>(
  table: ProgramTable<S, A>,
  c: WorkflowCase<S>,
  actor: WorkflowActor,
  levelText: Record<string, string>,
): string | null {
  const roles = rolesOn(actor, c);
  const mine = (['base', 'town', 'approver'] as const).find((r) => roles.has(r));
  if (!mine) return null;
  if (availableActions(table, c, actor).length > 0) return null;
  const at = table.levelOf[c.status];
  return at ? `这份申请现在由${levelText[at]}办理，您只能查看` : '这份申请已办结，您只能查看';
}
