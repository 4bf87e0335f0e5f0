/** Read models: my cases, the officer queue at my level, the 公示 list, the 年审 list, pending counts. */
import type { Db } from 'mongodb';
import type { AidCaseSummary, AidQueueResponse, AidStatus } from '../../../src/contracts/aid';
import { AppError } from '../../platform/http/app-error';
import type { Caller } from '../../platform/auth/caller';
import { officerOrgOf } from '../../platform/auth/org-scope';
import { reviewLevelOf } from '../workflow/actor';
import { countAtStatuses, listMine, listPublicity, listReviewDue, queuePage } from './repository';
import { toPublicityItem, toSummary } from './views';
import { QUEUE_STATUSES } from './workflow';

export interface QueueParams {
  status?: string;
  category?: string;
  orgId?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

function levelStatuses(caller: Caller): AidStatus[] {
  const role = reviewLevelOf(caller.officerLevel);
  if (!role) throw new AppError('FORBIDDEN');
  return QUEUE_STATUSES[role];
}

export async function myCases(db: Db, caller: Caller): Promise<{ items: AidCaseSummary[] }> {
  return { items: (await listMine(db, caller.memberId)).map((d) => toSummary(d)) };
}

export async function officerQueue(db: Db, caller: Caller, p: QueueParams): Promise<AidQueueResponse> {
  const officerOrgId = officerOrgOf(caller);
  const mine = levelStatuses(caller);
  const statuses = p.status ? mine.filter((s) => s === p.status) : mine;
  if (statuses.length === 0)
    return { statuses: mine, items: [], total: 0, page: p.page, pageSize: p.pageSize };
  const { items, total } = await queuePage(db, { ...p, statuses, officerOrgId });
  return {
    statuses: mine,
    items: items.map((d) => toSummary(d)),
    total,
    page: p.page,
    pageSize: p.pageSize,
  };
}

export async function pendingAtMyLevel(db: Db, caller: Caller): Promise<number> {
  return countAtStatuses(db, levelStatuses(caller), officerOrgOf(caller));
}

export async function publicityList(db: Db) {
  return { items: (await listPublicity(db, new Date())).map(toPublicityItem) };
}

export async function reviewsDue(db: Db, caller: Caller): Promise<{ items: AidCaseSummary[] }> {
  return { items: (await listReviewDue(db, officerOrgOf(caller), new Date())).map((d) => toSummary(d)) };
}
