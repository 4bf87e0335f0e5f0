/**
 * Who the caller is on one case. The org tree is 市 → 区/县 → 镇/街道 → 基层; a case belongs to a
 * 基层工会 and carries its path (root → 基层). An officer stands on a case only when the case's
 * path contains the officer's org (docs/domain.md: officers act only inside their own subtree), and
 * acts as the review level of their org: 基层 初审, 镇/街道 审核, 区 or 市 审批 (docs/workflow-kit.md).
 * A member never reviews their own case, even when they are an officer in scope. A case its owner
 * has not submitted yet (a draft) is theirs alone: no officer stands on it, however placed.
 */
import type { OrgLevel } from '../../../src/contracts/orgs';
import { AppError } from '../../platform/http/app-error';
import type { WorkflowCase } from './table';

/** The caller as the workflow sees it (structurally a subset of the platform's Caller). */
export interface WorkflowActor {
  memberId: string;
  roles: readonly string[];
  officerOrgId: string | null;
  officerLevel: OrgLevel | null;
  /** the acting org's name, recorded in history so the worker sees who decided (never the officer) */
  officerOrgName?: string | null;
}

/** The three review levels: 基层 初审, 镇/街道 审核, 区/市 审批. */
export type ReviewLevel = 'base' | 'town' | 'approver';
export const REVIEW_LEVELS: readonly ReviewLevel[] = ['base', 'town', 'approver'];

/** 区 and 市 officers both approve (审批): the approving level is whichever of them is in scope. */
export function reviewLevelOf(level: OrgLevel | null): ReviewLevel | null {
  if (level === 'base') return 'base';
  if (level === 'town') return 'town';
  if (level === 'district' || level === 'city') return 'approver';
  return null;
}

function isOfficer(actor: WorkflowActor): boolean {
  return actor.roles.includes('officer') && actor.officerOrgId !== null && actor.officerLevel !== null;
}

/** The caller's standing on the case: owner, the review level they act as here (in scope), or neither. */
export interface Standing {
  owner: boolean;
  /** set only for an officer whose subtree holds the case and who is not its owner */
  level: ReviewLevel | null;
  officer: boolean;
}

type Placed = Pick<WorkflowCase<string>, 'ownerId' | 'orgPath' | 'submitted'>;

export function standingOn(actor: WorkflowActor, c: Placed): Standing {
  const owner = actor.memberId === c.ownerId;
  const officer = isOfficer(actor);
  const inScope = officer && c.submitted && c.orgPath.includes(actor.officerOrgId as string);
  return { owner, officer, level: inScope && !owner ? reviewLevelOf(actor.officerLevel) : null };
}

/** The owner, or an officer whose subtree holds the submitted case (the owner-officer reads as owner). */
export function canRead(actor: WorkflowActor, c: Placed): boolean {
  const s = standingOn(actor, c);
  return s.owner || s.level !== null;
}

/**
 * For read routes: whoever may not read the case hears NOT_FOUND, exactly as for an id that names
 * nothing: an officer of another subtree, an officer on a draft, another worker. Case ids are
 * ObjectIds, close to sequential, so any other answer would let ids be enumerated.
 */
export function assertCanRead(actor: WorkflowActor, c: Placed): void {
  if (!canRead(actor, c)) throw new AppError('NOT_FOUND');
}
