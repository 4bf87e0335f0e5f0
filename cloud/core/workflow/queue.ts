/**
 * The officer's queue for any program: the cases waiting at the officer's review level (the
 * table's states of that level), inside their subtree (the store scopes every officer query),
 * newest first, one page at a time; and how many wait, for the workbench.
 */
import type { Db, Document } from 'mongodb';
import type { CaseQueueResponse } from '../../../src/contracts/workflow';
import type { Caller } from '../../platform/auth/caller';
import { AppError } from '../../platform/http/app-error';
import { officerScope, type OfficerScope } from '../../platform/auth/org-scope';
import { chinaDayEnd, chinaDayStart } from '../../platform/time/china-day';
import { reviewLevelOf, type ReviewLevel } from './actor';
import type { CaseDocBase, CaseStore } from './case-store';
import { queueStates } from './engine';

type Levels<S extends string> = { states: Readonly<Record<S, { level: ReviewLevel | null }>> };

export interface QueueParams {
  /** one of the level's states, or all of them */
  status?: string;
  /** one org below the officer's */
  orgId?: string;
  from?: Date;
  to?: Date;
  /** the program's own filters (e.g. a category) */
  match?: Document;
  page: number;
  pageSize: number;
}

/** A case list query's narrowing as the queue reads it: whole days in China time (to = through that day), page 1 and 20 a page unless asked. */
export function queueParamsOf(q: {
  orgId?: string;
  from?: string;
  to?: string;
  page?: string;
  pageSize?: string;
}): Omit<QueueParams, 'status' | 'match'> {
  return {
    orgId: q.orgId,
    from: q.from ? chinaDayStart(q.from) : undefined,
    to: q.to ? chinaDayEnd(q.to) : undefined,
    page: Number(q.page ?? 1),
    pageSize: Number(q.pageSize ?? 20),
  };
}

/** The states an officer's level works on; FORBIDDEN to an officer whose org is not a review level. */
export function statesAtLevel<S extends string>(table: Levels<S>, scope: OfficerScope): S[] {
  const level = reviewLevelOf(scope.level);
  if (!level) throw new AppError('FORBIDDEN');
  return queueStates(table, level);
}

export async function officerQueue<S extends string, D extends CaseDocBase>(
  db: Db,
  program: { table: Levels<S>; store: CaseStore<D> },
  scope: OfficerScope,
  p: QueueParams,
  projection?: Document,
): Promise<{ statuses: S[]; items: D[]; total: number; page: number; pageSize: number }> {
  const mine = statesAtLevel(program.table, scope);
  const statuses = p.status ? mine.filter((s) => s === p.status) : mine;
  const page = { page: p.page, pageSize: p.pageSize };
  if (statuses.length === 0) return { statuses: mine, items: [], total: 0, ...page };
  const { items, total } = await program.store.queuePage(
    db,
    scope,
    { statuses, narrowTo: p.orgId, submittedFrom: p.from, submittedTo: p.to, match: p.match, ...page },
    projection,
  );
  return { statuses: mine, items, total, ...page };
}

/** How many cases wait at the officer's level in their subtree. */
export async function pendingAt<S extends string, D extends CaseDocBase>(
  db: Db,
  program: { table: Levels<S>; store: CaseStore<D> },
  scope: OfficerScope,
): Promise<number> {
  return program.store.countAt(db, scope, statesAtLevel(program.table, scope));
}

/**
 * A program's lists, each row drawn by the program: the owner's own cases, the officer's queue
 * page (narrowed by one of the level's statuses and by the program's own filters, which `filter`
 * turns into a match; `projection` leaves out what a row never shows), and for the workbench how
 * many wait at the officer's level and the newest of them.
 */
export function caseLists<
  S extends string,
  D extends CaseDocBase,
  T,
  F extends { status?: string },
>(program: {
  table: Levels<S>;
  store: CaseStore<D>;
  row: (doc: D, caller: Caller) => T;
  projection: Document;
  filter: (only: F) => Document | undefined;
}) {
  return {
    async mine(db: Db, caller: Caller): Promise<{ items: T[] }> {
      const docs = await program.store.listMine(db, caller.memberId);
      return { items: docs.map((d) => program.row(d, caller)) };
    },
    async queue(
      db: Db,
      caller: Caller,
      params: Omit<QueueParams, 'status' | 'match'>,
      only: F,
    ): Promise<CaseQueueResponse<T, S>> {
      const p = { ...params, status: only.status, match: program.filter(only) };
      const q = await officerQueue(db, program, officerScope(caller), p, program.projection);
      return { ...q, items: q.items.map((d) => program.row(d, caller)) };
    },
    pending: (db: Db, scope: OfficerScope): Promise<number> => pendingAt(db, program, scope),
    /** the newest `n` cases waiting at the officer's level, for the workbench */
    async waiting(db: Db, caller: Caller, n: number): Promise<T[]> {
      const q = await officerQueue(
        db,
        program,
        officerScope(caller),
        { page: 1, pageSize: n },
        program.projection,
      );
      return q.items.map((d) => program.row(d, caller));
    },
  };
}
