/**
 * The shared half of every review program's repository. A program keeps one collection of case
 * documents with the fields below (plus its own) and declares its indexes beside its document
 * type; reads and writes of the shared fields go through here. Rules the database enforces:
 *  - every change is a compare-and-set on (`_id`, `version`): a stale action matches nothing and
 *    becomes VERSION_CONFLICT instead of a second transition;
 *  - every officer list or count starts its filter with `scopeFilter(scope)`, so no handler can
 *    read a case outside the officer's subtree (cloud/platform/auth/org-scope.ts).
 * The queue reads want an index on { status, orgPath, submittedAt: -1 } in each program.
 */
import {
  ObjectId,
  type ClientSession,
  type Db,
  type Document,
  type Filter,
  type OptionalUnlessRequiredId,
  type Sort,
  type UpdateFilter,
} from 'mongodb';
import { scopeFilter, type OfficerScope } from '../../platform/auth/org-scope';
import type { ApplicantIdentity } from './applicant';
import type { ApprovedAmount } from './approved-amount';
import type { KeptChange, Unsubmitted } from './changes';
import type { HistoryEntry } from './record';
import type { Objection, WorkflowCase } from './table';
import { collectionHandle } from '../../platform/db/collection-handle';

/**
 * The fields every program's case document has. The applicant (the case's owner) as submitted,
 * and their 基层工会 with its path from the 市总 down, are ApplicantIdentity's (applicant.ts): a
 * later change of their profile leaves them alone.
 */
export interface CaseDocBase extends ApplicantIdentity {
  _id: ObjectId;
  status: string;
  version: number;
  /** false only in a final state (a unique index on open cases can hold "one at a time") */
  open: boolean;
  returnedFrom: string | null;
  /** the facts the last return asked the owner to change */
  returnAsks: string[];
  /** the owner's edits since a return, kept apart until resubmitted: no officer reads them (changes.ts) */
  unsubmitted: Unsubmitted | null;
  /** every change resubmitted after a return: field, before, after, when */
  changes: KeptChange[];
  /** the amount the approving level fixed (approved-amount.ts), and what was paid against it this period */
  approvedAmount: ApprovedAmount | null;
  paidFen: number;
  /** 公示: set when the approving level approves; the public list shows the case meanwhile */
  publicity: { startsAt: Date; endsAt: Date } | null;
  objections: Objection[];
  history: HistoryEntry[];
  createdAt: Date;
  /** set by the kit when the owner first submits; null = a draft no officer may read */
  submittedAt: Date | null;
  updatedAt: Date;
}

/**
 * A new case's kit fields: the applicant as now, in the table's first state, version 1. With an
 * operation id (the request's Idempotency-Key) the case is named by it, so a retried create whose
 * first run committed meets its own case (caseFlow.create answers with it).
 */
export function newCaseBase(
  identity: ApplicantIdentity,
  initial: string,
  now: Date,
  operationId?: string,
): CaseDocBase {
  return {
    _id: operationId ? new ObjectId(operationId) : new ObjectId(),
    ...identity,
    status: initial,
    version: 1,
    open: true,
    returnedFrom: null,
    returnAsks: [],
    unsubmitted: null,
    changes: [],
    approvedAmount: null,
    paidFen: 0,
    publicity: null,
    objections: [],
    history: [],
    createdAt: now,
    submittedAt: null,
    updatedAt: now,
  };
}

/**
 * The snapshot fields every case has (table.ts WorkflowCase), read from the kit's fields; a
 * program's snapshot spreads these and adds its own.
 */
export function caseBasics<S extends string>(doc: CaseDocBase): WorkflowCase<S> {
  return {
    id: doc._id.toHexString(),
    status: doc.status as S,
    version: doc.version,
    ownerId: doc.applicantId,
    orgPath: doc.orgPath,
    returnedFrom: (doc.returnedFrom as S | null) ?? null,
    submitted: doc.submittedAt != null,
    returnAsks: doc.returnAsks ?? [],
    changedFacts: (doc.unsubmitted?.changes ?? []).map((c) => c.field),
    amount: doc.approvedAmount
      ? {
          approvedFen: doc.approvedAmount.fen,
          paidFen: doc.paidFen ?? 0,
          defaultFen: doc.approvedAmount.defaultFen,
          periodFrom: doc.approvedAmount.periodFrom,
        }
      : null,
    objections: doc.objections ?? [],
  };
}

