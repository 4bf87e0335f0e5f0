/**
 * 困难帮扶 use cases. Every state change is one MongoDB transaction: the conditional update on
 * (_id, version) with the history entry, the audit entry, the ledger entry for payments and the
 * worker's message. A stale version matches nothing and becomes VERSION_CONFLICT; the unique
 * index on open cases turns a second application into AID_CASE_OPEN.
 */
import { ObjectId, type Db } from 'mongodb';
import {
  type AidCaseView,
  type AidForm,
  type AidStatus,
  type CreateAidCaseInput,
  type CreateAidCaseResponse,
  type TransitionInput,
} from '../../../src/contracts/aid';
import { AppError } from '../../platform/http/app-error';
import { writeAudit } from '../../platform/audit/audit-log';
import { inTransaction } from '../../platform/db/transactions';
import type { Caller } from '../../platform/auth/caller';
import type { PiiCipher } from '../../platform/crypto/pii';
import { findOrg } from '../orgs/repository';
import { findMemberById } from '../members/repository';
import { findOwnedFiles } from '../files/repository';
import { notify } from '../notifications/repository';
import { assertCanRead, availableActions, decide, officerRole, readOnlyReason } from '../workflow/engine';
import { assess, type Assessment } from './categories';
import { dibaoMonthlyFen } from './dibao-standards';
import { recordLedgerEntry } from './ledger';
import { decisionMessage } from './messages';
import {
  findCase,
  insertCase,
  isOpenCaseConflict,
  updateCaseAtVersion,
  type AidCaseDoc,
  type AidHistoryEntry,
} from './repository';
import { toView } from './views';
import { AID_WORKFLOW, LEVEL_TEXT } from './workflow';

const REQUIRED_TO_SUBMIT: (keyof AidForm)[] = [
  'householdSize',
  'annualIncomeFen',
  'rigidExpenseFen',
  'mainCause',
  'description',
];
const REVIEW_INTERVAL_MS = 365 * 24 * 3600 * 1000; // 年审: once a year

function missingFields(form: Partial<AidForm>): string[] {
  return REQUIRED_TO_SUBMIT.filter((f) => {
    const v = form[f];
    return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
  });
}

function assessForm(form: Partial<AidForm>, regionCode: string | null, year: number): Assessment {
  const dibao = dibaoMonthlyFen(regionCode, year);
  if (
    form.householdSize === undefined ||
    form.annualIncomeFen === undefined ||
    form.rigidExpenseFen === undefined
  ) {
    return {
      perCapitaMonthlyFen: 0,
      suggestedCategory: 'none',
      reason: '信息未填完整，暂不能判断',
      dibaoMonthlyFen: dibao,
    };
  }
  return assess(
    {
      householdSize: form.householdSize,
      annualIncomeFen: form.annualIncomeFen,
      rigidExpenseFen: form.rigidExpenseFen,
      mainCause: form.mainCause ?? 'other',
    },
    dibao,
  );
}

export async function assessForCaller(db: Db, caller: Caller, form: Partial<AidForm>): Promise<Assessment> {
  const org = caller.orgId ? await findOrg(db, caller.orgId) : null;
  return assessForm(form, org?.regionCode ?? null, new Date().getFullYear());
}

function maskAccount(account: string): string {
  return `${account.slice(0, 4)} **** **** ${account.slice(-4)}`;
}

async function storedForm(
  db: Db,
  cipher: PiiCipher,
  caller: Caller,
  input: AidForm,
  base?: AidCaseDoc['form'],
) {
  if (input.evidenceFileIds?.length) {
    const owned = await findOwnedFiles(db, caller.memberId, input.evidenceFileIds);
    if (owned.length !== new Set(input.evidenceFileIds).size) {
      throw new AppError('VALIDATION_FAILED', '有照片没有上传成功，请重新上传');
    }
  }
  const { bankAccount, ...plain } = input;
  const merged = { ...base, ...plain };
  return {
    householdSize: merged.householdSize,
    annualIncomeFen: merged.annualIncomeFen,
    rigidExpenseFen: merged.rigidExpenseFen,
    mainCause: merged.mainCause,
    secondaryCauses: merged.secondaryCauses ?? [],
    description: merged.description ?? '',
    householdMembers: merged.householdMembers ?? [],
    evidenceFileIds: merged.evidenceFileIds ?? [],
    bankAccountEnc: bankAccount ? cipher.encrypt(bankAccount) : (base?.bankAccountEnc ?? null),
    bankAccountMasked: bankAccount ? maskAccount(bankAccount) : (base?.bankAccountMasked ?? null),
  } as AidCaseDoc['form'];
}

