/**
 * The case flow every review program shares: a state change is one MongoDB transaction that
 *  1. loads the case and checks the caller may address it: a public action (an objection) only
 *     where the public may take it now, else NOT_FOUND in the program's words, so nothing is
 *     learnt of other cases; any other action only by a reader (actor.ts: a stranger hears
 *     NOT_FOUND, an officer of another subtree NOT_IN_ORG_SCOPE);
 *  2. lets the engine decide (engine.ts, refusals in its documented order);
 *  3. writes the result at the version it read (a stale one: VERSION_CONFLICT), the history
 *     entry pushed; 4. the audit entry; 5. the side effects (a payment's ledger entry; a grant's
 *     register entry, whose unique index refuses a second grant with the effect's own code);
 *  6. the table's notices (消息), keyed per case version so a retried transaction tells no one twice.
 * After commit the caller's `afterNotify` hears each notice (e.g. a WeChat subscription message).
 * Creating a case with submit is the table's `submit` applied to the new draft (version 0 → 1),
 * so one event has one audit name whichever route took it.
 */
import { MongoServerError, type ClientSession, type Db } from 'mongodb';
import type { Caller } from '../../platform/auth/caller';
import { writeAudit } from '../../platform/audit/audit-log';
import { inTransaction } from '../../platform/db/transactions';
import { AppError } from '../../platform/http/app-error';
import { recordGrant } from '../grants/repository';
import { recordLedgerEntry } from '../ledger/repository';
import { notify } from '../notifications/repository';
import { findOrg } from '../orgs/repository';
import { assertCanRead, type WorkflowActor } from './actor';
import type { CaseDocBase, CaseStore } from './case-store';
import { applyTransition, publicStates, type TransitionResult } from './engine';
import type { ProgramTable, WorkflowCase, WorkflowInput } from './table';

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

export interface CreateOptions extends FlowOptions {
  /**
   * A condition the database checks in the same transaction as the insert, e.g. a conditional
   * update that matches only while an application window is open; it throws to refuse.
   */
  guard?: (session: ClientSession) => Promise<void>;
}

async function actorOf(db: Db, caller: Caller): Promise<WorkflowActor> {
  const org = caller.officerOrgId ? await findOrg(db, caller.officerOrgId) : null;
  return { ...caller, officerOrgName: org?.name ?? null };
}

async function tell(told: Told[], opts: FlowOptions): Promise<void> {
  if (opts.afterNotify) for (const t of told) await opts.afterNotify(t);
}

/**
 * The flow bound to one program: its table, its store (case-store.ts), how its documents read
 * as the engine's snapshot, and the owner's page for a case (messages link to it).
 */
export function caseFlow<
  S extends string,
  A extends string,
  D extends CaseDocBase,
  C extends WorkflowCase<S>,
  I extends WorkflowInput,
  P extends object,
