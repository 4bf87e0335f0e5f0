/**
 * Read models: my cases, the officer queue at my level, the 公示 list, the 年审 list, pending
 * counts, and when a member's household was filed (建档), which other programs read (金秋助学's group).
 */
import type { Db } from 'mongodb';
import type { AidCaseSummary, AidQueueResponse } from '../../../src/contracts/aid';
import type { Caller } from '../../platform/auth/caller';
import { officerScope, type OfficerScope } from '../../platform/auth/org-scope';
import { publicStates } from '../workflow/engine';
import { officerQueue as queueOf, pendingAt, type QueueParams } from '../workflow/queue';
import { aidCases, listReviewDue, PUBLICITY_PROJECTION, QUEUE_PROJECTION } from './repository';
import { toPublicityItem, toSummary } from './views';
import { AID_ON_FILE, AID_WORKFLOW } from './workflow';

/** What the kit's queue reads of the program: its table's levels and its store. */
const AID_CASES = { table: AID_WORKFLOW, store: aidCases };

export async function myCases(db: Db, caller: Caller): Promise<{ items: AidCaseSummary[] }> {
  return { items: (await aidCases.listMine(db, caller.memberId)).map((d) => toSummary(d, caller)) };
}

export async function officerQueue(
  db: Db,
  caller: Caller,
  p: Omit<QueueParams, 'match'> & { category?: string },
): Promise<AidQueueResponse> {
  const { category, ...rest } = p;
  const q = await queueOf(
    db,
    AID_CASES,
    officerScope(caller),
    { ...rest, match: category ? { category } : undefined },
    QUEUE_PROJECTION,
  );
  return { ...q, items: q.items.map((d) => toSummary(d, caller)) };
}

/** The workbench's count: cases waiting at the officer's level in their subtree. */
export async function pendingAtMyLevel(db: Db, scope: OfficerScope): Promise<number> {
  return pendingAt(db, AID_CASES, scope);
}

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