function historyEntry(
  caller: Caller,
  action: string,
  from: AidStatus | 'none',
  to: AidStatus,
  comment: string | null,
  actingOrg: { id: string; name: string } | null,
  role: string,
): AidHistoryEntry {
  const officer = role !== 'owner' && role !== 'member';
  return {
    action,
    from,
    to,
    actorId: caller.memberId,
    actorRole: officer ? 'officer' : 'worker',
    orgId: officer ? (actingOrg?.id ?? null) : null,
    orgName: officer ? (actingOrg?.name ?? null) : null,
    level: officer ? LEVEL_TEXT[role] : null,
    comment,
    at: new Date(),
  };
}

function viewFor(doc: AidCaseDoc, caller: Caller): AidCaseView {
  const wf = workflowCase(doc);
  const actions = availableActions(AID_WORKFLOW, wf, caller).filter((a) => a !== 'record_payment');
  const canPay = availableActions(AID_WORKFLOW, wf, caller).includes('record_payment');
  return toView(doc, {
    actions: canPay ? [...actions, 'record_payment'] : actions,
    readOnlyReason: readOnlyReason(AID_WORKFLOW, wf, caller, LEVEL_TEXT),
    maskApplicant: false,
  });
}

function workflowCase(doc: AidCaseDoc) {
  return {
    status: doc.status as AidStatus,
    version: doc.version,
    ownerId: doc.applicantId,
    orgPath: doc.orgPath,
    returnedFrom: (doc.returnedFrom as AidStatus | null) ?? null,
  };
}

export async function createCase(
  db: Db,
  cipher: PiiCipher,
  caller: Caller,
  input: CreateAidCaseInput,
  requestId: string,
): Promise<CreateAidCaseResponse> {
  const me = await findMemberById(db, caller.memberId);
  if (!me?.orgId || !me.name || !me.idNumberHash) throw new AppError('PROFILE_INCOMPLETE');
  const org = await findOrg(db, me.orgId);
  if (!org) throw new AppError('PROFILE_INCOMPLETE');
  const { submit, ...formInput } = input;
  if (submit) {
    const missing = missingFields(formInput);
    if (missing.length) throw new AppError('AID_INCOMPLETE', undefined, { missing });
  }
  const form = await storedForm(db, cipher, caller, formInput);
  const now = new Date();
  const assessment = assessForm(formInput, org.regionCode ?? null, now.getFullYear());
  const status: AidStatus = submit ? 'submitted' : 'draft';
  const doc: AidCaseDoc = {
    _id: new ObjectId(),
    applicantId: caller.memberId,
    applicantName: me.name,
    orgId: org.id,
    orgName: org.name,
    orgPath: org.path,
    regionCode: org.regionCode ?? null,
    status,
    version: 1,
    open: true,
    form,
    assessment: { ...assessment, year: now.getFullYear() },
    category: null,
    visit: null,
    returnedFrom: null,
    publicity: null,
    objections: [],
    payments: [],
    history: submit ? [historyEntry(caller, 'submit', 'draft', 'submitted', null, null, 'owner')] : [],
    createdAt: now,
    submittedAt: submit ? now : null,
    updatedAt: now,
    reviewDueAt: null,
  };
  try {
    await inTransaction(async (session) => {
      await insertCase(db, doc, session);
      await writeAudit(
        db,
        {
          actorId: caller.memberId,
          action: `aid.${submit ? 'submitted' : 'draft_created'}`,
          entity: 'aidCase',
          entityId: doc._id.toHexString(),
          orgPath: doc.orgPath,
          requestId,
        },
        session,
      );
      if (submit) {
        const msg = decisionMessage('submit', 'submitted', null, org.name);
        await notify(
          db,
          {
            memberId: caller.memberId,
            ...msg,
            link: caseLink(doc),
            dedupeKey: `aid:${doc._id.toHexString()}:v1`,
          },
          session,
        );
      }
    });
  } catch (e) {
    if (isOpenCaseConflict(e)) throw new AppError('AID_CASE_OPEN');
    throw e;
  }
  return { id: doc._id.toHexString(), status, version: 1, suggestedCategory: assessment.suggestedCategory };
}

const caseLink = (doc: AidCaseDoc) => `/packages/aid/pages/case/index?id=${doc._id.toHexString()}`;

async function loadReadable(db: Db, caller: Caller, id: string): Promise<AidCaseDoc> {
  const doc = await findCase(db, id);
  if (!doc) throw new AppError('NOT_FOUND');
  assertCanRead(caller, workflowCase(doc));
  return doc;
}