/** The case as its owner sees it: with their edits since a return that no officer sees yet. */
export function asOwnerSees<D extends CaseDocBase>(doc: D): D {
  return doc.unsubmitted ? ({ ...doc, ...doc.unsubmitted.set } as D) : doc;
}

export interface QueueQuery {
  /** the states of the officer's level (engine.ts queueStates), or one of them */
  statuses: string[];
  /** one org below the officer's */
  narrowTo?: string;
  submittedFrom?: Date;
  submittedTo?: Date;
  /** the program's own filters (e.g. a category) */
  match?: Document;
  page: number;
  pageSize: number;
}

const validId = (id: string) => /^[a-f0-9]{24}$/i.test(id);

export function caseStore<D extends CaseDocBase>(collectionName: string) {
  const cases = collectionHandle<D>(collectionName);
  const as = (f: Document) => f as Filter<D>;

  /** An officer's queue filter: their subtree first, then the level's states and the narrowing. */
  function queueFilter(scope: OfficerScope, q: QueueQuery): Filter<D> {
    const filter: Document = { ...scopeFilter(scope, q.narrowTo), status: { $in: q.statuses }, ...q.match };
    if (q.submittedFrom || q.submittedTo)
      filter.submittedAt = {
        ...(q.submittedFrom ? { $gte: q.submittedFrom } : {}),
        ...(q.submittedTo ? { $lt: q.submittedTo } : {}),
      };
    return as(filter);
  }

  return {
    collectionName,
    collection: cases,
    queueFilter,

    async insert(db: Db, doc: D, session?: ClientSession): Promise<void> {
      await cases(db).insertOne(doc as OptionalUnlessRequiredId<D>, { session });
    },

    async find(db: Db, id: string, session?: ClientSession): Promise<D | null> {
      if (!validId(id)) return null;
      return (await cases(db).findOne(as({ _id: new ObjectId(id) }), { session })) as D | null;
    },

    /** Applies a change only if the case is still at `version`; null when someone else got there first. */
    async updateAtVersion(
      db: Db,
      id: ObjectId,
      version: number,
      update: { $set: Partial<D>; $push?: Document; $unset?: Document },
      session?: ClientSession,
    ): Promise<D | null> {
      return (await cases(db).findOneAndUpdate(
        as({ _id: id, version }),
        {
          ...update,
          $set: { ...update.$set, version: version + 1, updatedAt: new Date() },
        } as UpdateFilter<D>,
        { returnDocument: 'after', session },
      )) as D | null;
    },

    /** The owner's own cases, newest first. */
    async listMine(db: Db, applicantId: string): Promise<D[]> {
      return (await cases(db).find(as({ applicantId })).sort({ createdAt: -1 }).limit(50).toArray()) as D[];
    },

    /** One page of an officer's queue, newest first, and the total. */
    async queuePage(
      db: Db,
      scope: OfficerScope,
      q: QueueQuery,
      projection: Document = { history: 0 },
    ): Promise<{ items: D[]; total: number }> {
      const filter = queueFilter(scope, q);
      const [items, total] = await Promise.all([
        cases(db)
          .find(filter, { projection })
          .sort({ submittedAt: -1, _id: -1 })
          .skip((q.page - 1) * q.pageSize)
          .limit(q.pageSize)
          .toArray(),
        cases(db).countDocuments(filter),
      ]);
      return { items: items as D[], total };
    },

    /** How many cases in the officer's subtree are in these states. */
    async countAt(db: Db, scope: OfficerScope, statuses: string[]): Promise<number> {
      return cases(db).countDocuments(as({ ...scopeFilter(scope), status: { $in: statuses } }));
    },

    /** Any other officer list: the program's filter inside the officer's subtree. */
    async listInScope(db: Db, scope: OfficerScope, match: Document, sort: Sort, limit = 200): Promise<D[]> {
      return (await cases(db)
        .find(as({ ...match, ...scopeFilter(scope) }))
        .sort(sort)
        .limit(limit)
        .toArray()) as D[];
    },

    /** Cases on public notice (公示) now, across all orgs: a public list, names masked by its view. */
    async listOnPublicNotice(db: Db, statuses: string[], now: Date, projection: Document): Promise<D[]> {
      const docs = (await cases(db)
        .find(as({ status: { $in: statuses } }), { projection })
        .sort({ 'publicity.startsAt': -1 })
        .limit(200)
        .toArray()) as D[];
      return docs.filter((d) => !d.publicity || d.publicity.startsAt <= now);
    },
  };
}

export type CaseStore<D extends CaseDocBase> = ReturnType<typeof caseStore<D>>;
