/**
 * 金秋助学 campaigns (docs/domain.md "金秋助学"): each year a 区 or 市 union sets its own terms —
 * the window (typically July to late August), the school levels it covers, the amount per level
 * and group, the exclusion questions and the materials asked for, and how many days the granted
 * names stay on 公示. A union's members are covered by the nearest 区/市 on its path that runs
 * a campaign that year. Only a 区 or 市 officer sets one, for their own org; once per year.
 * An officer of that org may edit it: every term while no one has applied; after the first
 * application only the closing day (to extend or end the window, not before today), since the
 * applications were judged on those terms (the database holds both: campaign-repository.ts).
 */
import { isDeepStrictEqual } from 'node:util';
import { ObjectId, type Db } from 'mongodb';
import {
  SCHOOL_LEVEL_TEXT,
  type CampaignView,
  type CreateCampaignInput,
  type CurrentCampaignResponse,
  type UpdateCampaignInput,
  type WindowState,
} from '../../../src/contracts/bursary';
import { writeAudit } from '../../platform/audit/audit-log';
import type { Caller } from '../../platform/auth/caller';
import { officerScope } from '../../platform/auth/org-scope';
import { inTransaction } from '../../platform/db/transactions';
import { AppError } from '../../platform/http/app-error';
import { chinaDayEnd, chinaDayOf, chinaDayStart, chinaYearOf } from '../../platform/time/china-day';
import { findOrg } from '../orgs/repository';
import {
  campaignVersion,
  findCampaign,
  findCoveringCampaign,
  findOrgCampaign,
  insertCampaign,
  isCampaignTaken,
  updateCampaignTerms,
  type CampaignDoc,
  type CampaignTerms,
} from './campaign-repository';
import { groupOf } from './group';

export function windowState(c: Pick<CampaignDoc, 'opensAt' | 'closesAt'>, now: Date): WindowState {
  if (now < c.opensAt) return 'not_yet';
  return now < c.closesAt ? 'open' : 'closed';
}

/** `own`: for an officer of the union that runs it, who alone sees how many have applied. */
export function toCampaignView(
  c: CampaignDoc,
  now: Date,
  reader: 'own' | 'covered' = 'covered',
): CampaignView {
  return {
    id: c._id.toHexString(),
    orgId: c.orgId,
    orgName: c.orgName,
    year: c.year,
    opensOn: c.opensOn,
    closesOn: c.closesOn,
    window: windowState(c, now),
    levels: c.levels,
    amounts: c.amounts,
    exclusions: c.exclusions,
    materials: c.materials,
    publicityDays: c.publicityDays,
    version: campaignVersion(c),
    applications: reader === 'own' ? c.applications : null,
  };
}

/** The checks across fields that the schema cannot make, each said in words. */
function problemWith(input: CreateCampaignInput): string | null {
  if (input.opensOn > input.closesOn) return '报名截止日期不能早于开始日期';
  if (Number(input.opensOn.slice(0, 4)) !== input.year || Number(input.closesOn.slice(0, 4)) !== input.year)
    return `报名时间要在 ${input.year} 年之内`;
  for (const level of input.levels) {
    const row = input.amounts[level];
    if (!row || Object.values(row).every((v) => v === undefined))
      return `请填写${SCHOOL_LEVEL_TEXT[level]}的资助金额`;
  }
  const extra = (Object.keys(input.amounts) as (keyof typeof input.amounts)[]).find(
    (l) => input.amounts[l] && !input.levels.includes(l),
  );
  if (extra) return `没有选${SCHOOL_LEVEL_TEXT[extra]}，就不要填它的金额`;
  const ids = input.exclusions.map((q) => q.id);
  if (new Set(ids).size !== ids.length) return '排除条件的编号不能重复';
  return null;
}

/** The terms as stored from an input: the window as days and as moments. */
function termsOf(input: Omit<UpdateCampaignInput, 'version'>): CampaignTerms {
  return {
    opensOn: input.opensOn,
    closesOn: input.closesOn,
    opensAt: chinaDayStart(input.opensOn),
    closesAt: chinaDayEnd(input.closesOn),
    levels: [...new Set(input.levels)],
    amounts: input.amounts,
    exclusions: input.exclusions,
    materials: input.materials,
    publicityDays: input.publicityDays,
  };
}

export async function createCampaign(
  db: Db,
  caller: Caller,
  input: CreateCampaignInput,
  requestId: string,
): Promise<CampaignView> {
  const scope = officerScope(caller);
  if (scope.level !== 'district' && scope.level !== 'city')
    throw new AppError('FORBIDDEN', '金秋助学由区/市总工会设置');
  const problem = problemWith(input);
  if (problem) throw new AppError('VALIDATION_FAILED', problem);
  const org = await findOrg(db, scope.orgId);
  if (!org) throw new AppError('FORBIDDEN');
  const now = new Date();
  const doc: CampaignDoc = {
    _id: new ObjectId(),
    orgId: org.id,
    orgName: org.name,
    orgLevel: org.level,
    year: input.year,
    ...termsOf(input),
    applications: 0,
    version: 1,
    createdBy: caller.memberId,
    createdAt: now,
  };
  try {
    await inTransaction(async (session) => {
      await insertCampaign(db, doc, session);
      await writeAudit(
        db,
        {
          actorId: caller.memberId,
          action: 'bursary.campaign_created',
          entity: 'bursaryCampaign',
          entityId: doc._id.toHexString(),
          orgPath: org.path,
          requestId,
          data: { year: doc.year, opensOn: doc.opensOn, closesOn: doc.closesOn },
        },
        session,
      );
    });
  } catch (e) {
    if (isCampaignTaken(e)) throw new AppError('BURSARY_CAMPAIGN_EXISTS');
    throw e;
  }
  return toCampaignView(doc, now, 'own');
}