export async function getCase(db: Db, caller: Caller, id: string): Promise<AidCaseView> {
  return viewFor(await loadReadable(db, caller, id), caller);
}

/** The owner edits a draft or a returned case (auto-save); the version guards against a stale tab. */
export async function updateCase(
  db: Db,
  cipher: PiiCipher,
  caller: Caller,
  id: string,
  input: AidForm & { version: number },
  requestId: string,
): Promise<AidCaseView> {
  const doc = await loadReadable(db, caller, id);
  if (doc.applicantId !== caller.memberId) throw new AppError('FORBIDDEN');
  if (doc.status !== 'draft' && doc.status !== 'returned') {
    throw new AppError('TRANSITION_NOT_ALLOWED', '申请已提交，现在不能修改');
  }
  const { version, ...formInput } = input;
  if (version !== doc.version) throw new AppError('VERSION_CONFLICT');
  const form = await storedForm(db, cipher, caller, formInput, doc.form);
  const assessment = assessForm(form as AidForm, doc.regionCode, new Date().getFullYear());
  const updated = await inTransaction(async (session) => {
    const next = await updateCaseAtVersion(
      db,
      doc._id,
      version,
      { $set: { form, assessment: { ...assessment, year: new Date().getFullYear() } } },
      session,
    );
    if (!next) throw new AppError('VERSION_CONFLICT');
    await writeAudit(
      db,
      {
        actorId: caller.memberId,
        action: 'aid.form_updated',
        entity: 'aidCase',
        entityId: id,
        orgPath: doc.orgPath,
        requestId,
      },
      session,
    );
    return next;
  });
  return viewFor(updated, caller);
}

interface TransitionRequest extends Omit<TransitionInput, 'action'> {
  action: TransitionInput['action'] | 'record_payment';
  payment?: { amountFen: number; kind: string };
}

export async function transitionCase(
  db: Db,
  caller: Caller,
  id: string,
  input: TransitionRequest,
  opts: {
    publicityDays: number;
    requestId: string;
    /** after commit: the worker was told (消息); e.g. also send a WeChat subscription message */
    afterNotify?: (
      memberId: string,
      msg: { title: string; body: string; link: string; status: AidStatus },
    ) => Promise<void>;
  },
): Promise<AidCaseView> {
  let told: { memberId: string; title: string; body: string; link: string; status: AidStatus } | null = null;
  // read outside the transaction: everything inside it goes through its session
  const actingOrg = caller.officerOrgId ? await findOrg(db, caller.officerOrgId) : null;
  const updated = await inTransaction(async (session) => {
    const doc = await findCase(db, id, session);
    if (!doc) throw new AppError('NOT_FOUND');
    const now = new Date();
    const openObjection = doc.objections.find((o) => o.id === input.objectionId && o.status === 'open');
    const decision = decide(AID_WORKFLOW, workflowCase(doc), caller, input.action, input, {
      complete: missingFields(doc.form as Partial<AidForm>).length === 0,
      visitRecorded: doc.visit !== null,
      publicityEnded: doc.publicity !== null && doc.publicity.endsAt.getTime() <= now.getTime(),
      noOpenObjections: !doc.objections.some((o) => o.status === 'open'),
      openObjection: Boolean(openObjection),
    });
    const comment = input.comment?.trim() || null;
    const set: Partial<AidCaseDoc> = {
      status: decision.to,
      open: !AID_WORKFLOW.finalStates.includes(decision.to),
    };
    switch (input.action) {
      case 'submit':
        set.submittedAt = now;
        break;
      case 'record_visit':
        set.visit = {
          ...(input.visit as { date: string; findings: string }),
          officerId: caller.memberId,
          at: now,
        };
        break;
      case 'return':
        set.returnedFrom = decision.from;
        break;
      case 'resubmit':
        set.returnedFrom = null;
        break;
      case 'approve':
        if (decision.to === 'publicity') {
          set.category = input.category!;
          set.publicity = {
            startsAt: now,
            endsAt: new Date(now.getTime() + opts.publicityDays * 86_400_000),
          };
        }
        break;
      case 'uphold_objection':
      case 'dismiss_objection':
        set.objections = doc.objections.map((o) =>
          o.id === input.objectionId
            ? { ...o, status: input.action === 'uphold_objection' ? 'upheld' : 'dismissed' }
            : o,
        );
        break;
      case 'file':
        set.reviewDueAt = new Date(now.getTime() + REVIEW_INTERVAL_MS);
        break;
      case 'record_payment':
        set.payments = [
          ...doc.payments,
          {
            amountFen: input.payment!.amountFen,
            kind: input.payment!.kind,
            at: now,
            officerId: caller.memberId,
          },
        ];
        break;
    }
    const entry = historyEntry(
      caller,
      input.action,
      decision.from,
      decision.to,
      comment,
      actingOrg,
      decision.role,
    );
    const next = await updateCaseAtVersion(
      db,
      doc._id,
      doc.version,
      { $set: set, $push: { history: entry } },
      session,
    );
    if (!next) throw new AppError('VERSION_CONFLICT');
    await writeAudit(
      db,
      {
        actorId: caller.memberId,
        action: `aid.${input.action}`,
        entity: 'aidCase',
        entityId: id,
        orgPath: doc.orgPath,
        requestId: opts.requestId,
        data: { from: decision.from, to: decision.to, version: next.version, ...(input.payment ?? {}) },
      },
      session,
    );
    if (input.action === 'record_payment') {
      await recordLedgerEntry(
        db,
        {
          caseId: doc._id,
          applicantId: doc.applicantId,
          orgPath: doc.orgPath,
          amountFen: input.payment!.amountFen,
          kind: input.payment!.kind,
          year: now.getFullYear(),
          at: now,
          officerId: caller.memberId,
        },
        session,
      );
    }
    if (decision.role !== 'owner' || input.action === 'resubmit') {
      const msg = decisionMessage(input.action, decision.to, comment, actingOrg?.name ?? doc.orgName);
      await notify(
        db,
        { memberId: doc.applicantId, ...msg, link: caseLink(doc), dedupeKey: `aid:${id}:v${next.version}` },
        session,
      );
      told = { memberId: doc.applicantId, ...msg, link: caseLink(doc), status: decision.to };
    } else {
      told = null; // a retried transaction attempt may not repeat an earlier attempt's message
    }
    return next;
  });
  if (told && opts.afterNotify) {
    const { memberId, ...msg } = told as {
      memberId: string;
      title: string;
      body: string;
      link: string;
      status: AidStatus;
    };
    await opts.afterNotify(memberId, msg);
  }
  return viewFor(updated, caller);
}

