/** Read models: my children's applications, the officer queue at my level, the 公示 list, pending counts. */
import type { Db } from 'mongodb';
import type { BursaryPublicityItem, BursarySummary } from '../../../src/contracts/bursary';
import type { Caller } from '../../platform/auth/caller';
import { caseLists } from '../workflow/queue';
import { bursaryApplications, PUBLICITY_PROJECTION, QUEUE_PROJECTION } from './repository';
import { toPublicityItem, toSummary } from './views';
import { BURSARY_WORKFLOW } from './workflow';

/** The kit's lists of applications: each row a bursary summary; the queue narrowed by school level. */
const lists = caseLists({
  table: BURSARY_WORKFLOW,
  store: bursaryApplications,
  row: toSummary,
  projection: QUEUE_PROJECTION,
  filter: (only: { status?: string; level?: string }) =>
    only.level ? { 'child.level': only.level } : undefined,
});
const ON_NOTICE = ['publicity'];

export const myApplications: (db: Db, caller: Caller) => Promise<{ items: BursarySummary[] }> = lists.mine;
export const officerQueue: typeof lists.queue = lists.queue;
/** The list route's two lists (GET /applications?mine=1 | ?queue=1). */
export const applicationLists = { mine: myApplications, queue: officerQueue };

export const pendingAtMyLevel = lists.pending;
/** What the workbench reads: how many wait at the officer's level, and the newest of them. */
export const officerWork = { pending: lists.pending, waiting: lists.waiting };

/** 公示 (public notice): applications approved and on notice now, across all orgs, names masked. */
export async function publicityList(db: Db): Promise<{ items: BursaryPublicityItem[] }> {
  const docs = await bursaryApplications.listOnPublicNotice(db, ON_NOTICE, new Date(), PUBLICITY_PROJECTION);
  return { items: docs.map(toPublicityItem) };
}
