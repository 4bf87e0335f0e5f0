/**
 * The case flow every review program shares: a state change is one MongoDB transaction that
 *  1. loads the case and checks the caller may address it: a public action (an objection) only
 *     where the public may take it now, else NOT_FOUND in the program's words, so nothing is
 *     learnt of other cases; any other action only by a reader (actor.ts: a stranger hears
 *     NOT_FOUND, an officer of another subtree NOT_IN_ORG_SCOPE);
 *  2. lets the engine decide (engine.ts, refusals in its documented order);
 *  3. writes the result at the version it read (a stale one: VERSION_CONFLICT), the history
 *     entry pushed; 4. the audit entry; 5. the side effects (a payment's ledger entry);
 *  6. the table's notices (消息), keyed per case version so a retried transaction tells no one twice.
 * After commit the caller's `afterNotify` hears each notice (e.g. a WeChat subscription message).
 * Creating a case with submit is the table's `submit` applied to the new draft (version 0 → 1),
 * so one event has one audit name whichever route took it.
 */
import type { ClientSession, Db } from 'mongodb';
import type { Caller } from '../../platform/auth/caller';
import { writeAudit } from '../../platform/audit/audit-log';
import { inTransaction } from '../../platform/db/transactions';
import { AppError } from '../../platform/http/app-error';
import { recordLedgerEntry } from '../ledger/repository';
import { notify } from '../notifications/repository';
import { findOrg } from '../orgs/repository';
import { assertCanRead, type WorkflowActor } from './actor';
import type { CaseDocBase, CaseStore } from './case-store';
import { applyTransition, publicStates, type TransitionResult } from './engine';
import type { ProgramTable, WorkflowCase, WorkflowInput } from './table';

/** A program as the flow needs it: its table, its store, and how its documents read. */
export interface CaseProgram<
  S extends string,
  A extends string,
  D extends CaseDocBase,
  C extends WorkflowCase<S>,
  I extends WorkflowInput,
  P extends object,
> {
  table: ProgramTable<S, A, C, I, P>;
  store: CaseStore<D>;
  /** the document as the engine reads it */
  snapshot: (doc: D) => C;
  /** the owner's page for the case: messages link to it */
  caseLink: (id: string) => string;
}

/** A notice as it left, for `afterNotify` (the case's status after the change included). */
export interface Told {
  memberId: string;
  title: string;
  body: string;
  link: string;
  status: string;
}

export interface FlowOptions {
  requestId: string;
  /** after commit: each member told (消息), e.g. also send a WeChat subscription message */
  afterNotify?: (told: Told) => Promise<void>;
}

async function actorOf(db: Db, caller: Caller): Promise<WorkflowActor> {
  const org = caller.officerOrgId ? await findOrg(db, caller.officerOrgId) : null;
  return { ...caller, officerOrgName: org?.name ?? null };
}

/** Everything a transition leaves besides the case document: audit, ledger, notices. */
async function record<
  S extends string,
  A extends string,
  D extends CaseDocBase,
  C extends WorkflowCase<S>,
  I extends WorkflowInput,
  P extends object,
>(
  db: Db,
  program: CaseProgram<S, A, D, C, I, P>,
  doc: D,
  result: TransitionResult<S, A, P>,
  requestId: string,
  session: ClientSession,
): Promise<Told[]> {
  const { table } = program;
  const id = doc._id.toHexString();
  const entry = result.historyEntry;
  await writeAudit(db, { ...result.audit, requestId }, session);
  for (const effect of result.sideEffects) {
    if (effect.kind === 'ledger')
      await recordLedgerEntry(
        db,
        {
          program: table.name,
          caseId: doc._id,
          applicantId: doc.applicantId,
          orgPath: doc.orgPath,
          amountFen: effect.amountFen,
          kind: effect.paymentKind,
          year: entry.at.getFullYear(),
          at: entry.at,
          officerId: entry.actorId,
        },
        session,
      );
  }
  const notices = table.notices({
    action: entry.action,
    from: entry.from,
    to: entry.to,
    actorRole: entry.actorRole,
    comment: entry.comment,
    orgName: (entry.actorRole === 'officer' ? entry.orgName : null) ?? doc.orgName,
  });
  const told: Told[] = [];
  for (const [i, n] of notices.entries()) {
    const note = { memberId: doc.applicantId, title: n.title, body: n.body, link: program.caseLink(id) };
    const dedupeKey = `${table.name}:${id}:v${result.patch.version}${i ? `:${i}` : ''}`;
    await notify(db, { ...note, dedupeKey }, session);
    told.push({ ...note, status: result.status });
  }
  return told;
}

async function tell(told: Told[], opts: FlowOptions): Promise<void> {
  if (opts.afterNotify) for (const t of told) await opts.afterNotify(t);
}

/**
 * A new case in the program's first state, as the program built it (version 1); with `submit`,
 * the table's `submit` is applied to it first, exactly as to a saved draft.
 */
export async function createCase<
  S extends string,
  A extends string,
  D extends CaseDocBase,
  C extends WorkflowCase<S>,
  I extends WorkflowInput,
  P extends object,
