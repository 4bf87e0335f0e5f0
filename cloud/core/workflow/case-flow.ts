/**
 * The case flow every review program shares: a state change is one MongoDB transaction that
 *  1. loads the case and checks the caller may address it: a public action (an objection) only
 *     where the public may take it now, else NOT_FOUND in the program's words, so nothing is
 *     learnt of other cases; any other action only by a reader (actor.ts: whoever may not read
 *     it, an officer of another subtree or on a draft included, hears NOT_FOUND);
 *  2. lets the engine decide (engine.ts, refusals in its documented order) on the case as the
 *     caller sees it (the owner: with their edits since a return);
 *  3. writes the result at the version it read (a stale one: VERSION_CONFLICT), the history
 *     entry pushed; when the owner hands the application over (a submission or resubmission),
 *     their edits since a return become the application and its diff is kept for good, and on
 *     the first submission the applicant's identity is copied as it is then (applicant.ts);
 *  4. the audit entry; 5. the side effects (a payment's ledger entry, within the approved
 *     amount; a grant's register entry, whose unique index refuses a second grant with the
 *     effect's own code);
 *  6. the table's notices (消息), keyed per case version so a retried transaction tells no one twice.
 * After commit the caller's `afterNotify` hears each notice (e.g. a WeChat subscription message).
 * Creating a case with submit is the table's `submit` applied to the new draft (version 0 → 1),
 * so one event has one audit name whichever route took it.
 * The owner's edits (`edit`) go straight into a draft; once the case was submitted (it is back
 * with them after a return) they are kept apart, compared fact by fact (changes.ts), and no officer
 * reads them until they are resubmitted. Objections (`object`) and reveals (`reveal`) have their
 * own entries, with the checks that keep them from being abused (objections.ts, privacy/reveals.ts).
 */
import type { ClientSession, Db, Document } from 'mongodb';
import { isDuplicateKey } from '../../platform/db/duplicate-key';
import type { RevealField, RevealPurpose } from '../../../src/contracts/privacy';
import type { Caller } from '../../platform/auth/caller';
import type { EncryptedValue } from '../../platform/db/collections';
import { writeAudit } from '../../platform/audit/audit-log';
import { inTransaction } from '../../platform/db/transactions';
import { AppError } from '../../platform/http/app-error';
import { takeDailyQuota } from '../../platform/limits/quota';
import { assertOwnUploads } from '../files/repository';
import { recordGrant } from '../grants/repository';
import { recordLedgerEntry } from '../ledger/repository';
import { hasRealNameProfile } from '../members/view';
import { notify } from '../notifications/repository';
import { findOrg } from '../orgs/repository';
import { recordReveal } from '../privacy/reveals';
import { assertCanRead, standingOn, type WorkflowActor } from './actor';
import { applicantIdentity } from './applicant';
import { asOwnerSees, type CaseDocBase, type CaseStore } from './case-store';
import { diffFacts, type Facts, type KeptChange } from './changes';
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

/** What the route gives a reveal: the request's id, the officer's hourly limit, and how to read an encrypted value. */
export interface RevealOptions {
  requestId: string;
  perHour: number;
  decrypt: (value: EncryptedValue) => string;
}

/** A program's reveal of a personal value on one of its cases (the kit's rule: caseFlow's `reveal`). */
export type CaseReveal = (
  db: Db,
  caller: Caller,
  id: string,
  request: { field: RevealField; purpose: RevealPurpose; note?: string },
  opts: RevealOptions,
) => Promise<string>;

async function actorOf(db: Db, caller: Caller): Promise<WorkflowActor> {
  const org = caller.officerOrgId ? await findOrg(db, caller.officerOrgId) : null;
  return { ...caller, officerOrgName: org?.name ?? null };
}

async function tell(told: Told[], opts: FlowOptions): Promise<void> {
  if (opts.afterNotify) for (const t of told) await opts.afterNotify(t);
}