export async function addObjection(
  db: Db,
  caller: Caller,
  id: string,
  input: { text: string; fileIds?: string[] },
  requestId: string,
): Promise<{ id: string }> {
  const objectionId = new ObjectId().toHexString();
  await inTransaction(async (session) => {
    const doc = await findCase(db, id, session);
    if (!doc || doc.status !== 'publicity') throw new AppError('NOT_FOUND', '这条公示已经结束或不存在');
    const r = await db.collection<AidCaseDoc>('aidCases').updateOne(
      { _id: doc._id, status: 'publicity' },
      {
        $push: {
          objections: {
            id: objectionId,
            text: input.text,
            fileIds: input.fileIds ?? [],
            at: new Date(),
            status: 'open',
          },
        },
        $inc: { version: 1 },
      },
      { session },
    );
    if (r.matchedCount === 0) throw new AppError('VERSION_CONFLICT');
    await writeAudit(
      db,
      {
        actorId: caller.memberId,
        action: 'aid.objection',
        entity: 'aidCase',
        entityId: id,
        orgPath: doc.orgPath,
        requestId,
      },
      session,
    );
  });
  return { id: objectionId };
}

/** An officer reads the applicant's full ID number or bank account: in scope only, audited. */
export async function revealCaseField(
  db: Db,
  cipher: PiiCipher,
  caller: Caller,
  id: string,
  field: 'idNumber' | 'bankAccount',
  requestId: string,
): Promise<{ value: string }> {
  const doc = await loadReadable(db, caller, id);
  if (!officerRole(caller.officerLevel) || doc.applicantId === caller.memberId)
    throw new AppError('FORBIDDEN');
  let value: string | null = null;
  if (field === 'bankAccount')
    value = doc.form.bankAccountEnc ? cipher.decrypt(doc.form.bankAccountEnc) : null;
  else {
    const member = await findMemberById(db, doc.applicantId);
    value = member?.idNumberEnc ? cipher.decrypt(member.idNumberEnc) : null;
  }
  if (value === null) throw new AppError('NOT_FOUND', '没有填写这一项');
  await writeAudit(db, {
    actorId: caller.memberId,
    action: 'pii.revealed',
    entity: 'aidCase',
    entityId: id,
    orgPath: doc.orgPath,
    requestId,
    data: { field },
  });
  return { value };
}
