/**
 * 金秋助学 campaigns (docs/domain.md "金秋助学"): each year a 区 or 市 union sets its own terms —
 * the window (typically July to late August), the school levels it covers, the amount per level
 * and group, the exclusion questions and the materials asked for, and how many days the granted
 * names stay on 公示. A union's members are covered by the nearest 区/市 on its path that runs
 * a campaign that year. Only a 区 or 市 officer sets one, for their own org; once per year.
 */
import { ObjectId, type Db } from 'mongodb';
import {
  SCHOOL_LEVEL_TEXT,
  type CampaignView,
  type CreateCampaignInput,
  type CurrentCampaignResponse,
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
  findCoveringCampaign,
  findOrgCampaign,
  insertCampaign,
  isCampaignTaken,
  type CampaignDoc,
} from './campaign-repository';
import { groupOf } from './group';

export function windowState(c: Pick<CampaignDoc, 'opensAt' | 'closesAt'>, now: Date): WindowState {
  if (now < c.opensAt) return 'not_yet';
  return now < c.closesAt ? 'open' : 'closed';
}

export function toCampaignView(c: CampaignDoc, now: Date): CampaignView {
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
    opensOn: input.opensOn,
    closesOn: input.closesOn,
    opensAt: chinaDayStart(input.opensOn),
    closesAt: chinaDayEnd(input.closesOn),
    levels: [...new Set(input.levels)],
    amounts: input.amounts,
    exclusions: input.exclusions,
    materials: input.materials,
    publicityDays: input.publicityDays,
    applications: 0,
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
  return toCampaignView(doc, now);
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
    ownCampaign: own ? toCampaignView(own, now) : null,
    today: chinaDayOf(now),
  };
}
