/**
 * 困难帮扶 use cases. Every state change is one MongoDB transaction: the conditional update on
 * (_id, version) with the history entry, the audit entry, the ledger entry for payments and the
 * worker's message. A stale version matches nothing and becomes VERSION_CONFLICT; the unique
 * index on open cases turns a second application into AID_CASE_OPEN.
 */
import { ObjectId, type Db } from 'mongodb';
import {
  maskBankAccount,
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
import { assertCanRead, reviewLevelOf, type WorkflowActor } from '../workflow/actor';
import { applyTransition, availableActions, readOnlyReason } from '../workflow/engine';
import type { AidTransitionInput } from './case';
import { missingForSubmit } from './completeness';
import { toAidSnapshot } from './snapshot';
import { assess, type Assessment } from './categories';
import { dibaoMonthlyFen } from './dibao-standards';
import { recordLedgerEntry } from './ledger';
import { decisionMessage } from './messages';
import {
  findCase,
  findOpenCase,
  insertCase,
  isDuplicateCaseId,
  isOpenCaseConflict,
  updateCaseAtVersion,
  type AidCaseDoc,
} from './repository';
import { toView } from './views';
import { AID_WORKFLOW, aidProgram, type AidProgram } from './workflow';

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
    bankAccountMasked: bankAccount ? maskBankAccount(bankAccount) : (base?.bankAccountMasked ?? null),
  } as AidCaseDoc['form'];
}

/** The case as the caller may see it; a reviewing officer also sees the applicant's ID number masked. */
async function viewFor(db: Db, doc: AidCaseDoc, caller: Caller): Promise<AidCaseView> {
  const snapshot = toAidSnapshot(doc);
  const reviewer = doc.applicantId !== caller.memberId && reviewLevelOf(caller.officerLevel) !== null;
  const applicant = reviewer ? await findMemberById(db, doc.applicantId) : null;
  return toView(doc, {
    actions: availableActions(AID_WORKFLOW, snapshot, caller),
    readOnlyReason: readOnlyReason(AID_WORKFLOW, snapshot, caller),
    maskApplicant: false,
    applicantIdNumberMasked: applicant?.idNumberMasked ?? null,
  });
}

/**
 * Creates a case (a draft, or submitted at once). With an operation id (an Idempotency-Key) the
 * case is named by it: a retry of a create that did land, though its answer was lost, gets that
 * case back instead of AID_CASE_OPEN. A second open case is refused with the open one's id.
 */
export async function createCase(
  db: Db,
  cipher: PiiCipher,
  caller: Caller,
  input: CreateAidCaseInput,
  requestId: string,
  operationId?: string,
): Promise<CreateAidCaseResponse> {
  const me = await findMemberById(db, caller.memberId);
  if (!me?.orgId || !me.name || !me.idNumberHash) throw new AppError('PROFILE_INCOMPLETE');
  const org = await findOrg(db, me.orgId);
  if (!org) throw new AppError('PROFILE_INCOMPLETE');
  const { submit, ...formInput } = input;
  const now = new Date();
  const _id = operationId ? new ObjectId(operationId) : new ObjectId();
  // creating with submit = a draft and its `submit` transition at once (same completeness rule)
  const submitted = submit
    ? applyTransition(
        AID_WORKFLOW,
        {
          id: _id.toHexString(),
          status: 'draft',
          version: 1,
          ownerId: caller.memberId,
          orgPath: org.path,
          returnedFrom: null,
          category: null,
          visit: null,
          publicity: null,
          objections: [],
          payments: [],
          missingFields: missingForSubmit(formInput),
        },
        caller,
        'submit',
        { version: 1 },
        now,
      )
    : null;
  const form = await storedForm(db, cipher, caller, formInput);
  const assessment = assessForm(formInput, org.regionCode ?? null, now.getFullYear());
  const status: AidStatus = submitted ? submitted.status : 'draft';
  const doc: AidCaseDoc = {
    _id,
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
    history: submitted ? [submitted.historyEntry] : [],
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
    if (isDuplicateCaseId(e)) {
      const landed = await findCase(db, _id.toHexString());
      if (landed?.applicantId === caller.memberId) return createdResponse(landed);
    }
    if (isOpenCaseConflict(e)) {
      const open = await findOpenCase(db, caller.memberId);
      throw new AppError('AID_CASE_OPEN', undefined, open ? { caseId: open._id.toHexString() } : undefined);
    }
    throw e;
  }
  return createdResponse(doc);
}

const createdResponse = (doc: AidCaseDoc): CreateAidCaseResponse => ({
  id: doc._id.toHexString(),
  status: doc.status as AidStatus,
  version: doc.version,
  suggestedCategory: doc.assessment.suggestedCategory as CreateAidCaseResponse['suggestedCategory'],
});

const caseLink = (doc: AidCaseDoc) => `/packages/aid/pages/case/index?id=${doc._id.toHexString()}`;

