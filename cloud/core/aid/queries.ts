/**
 * Read models: my cases, the officer queue at my level, the 公示 list, the 年审 list, pending
 * counts, and when a member's household was filed (建档), which other programs read (金秋助学's group).
 */
import type { Db } from 'mongodb';
import type { AidCaseSummary } from '../../../src/contracts/aid';
import type { Caller } from '../../platform/auth/caller';
import { officerScope } from '../../platform/auth/org-scope';
import { publicStates } from '../workflow/engine';
import { caseLists } from '../workflow/queue';
import { aidCases, listReviewDue, PUBLICITY_PROJECTION, QUEUE_PROJECTION } from './repository';
import { toPublicityItem, toSummary } from './views';
import { AID_ON_FILE, AID_WORKFLOW } from './workflow';

/** The kit's lists of aid cases: each row an aid summary; the queue narrowed by the category decided. */
const lists = caseLists({
  table: AID_WORKFLOW,
  store: aidCases,
  row: toSummary,
  projection: QUEUE_PROJECTION,
  filter: (only: { status?: string; category?: string }) =>
    only.category ? { category: only.category } : undefined,
});

export const myCases: (db: Db, caller: Caller) => Promise<{ items: AidCaseSummary[] }> = lists.mine;
export const officerQueue: typeof lists.queue = lists.queue;
/** The list route's two lists (GET /cases?mine=1 | ?queue=1). */
export const aidCaseLists = { mine: myCases, queue: officerQueue };

export const pendingAtMyLevel = lists.pending;
/** What the workbench reads: how many wait at the officer's level, and the newest of them. */
export const officerWork = { pending: lists.pending, waiting: lists.waiting };

export async function publicityList(db: Db) {
  const docs = await aidCases.listOnPublicNotice(
    db,
    publicStates(AID_WORKFLOW),
    new Date(),
    PUBLICITY_PROJECTION,
  );
  return { items: docs.map(toPublicityItem) };
}

export async function reviewsDue(db: Db, caller: Caller): Promise<{ items: AidCaseSummary[] }> {
  const due = await listReviewDue(db, officerScope(caller), AID_ON_FILE, new Date());
  return { items: due.map((d) => toSummary(d, caller)) };
}

/**
 * When the member's household was first filed (建档), among its cases on file (在档); null when it
 * has none. Read from the case history's 建档 step, so it is the date the approving union filed it.
 */
export async function filedSince(db: Db, memberId: string): Promise<Date | null> {
  const dates = (await aidCases.listMine(db, memberId))
    .filter((d) => AID_ON_FILE.includes(d.status as (typeof AID_ON_FILE)[number]))
    .flatMap((d) => d.history.filter((h) => h.action === 'file').map((h) => h.at.getTime()));
  return dates.length ? new Date(Math.min(...dates)) : null;
}