const TERM_FIELDS = [
  'opensOn',
  'closesOn',
  'levels',
  'amounts',
  'exclusions',
  'materials',
  'publicityDays',
] as const;

/** The terms that differ (levels as a set; the moments follow the days). */
function changedTerms(before: CampaignDoc, after: CampaignTerms): (typeof TERM_FIELDS)[number][] {
  return TERM_FIELDS.filter((f) =>
    f === 'levels'
      ? !isDeepStrictEqual(new Set(before.levels), new Set(after.levels))
      : !isDeepStrictEqual(before[f], after[f]),
  );
}

/**
 * An officer of the campaign's own union changes its terms, at the version read. Another
 * union's campaign is answered as a missing one. Once anyone has applied only the closing day
 * changes (BURSARY_CAMPAIGN_IN_USE otherwise), and a changed closing day is never before today.
 * A save that changes nothing writes nothing.
 */
export async function updateCampaign(
  db: Db,
  caller: Caller,
  id: string,
  input: UpdateCampaignInput,
  requestId: string,
): Promise<CampaignView> {
  const scope = officerScope(caller);
  const found = ObjectId.isValid(id) ? await findCampaign(db, new ObjectId(id)) : null;
  if (!found || found.orgId !== scope.orgId) throw new AppError('NOT_FOUND');
  if (input.version !== campaignVersion(found)) throw new AppError('VERSION_CONFLICT');
  const problem = problemWith({ ...input, year: found.year });
  if (problem) throw new AppError('VALIDATION_FAILED', problem);
  const terms = termsOf(input);
  const changed = changedTerms(found, terms);
  const now = new Date();
  if (changed.length === 0) return toCampaignView(found, now, 'own');
  // the terms applications are judged on: all but the closing day
  const judged = changed.some((f) => f !== 'closesOn');
  if (judged && found.applications > 0) throw new AppError('BURSARY_CAMPAIGN_IN_USE');
  if (changed.includes('closesOn') && input.closesOn < chinaDayOf(now))
    throw new AppError('VALIDATION_FAILED', '报名截止日期不能早于今天');
  const set: Partial<CampaignTerms> = judged ? terms : { closesOn: terms.closesOn, closesAt: terms.closesAt };
  const org = await findOrg(db, found.orgId);
  const written = await inTransaction(async (session) => {
    if (!(await updateCampaignTerms(db, found, set, judged, session))) return false;
    await writeAudit(
      db,
      {
        actorId: caller.memberId,
        action: 'bursary.campaign_updated',
        entity: 'bursaryCampaign',
        entityId: found._id.toHexString(),
        orgPath: org?.path ?? [found.orgId],
        requestId,
        data: {
          changed,
          ...(changed.includes('opensOn') ? { opensOn: [found.opensOn, terms.opensOn] } : {}),
          ...(changed.includes('closesOn') ? { closesOn: [found.closesOn, terms.closesOn] } : {}),
        },
      },
      session,
    );
    return true;
  });
  const after = await findCampaign(db, found._id);
  if (!after) throw new AppError('NOT_FOUND');
  if (!written) {
    // the campaign moved on since it was read: edited by someone else, or applied to meanwhile
    if (campaignVersion(after) !== input.version) throw new AppError('VERSION_CONFLICT');
    throw new AppError('BURSARY_CAMPAIGN_IN_USE');
  }
  return toCampaignView(after, now, 'own');
}

/** This year's campaign for the caller's union, the caller's group, and a 区/市 officer's own campaign. */
export async function currentCampaign(db: Db, caller: Caller): Promise<CurrentCampaignResponse> {
  const now = new Date();
  const year = chinaYearOf(now);
  const [campaign, applicant, own] = await Promise.all([
    findCoveringCampaign(db, caller.orgPath, year),
    caller.orgId && caller.name ? groupOf(db, caller.memberId, year) : null,
    caller.roles.includes('officer') &&
    caller.officerOrgId &&
    (caller.officerLevel === 'district' || caller.officerLevel === 'city')
      ? findOrgCampaign(db, caller.officerOrgId, year)
      : null,
  ]);
  return {
    campaign: campaign ? toCampaignView(campaign, now) : null,
    applicant: applicant && {
      group: applicant.group,
      groupText: applicant.groupText,
      reason: applicant.reason,
    },
    ownCampaign: own ? toCampaignView(own, now, 'own') : null,
    today: chinaDayOf(now),
  };
}
