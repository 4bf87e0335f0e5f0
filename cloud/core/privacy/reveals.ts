/**
 * Reveals of full personal values (PIPL: sensitive data, access logged). Every reveal, by any
 * route, goes through `recordReveal`, which
 *  1. counts it against the officer's hourly limit (REVEALS_PER_HOUR, default 30), a quota kept
 *     in MongoDB so that every function instance shares it: past the limit, nothing is revealed;
 *  2. writes the audit entry `pii.revealed`: who, whose value, which value, why (purpose and
 *     note) and the case it serves, under the case's org path.
 * The routes decide beforehand that the value may be revealed at all (the case is readable to
 * the officer, and its state needs the value at their level: case-flow.ts `reveal`).
 * `revealReport` lets the officers of an org read those entries for their subtree.
 */
import type { Db } from 'mongodb';
import {
  REVEAL_FIELD_TEXT,
  REVEAL_PURPOSE_TEXT,
  type RevealField,
  type RevealPurpose,
  type RevealReportResponse,
} from '../../../src/contracts/privacy';
import type { Caller } from '../../platform/auth/caller';
import type { OfficerScope } from '../../platform/auth/org-scope';
import { auditPageInScope, writeAudit } from '../../platform/audit/audit-log';
import { registerIndexes } from '../../platform/db/indexes';
import { AppError } from '../../platform/http/app-error';
import { takeHourlyQuota } from '../../platform/limits/quota';
import { findMemberNames } from '../members/repository';
import { findOrg } from '../orgs/repository';

// the reveal report: an org's reveals, newest first
registerIndexes('auditLog', [{ key: { action: 1, orgPath: 1, at: -1 }, name: 'action_org_at' }]);

export const REVEAL_ACTION = 'pii.revealed';

export interface Reveal {
  /** whose value */
  subjectId: string;
  field: RevealField;
  purpose: RevealPurpose;
  note?: string;
  /** the case it serves (program name and id), or null for a member's identity change */
  program: string | null;
  caseId: string | null;
  /** the audited entity: the case's (e.g. aidCase) or the member */
  entity: string;
  entityId: string;
  orgPath: string[];
}

/** Counts the reveal against the officer's hourly limit and audits it; refuses past the limit. */
export async function recordReveal(
  db: Db,
  caller: Caller,
  r: Reveal,
  { perHour, requestId }: { perHour: number; requestId: string },
): Promise<void> {
  if (!(await takeHourlyQuota(db, 'reveals', caller.memberId, perHour)))
    throw new AppError('REVEAL_LIMIT_REACHED');
  await writeAudit(db, {
    actorId: caller.memberId,
    action: REVEAL_ACTION,
    entity: r.entity,
    entityId: r.entityId,
    orgPath: r.orgPath,
    requestId,
    data: {
      field: r.field,
      subjectId: r.subjectId,
      purpose: r.purpose,
      ...(r.note ? { note: r.note } : {}),
      program: r.program,
      caseId: r.caseId,
    },
  });
}

const asString = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The reveals in the officer's subtree, newest first, one page at a time. */
export async function revealReport(
  db: Db,
  scope: OfficerScope,
  { page, pageSize }: { page: number; pageSize: number },
): Promise<RevealReportResponse> {
  const { entries, total } = await auditPageInScope(db, scope, REVEAL_ACTION, { page, pageSize });
  const byId = await findMemberNames(
    db,
    entries.flatMap((e) => [e.actorId ?? '', asString(e.data?.subjectId) ?? e.entityId]),
  );
  const items = await Promise.all(
    entries.map(async (e) => {
      const officer = e.actorId ? byId.get(e.actorId) : undefined;
      const subject = byId.get(asString(e.data?.subjectId) ?? e.entityId);
      const org = officer?.officerOrgId ? await findOrg(db, officer.officerOrgId) : null;
      const field = (asString(e.data?.field) ?? 'idNumber') as RevealField;
      const purpose = asString(e.data?.purpose) as RevealPurpose | null;
      return {
        at: e.at.toISOString(),
        officerName: officer?.name ?? null,
        officerOrgName: org?.name ?? null,
        memberName: subject?.name ?? null,
        field,
        fieldText: REVEAL_FIELD_TEXT[field] ?? field,
        purpose,
        purposeText: purpose ? REVEAL_PURPOSE_TEXT[purpose] : '未说明',
        note: asString(e.data?.note),
        program: asString(e.data?.program),
        caseId: asString(e.data?.caseId),
      };
    }),
  );
  return { items, page, pageSize, total };
}