>(program: {
  table: ProgramTable<S, A, C, I, P>;
  store: CaseStore<D>;
  snapshot: (doc: D) => C;
  caseLink: (id: string) => string;
}) {
  const { table, store } = program;

  /** Everything a transition leaves besides the case document: audit, ledger, notices. */
  async function record(
    db: Db,
    doc: D,
    step: { result: TransitionResult<S, A, P>; case: C; input: I },
    requestId: string,
    session: ClientSession,
  ): Promise<Told[]> {
    const { result } = step;
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
      else if (effect.kind === 'grant') {
        const { register, year, subjectHash } = effect;
        const grant = { register, year, subjectHash, program: table.name, caseId: doc._id, at: entry.at };
        if (!(await recordGrant(db, grant, session))) throw new AppError(effect.refusal);
      }
    }
    const notices = table.notices({
      action: entry.action,
      from: entry.from,
      to: entry.to,
      actorRole: entry.actorRole,
      comment: entry.comment,
      orgName: (entry.actorRole === 'officer' ? entry.orgName : null) ?? doc.orgName,
      case: step.case,
      input: step.input,
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

  /** An owner's change that is no transition: a draft created, the form edited. */
  async function auditOwnerStep(
    db: Db,
    caller: Caller,
    doc: D,
    what: 'draft_created' | 'form_updated',
    requestId: string,
    session: ClientSession,
  ): Promise<void> {
    const entry = { actorId: caller.memberId, action: `${table.name}.${what}`, entity: table.entity };
    await writeAudit(
      db,
      { ...entry, entityId: doc._id.toHexString(), orgPath: doc.orgPath, requestId },
      session,
    );
  }

  /** The case, if the caller may read it (else NOT_FOUND, or NOT_IN_ORG_SCOPE to an officer of another subtree). */
  async function loadReadable(db: Db, caller: Caller, id: string): Promise<D> {
    const doc = await store.find(db, id);
    if (!doc) throw new AppError('NOT_FOUND');
    assertCanRead(caller, program.snapshot(doc));
    return doc;
  }

  return {
    program,
    loadReadable,

    /**
     * A new case in the table's first state, as the program built it (version 1); with `submit`,
     * that action is applied to it first, exactly as to a saved draft.
     */
    async create(db: Db, caller: Caller, draft: D, submit: A | null, opts: CreateOptions): Promise<D> {
      let doc = draft;
      let step: { result: TransitionResult<S, A, P>; case: C; input: I } | null = null;
      if (submit) {
        // the draft as if saved a moment ago (version 0): the engine makes it version 1
        const unsaved = program.snapshot({ ...draft, version: 0 });
        const actor = await actorOf(db, caller);
        const input = { version: 0 } as I;
        const result = applyTransition(table, unsaved, actor, submit, input, draft.createdAt);
        step = { result, case: unsaved, input };
        doc = { ...draft, ...result.patch, history: [result.historyEntry] };
      }
      let told: Told[] = [];
      try {
        await inTransaction(async (session) => {
          await opts.guard?.(session);
          await store.insert(db, doc, session);
          if (step) told = await record(db, doc, step, opts.requestId, session);
          else await auditOwnerStep(db, caller, doc, 'draft_created', opts.requestId, session);
        });
      } catch (e) {
        // a retry of a create that landed (the same operation id names the same case): that case
        // is the answer, whichever unique index refused the second insert first
        if (e instanceof MongoServerError && e.code === 11000) {
          const landed = await store.find(db, doc._id.toHexString());
          if (landed && landed.applicantId === caller.memberId) return landed;
        }
        throw e;
      }
      await tell(told, opts);
      return doc;
    },

    /** Loads the case, lets the engine decide, and writes its result and records in one transaction. */
    async transition(
      db: Db,
      caller: Caller,
      id: string,
      request: I & { action: A },
      opts: FlowOptions,
    ): Promise<D> {
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
        told = await record(
          db,
          doc,
          { result, case: snapshot, input: input as unknown as I },
          opts.requestId,
          session,
        );
        return next;
      });
      await tell(told, opts);
      return updated;
    },

    /**
     * The owner changes the application while its state is editable (a draft, or returned for
     * more material); the version guards against a stale tab. `change` gives the fields to set.
     */
    async edit(
      db: Db,
      caller: Caller,
      { id, version }: { id: string; version: number },
      change: (doc: D) => Promise<Partial<D>>,
      opts: Pick<FlowOptions, 'requestId'>,
    ): Promise<D> {
      const doc = await loadReadable(db, caller, id);
      if (doc.applicantId !== caller.memberId) throw new AppError('FORBIDDEN');
      if (!table.states[doc.status as S].editable)
        throw new AppError('TRANSITION_NOT_ALLOWED', table.text.notEditable);
      if (version !== doc.version) throw new AppError('VERSION_CONFLICT');
      const set = await change(doc);
      return inTransaction(async (session) => {
        const next = await store.updateAtVersion(db, doc._id, version, { $set: set }, session);
        if (!next) throw new AppError('VERSION_CONFLICT');
        await auditOwnerStep(db, caller, next, 'form_updated', opts.requestId, session);
        return next;
      });
    },
  };
}