>(
  db: Db,
  program: CaseProgram<S, A, D, C, I, P>,
  caller: Caller,
  draft: D,
  submit: A | null,
  opts: FlowOptions,
): Promise<D> {
  const { table, store } = program;
  const id = draft._id.toHexString();
  let doc = draft;
  let result: TransitionResult<S, A, P> | null = null;
  if (submit) {
    // the draft as if saved a moment ago (version 0): the engine makes it version 1
    const unsaved = { ...draft, version: 0 };
    result = applyTransition(
      table,
      program.snapshot(unsaved),
      await actorOf(db, caller),
      submit,
      {
        version: 0,
      } as I,
      draft.createdAt,
    );
    doc = { ...draft, ...result.patch, history: [result.historyEntry] };
  }
  let told: Told[] = [];
  await inTransaction(async (session) => {
    await store.insert(db, doc, session);
    if (result) told = await record(db, program, doc, result, opts.requestId, session);
    else
      await writeAudit(
        db,
        {
          actorId: caller.memberId,
          action: `${table.name}.draft_created`,
          entity: table.entity,
          entityId: id,
          orgPath: doc.orgPath,
          requestId: opts.requestId,
        },
        session,
      );
  });
  await tell(told, opts);
  return doc;
}

/** The case, if the caller may read it (else NOT_FOUND, or NOT_IN_ORG_SCOPE to an officer of another subtree). */
export async function loadReadable<
  S extends string,
  A extends string,
  D extends CaseDocBase,
  C extends WorkflowCase<S>,
  I extends WorkflowInput,
  P extends object,
>(db: Db, program: CaseProgram<S, A, D, C, I, P>, caller: Caller, id: string): Promise<D> {
  const doc = await program.store.find(db, id);
  if (!doc) throw new AppError('NOT_FOUND');
  assertCanRead(caller, program.snapshot(doc));
  return doc;
}

/** Loads the case, lets the engine decide, and writes its result and records in one transaction. */
export async function transitionCase<
  S extends string,
  A extends string,
  D extends CaseDocBase,
  C extends WorkflowCase<S>,
  I extends WorkflowInput,
  P extends object,
>(
  db: Db,
  program: CaseProgram<S, A, D, C, I, P>,
  caller: Caller,
  id: string,
  request: I & { action: A },
  opts: FlowOptions,
): Promise<D> {
  const { table, store } = program;
  // read outside the transaction: everything inside it goes through its session
  const actor = await actorOf(db, caller);
  const { action, ...input } = request;
  const isPublic = table.transitions.some((t) => t.action === action && t.by === 'public');
  let told: Told[] = [];
  const updated = await inTransaction(async (session) => {
    told = []; // a retried attempt must not repeat an earlier attempt's notices
    const doc = await store.find(db, id, session);
    if (!doc) throw new AppError('NOT_FOUND');
    const snapshot = program.snapshot(doc);
    if (isPublic) {
      if (!publicStates(table).includes(snapshot.status))
        throw new AppError('NOT_FOUND', table.text.notPublic);
    } else assertCanRead(caller, snapshot);
    const result = applyTransition(table, snapshot, actor, action, input as unknown as I, new Date());
    const next = await store.updateAtVersion(
      db,
      doc._id,
      doc.version,
      { $set: result.patch as unknown as Partial<D>, $push: { history: result.historyEntry } },
      session,
    );
    if (!next) throw new AppError('VERSION_CONFLICT');
    told = await record(db, program, doc, result, opts.requestId, session);
    return next;
  });
  await tell(told, opts);
  return updated;
}

/**
 * The owner changes the application while its state is editable (a draft, or returned for more
 * material); the version guards against a stale tab. `change` gives the fields to set.
 */
export async function editCase<
  S extends string,
  A extends string,
  D extends CaseDocBase,
  C extends WorkflowCase<S>,
  I extends WorkflowInput,
  P extends object,
>(
  db: Db,
  program: CaseProgram<S, A, D, C, I, P>,
  caller: Caller,
  id: string,
  version: number,
  change: (doc: D) => Promise<Partial<D>>,
  opts: Pick<FlowOptions, 'requestId'>,
): Promise<D> {
  const { table, store } = program;
  const doc = await loadReadable(db, program, caller, id);
  if (doc.applicantId !== caller.memberId) throw new AppError('FORBIDDEN');
  if (!table.states[doc.status as S].editable)
    throw new AppError('TRANSITION_NOT_ALLOWED', table.text.notEditable);
  if (version !== doc.version) throw new AppError('VERSION_CONFLICT');
  const set = await change(doc);
  return inTransaction(async (session) => {
    const next = await store.updateAtVersion(db, doc._id, version, { $set: set }, session);
    if (!next) throw new AppError('VERSION_CONFLICT');
    await writeAudit(
      db,
      {
        actorId: caller.memberId,
        action: `${table.name}.form_updated`,
        entity: table.entity,
        entityId: id,
        orgPath: doc.orgPath,
        requestId: opts.requestId,
      },
      session,
    );
    return next;
  });
}
