/** Read models: my children's applications, the officer queue at my level, the 公示 list, pending counts. */
import type { Db } from 'mongodb';
import type {
  BursaryPublicityItem,
  BursaryQueueResponse,
  BursarySummary,
} from '../../../src/contracts/bursary';
import type { Caller } from '../../platform/auth/caller';
import { officerScope, type OfficerScope } from '../../platform/auth/org-scope';
import { officerQueue as queueOf, pendingAt, type QueueParams } from '../workflow/queue';
import { bursaryApplications, PUBLICITY_PROJECTION, QUEUE_PROJECTION } from './repository';
import { toPublicityItem, toSummary } from './views';
import { BURSARY_WORKFLOW } from './workflow';

/** What the kit's queue reads of the program: its table's levels and its store. */
const APPLICATIONS = { table: BURSARY_WORKFLOW, store: bursaryApplications };
const ON_NOTICE = ['publicity'];

export async function myApplications(db: Db, caller: Caller): Promise<{ items: BursarySummary[] }> {
  const docs = await bursaryApplications.listMine(db, caller.memberId);
  return { items: docs.map((d) => toSummary(d, caller)) };
}

export async function officerQueue(
  db: Db,
  caller: Caller,
  p: Omit<QueueParams, 'match'> & { level?: string },
): Promise<BursaryQueueResponse> {
  const { level, ...rest } = p;
  const match = level ? { 'child.level': level } : undefined;
  const q = await queueOf(db, APPLICATIONS, officerScope(caller), { ...rest, match }, QUEUE_PROJECTION);
  return { ...q, items: q.items.map((d) => toSummary(d, caller)) };
}

/** The workbench's count: applications waiting at the officer's level in their subtree. */
export async function pendingAtMyLevel(db: Db, scope: OfficerScope): Promise<number> {
  return pendingAt(db, APPLICATIONS, scope);
}

/** 公示 (public notice): applications approved and on notice now, across all orgs, names masked. */
export async function publicityList(db: Db): Promise<{ items: BursaryPublicityItem[] }> {
  const docs = await bursaryApplications.listOnPublicNotice(db, ON_NOTICE, new Date(), PUBLICITY_PROJECTION);
  return { items: docs.map(toPublicityItem) };
}