/**
 * The flow bound to one program: its table, its store (case-store.ts), how its documents read
 * as the engine's snapshot, the owner's page for a case (messages link to it) and, for the diff
 * after a return, the application's facts as reviewers compare them (the table's `facts` names
 * them and says which a lower level verified).
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
  facts?: (doc: D) => Facts;
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
    data?: Record<string, unknown>,
  ): Promise<void> {
    const entry = { actorId: caller.memberId, action: `${table.name}.${what}`, entity: table.entity };
    await writeAudit(
      db,
      {
        ...entry,
        entityId: doc._id.toHexString(),
        orgPath: doc.orgPath,
        requestId,
        ...(data ? { data } : {}),
      },
      session,
    );
  }

  /** The case as this caller may see it: the owner's edits since a return only for the owner. */
  const seenBy = (caller: Pick<Caller, 'memberId'>, doc: D): D =>
    doc.applicantId === caller.memberId ? asOwnerSees(doc) : doc;

  /** The stored case, if the caller may read it; else NOT_FOUND, as for no case at all. */
  async function loadStored(db: Db, caller: Caller, id: string): Promise<D> {
    const doc = await store.find(db, id);
    if (!doc) throw new AppError('NOT_FOUND');
    assertCanRead(caller, program.snapshot(doc));
    return doc;
  }

  /** The case, if the caller may read it, as they may see it; else NOT_FOUND, as for no case at all. */
  async function loadReadable(db: Db, caller: Caller, id: string): Promise<D> {
    return seenBy(caller, await loadStored(db, caller, id));
  }

  /**
   * The update that writes a transition's result: its patch and history entry; when the owner
   * hands the application over, their kept-apart edits folded in with the diff kept, and on the
   * first submission the applicant's identity as it is now.
   */
  async function updateFor(
    db: Db,
    doc: D,
    result: TransitionResult<S, A, P>,
    session: ClientSession,
  ): Promise<{ $set: Partial<D>; $push: Document; $unset?: Document }> {
    const $set: Record<string, unknown> = {};
    const $push: Document = { history: result.historyEntry };
    let $unset: Document | undefined;
    if (result.submits) {
      if (doc.unsubmitted) {
        Object.assign($set, doc.unsubmitted.set);
        const kept: KeptChange[] = doc.unsubmitted.changes.map((c) => ({
          ...c,
          resubmittedAt: result.historyEntry.at,
        }));
        if (kept.length) $push.changes = { $each: kept };
        $unset = { unsubmitted: '' };
      }
      if (doc.submittedAt == null) {
        const { identity } = await applicantIdentity(db, doc.applicantId, session);
        Object.assign($set, identity);
      }
    }
    Object.assign($set, result.patch);
    return { $set: $set as Partial<D>, $push, ...($unset ? { $unset } : {}) };
  }

  /** Loads, decides and writes one transition in one transaction. */
  async function run(
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
      if (isPublic) {
        if (!publicStates(table).includes(doc.status as S))
          throw new AppError('NOT_FOUND', table.text.notPublic);
      } else assertCanRead(caller, program.snapshot(doc));
      const snapshot = program.snapshot(seenBy(caller, doc));
      const given = input as unknown as I;
      const result = applyTransition(table, snapshot, actor, action, given, new Date());
      const next = await store.updateAtVersion(
        db,
        doc._id,
        doc.version,
        await updateFor(db, doc, result, session),
        session,
      );
      if (!next) throw new AppError('VERSION_CONFLICT');
      told = await record(db, doc, { result, case: snapshot, input: given }, opts.requestId, session);
      return next;
    });
    await tell(told, opts);
    return seenBy(caller, updated);
  }

  return {
    program,
    loadReadable,
    /** the case as the caller may see it (for a program's own reads of a loaded document) */
    seenBy,

    /**
     * A new case in the table's first state, as the program built it (version 1; newCaseBase
     * gives the kit's fields); with `submit`, that action is applied to it first, exactly as to
     * a saved draft.
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
        if (isDuplicateKey(e)) {
          const landed = await store.find(db, doc._id.toHexString());
          if (landed && landed.applicantId === caller.memberId) return landed;
        }
        throw e;
      }
      await tell(told, opts);
      return doc;
    },

    /** Loads the case, lets the engine decide, and writes its result and records in one transaction. */
    transition: run,

    /**
     * The owner changes the application while its state is editable (a draft, or returned for
     * more material); the version guards against a stale tab. `change` gets the case as the
     * owner sees it and gives the fields to set. A draft takes them at once; a returned case
     * keeps them apart with their diff (no officer sees them until resubmitted).
     */
    async edit(
      db: Db,
      caller: Caller,
      { id, version }: { id: string; version: number },
      change: (doc: D) => Promise<Partial<D>>,
      opts: Pick<FlowOptions, 'requestId'>,
    ): Promise<D> {
      const stored = await loadStored(db, caller, id);
      if (stored.applicantId !== caller.memberId) throw new AppError('FORBIDDEN');
      if (!table.states[stored.status as S].editable)
        throw new AppError('TRANSITION_NOT_ALLOWED', table.text.notEditable);
      if (version !== stored.version) throw new AppError('VERSION_CONFLICT');
      const set = await change(asOwnerSees(stored));
      const now = new Date();
      let update: { $set: Partial<D> };
      let changed: string[] | undefined;
      if (stored.submittedAt == null) update = { $set: set };
      else {
        const pending = { ...stored.unsubmitted?.set, ...set } as Record<string, unknown>;
        const changes = program.facts
          ? diffFacts(
              program.facts(stored),
              program.facts({ ...stored, ...pending } as D),
              stored.unsubmitted?.changes ?? [],
              now,
            )
          : [];
        changed = changes.map((c) => c.field);
        update = { $set: { unsubmitted: { set: pending, changes, at: now } } as Partial<D> };
      }
      const next = await inTransaction(async (session) => {
        const saved = await store.updateAtVersion(db, stored._id, version, update, session);
        if (!saved) throw new AppError('VERSION_CONFLICT');
        await auditOwnerStep(
          db,
          caller,
          saved,
          'form_updated',
          opts.requestId,
          session,
          changed ? { changedFacts: changed } : undefined,
        );
        return saved;
      });
      return asOwnerSees(next);
    },

    /**
     * A member objects to a case on public notice (公示), through the table's public action.
     * Refused, before anything is written: without a real-name profile; on a case not on notice
     * (NOT_FOUND); while their earlier objection to it is open; with files that are not their
     * own uploads; past their objections for the day (a quota in MongoDB).
     */
    async object(
      db: Db,
      caller: Caller,
      id: string,
      objection: { id: string; text: string; fileIds: string[] },
      opts: FlowOptions & { perDay: number },
    ): Promise<D> {
      if (!hasRealNameProfile(caller.record)) throw new AppError('PROFILE_INCOMPLETE');
      const rule = table.transitions.find((t) => t.by === 'public');
      const doc = rule ? await store.find(db, id) : null;
      if (!rule || !doc || !publicStates(table).includes(doc.status as S))
        throw new AppError('NOT_FOUND', table.text.notPublic);
      if (doc.applicantId === caller.memberId) throw new AppError('FORBIDDEN');
      if ((doc.objections ?? []).some((o) => o.status === 'open' && o.objectorId === caller.memberId))
        throw new AppError('OBJECTION_ALREADY_OPEN');
      await assertOwnUploads(db, caller.memberId, objection.fileIds, 'ATTACHMENT_NOT_OWN');
      if (!(await takeDailyQuota(db, 'objections', caller.memberId, 0, { count: opts.perDay, amount: 0 })))
        throw new AppError('OBJECTION_DAILY_LIMIT');
      const request = {
        action: rule.action,
        version: doc.version,
        objection: { ...objection, objectorId: caller.memberId },
      } as unknown as I & { action: A };
      return run(db, caller, id, request, opts);
    },

    /**
     * An officer reads a personal value of the case in full: the applicant's ID number as
     * submitted (the case's own copy), or a value of the program's (`ownValue`, e.g. aid's bank
     * account). Only a reviewer who may read the case (else NOT_FOUND), only in a state in which
     * the table says their level needs that value (REVEAL_NOT_NEEDED), and within their hourly
     * limit; audited with the purpose they gave (privacy/reveals.ts).
     */
    async reveal(
      db: Db,
      caller: Caller,
      id: string,
      request: { field: RevealField; purpose: RevealPurpose; note?: string },
      opts: RevealOptions & { ownValue?: (doc: D, field: RevealField) => EncryptedValue | null },
    ): Promise<string> {
      const doc = await loadReadable(db, caller, id);
      const { level, owner } = standingOn(caller, program.snapshot(doc));
      if (owner || !level) throw new AppError('FORBIDDEN');
      const needed = table.reveals?.[request.field]?.[level] ?? [];
      if (!needed.includes(doc.status as S)) throw new AppError('REVEAL_NOT_NEEDED');
      const stored =
        request.field === 'idNumber'
          ? doc.applicantIdNumberEnc
          : (opts.ownValue?.(doc, request.field) ?? null);
      if (!stored) throw new AppError('VALUE_NOT_GIVEN');
      const caseId = doc._id.toHexString();
      await recordReveal(
        db,
        caller,
        {
          subjectId: doc.applicantId,
          field: request.field,
          purpose: request.purpose,
          note: request.note,
          program: table.name,
          caseId,
          entity: table.entity,
          entityId: caseId,
          orgPath: doc.orgPath,
        },
        { perHour: opts.perHour, requestId: opts.requestId },
      );
      return opts.decrypt(stored);
    },
  };
}