async function loadReadable(db: Db, caller: Caller, id: string): Promise<AidCaseDoc> {
  const doc = await findCase(db, id);
  if (!doc) throw new AppError('NOT_FOUND');
  assertCanRead(caller, toAidSnapshot(doc));
  return doc;
}

export async function getCase(db: Db, caller: Caller, id: string): Promise<AidCaseView> {
  return viewFor(db, await loadReadable(db, caller, id), caller);
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
  return viewFor(db, updated, caller);
}

interface TransitionRequest extends Omit<TransitionInput, 'action'> {
  action: TransitionInput['action'] | 'record_payment';
  payment?: { amountFen: number; kind: string };
}

interface TransitionOptions {
  publicityDays: number;
  requestId: string;
  /** after commit: the worker was told (消息); e.g. also send a WeChat subscription message */
  afterNotify?: (
    memberId: string,
    msg: { title: string; body: string; link: string; status: AidStatus },
  ) => Promise<void>;
}

type Told = { memberId: string; title: string; body: string; link: string; status: AidStatus };

/**
 * Loads the case, lets the workflow engine decide, and writes its result in one transaction:
 * the conditional update (history pushed), the audit entry, the ledger entry for a payment and
 * the worker's message. Non-public actions are refused like a read first, so another worker's
 * case answers NOT_FOUND whatever the action.
 */
async function runTransition(
  db: Db,
  caller: Caller,
  id: string,
  action: AidTransitionInput & { action: TransitionRequest['action'] | 'object' },
  program: AidProgram,
  opts: Omit<TransitionOptions, 'publicityDays'>,
): Promise<AidCaseDoc> {
  let told: Told | null = null;
  // read outside the transaction: everything inside it goes through its session
  const actingOrg = caller.officerOrgId ? await findOrg(db, caller.officerOrgId) : null;
  const actor: WorkflowActor = { ...caller, officerOrgName: actingOrg?.name ?? null };
  const updated = await inTransaction(async (session) => {
    told = null; // a retried attempt must not repeat an earlier attempt's message
    const doc = await findCase(db, id, session);
    if (!doc) throw new AppError('NOT_FOUND');
    const snapshot = toAidSnapshot(doc);
    if (action.action === 'object') {
      if (doc.status !== 'publicity') throw new AppError('NOT_FOUND', '这条公示已经结束或不存在');
    } else {
      assertCanRead(caller, snapshot);
    }
    const now = new Date();
    const { action: name, ...input } = action;
    const result = applyTransition(program, snapshot, actor, name, input, now);
    const next = await updateCaseAtVersion(
      db,
      doc._id,
      doc.version,
      { $set: result.patch as Partial<AidCaseDoc>, $push: { history: result.historyEntry } },
      session,
    );
    if (!next) throw new AppError('VERSION_CONFLICT');
    await writeAudit(db, { ...result.audit, requestId: opts.requestId }, session);
    if (name === 'record_payment') {
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
    // the worker hears of every decision by a level, and gets a receipt for their own steps
    // (submit, resubmit, withdraw); an objection is not told to them until it is decided
    if (result.historyEntry.actorRole !== 'public') {
      const comment = result.historyEntry.comment;
      const msg = decisionMessage(name, result.status, comment, actingOrg?.name ?? doc.orgName);
      await notify(
        db,
        { memberId: doc.applicantId, ...msg, link: caseLink(doc), dedupeKey: `aid:${id}:v${next.version}` },
        session,
      );
      told = { memberId: doc.applicantId, ...msg, link: caseLink(doc), status: result.status };
    }
    return next;
  });
  const sent = told as Told | null;
  if (sent && opts.afterNotify) {
    const { memberId, ...msg } = sent;
    await opts.afterNotify(memberId, msg);
  }
  return updated;
}

export async function transitionCase(
  db: Db,
  caller: Caller,
  id: string,
  input: TransitionRequest,
  opts: TransitionOptions,
): Promise<AidCaseView> {
  const program = aidProgram({ publicityDays: opts.publicityDays });
  return viewFor(db, await runTransition(db, caller, id, input, program, opts), caller);
}

/** Any member but the applicant objects during 公示; the approving level decides it. */
export async function addObjection(
  db: Db,
  caller: Caller,
  id: string,
  input: { text: string; fileIds?: string[] },
  requestId: string,
): Promise<{ id: string }> {
  const objectionId = new ObjectId().toHexString();
  const doc = await findCase(db, id);
  if (!doc) throw new AppError('NOT_FOUND', '这条公示已经结束或不存在');
  await runTransition(
    db,
    caller,
    id,
    { action: 'object', version: doc.version, objection: { id: objectionId, ...input } },
    AID_WORKFLOW, // the 公示 length plays no part in an objection
    { requestId },
  );
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
  if (!reviewLevelOf(caller.officerLevel) || doc.applicantId === caller.memberId)
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
