/**
 * 困难帮扶 use cases: what is about aid (the form, stored with the bank account encrypted; the
 * suggested category against the region's 低保; the applicant's masked ID number for reviewers;
 * revealing a sensitive field, audited). Every state change goes through the kit's case flow
 * (cloud/core/workflow/case-flow.ts): one transaction with the conditional update, history,
 * audit, ledger entry and message. The unique index on open cases turns a second application
 * into AID_CASE_OPEN.
 */
import { ObjectId, type Db } from 'mongodb';
import {
  maskBankAccount,
  type AidCaseView,
  type AidForm,
  type AidProgramAction,
  type CreateAidCaseInput,
  type CreateAidCaseResponse,
} from '../../../src/contracts/aid';
import { AppError } from '../../platform/http/app-error';
import { writeAudit } from '../../platform/audit/audit-log';
import type { Caller } from '../../platform/auth/caller';
import type { PiiCipher } from '../../platform/crypto/pii';
import { findOrg } from '../orgs/repository';
import { findMemberById } from '../members/repository';
import { findOwnedFiles } from '../files/repository';
import { reviewLevelOf } from '../workflow/actor';
import { applicantOf, newCase } from '../workflow/applicant';
import type { FlowOptions } from '../workflow/case-flow';
import type { AidTransitionInput } from './case';
import { assess, type Assessment } from './categories';
import { dibaoMonthlyFen } from './dibao-standards';
import { aidCaseFlow } from './program';
import { aidCases, findOpenCase, isOpenCaseConflict, type AidCaseDoc } from './repository';
import { toView } from './views';
import { AID_WORKFLOW, aidProgram } from './workflow';
import { AID_TEXT } from './wording';

function assessForm(form: Partial<AidForm>, regionCode: string | null, year: number): Assessment {
  const dibao = dibaoMonthlyFen(regionCode, year);
  // a field left blank is stored as null (the driver writes undefined so): blank, not 0
  if (form.householdSize == null || form.annualIncomeFen == null || form.rigidExpenseFen == null) {
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
  const reviewer = doc.applicantId !== caller.memberId && reviewLevelOf(caller.officerLevel) !== null;
  const applicant = reviewer ? await findMemberById(db, doc.applicantId) : null;
  return toView(doc, caller, {
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
  const applicant = await applicantOf(db, caller);
  const { org } = applicant;
  const { submit, ...formInput } = input;
  const now = new Date();
  const form = await storedForm(db, cipher, caller, formInput);
  const assessment = assessForm(formInput, org.regionCode ?? null, now.getFullYear());
  const draft: AidCaseDoc = {
    // named by the operation id: a retry of a create that landed gets that case back (the kit)
    ...newCase(applicant, AID_WORKFLOW.initial, now, operationId),
    regionCode: org.regionCode ?? null,
    form,
    assessment: { ...assessment, year: now.getFullYear() },
    category: null,
    visit: null,
    objections: [],
    payments: [],
    reviewDueAt: null,
  };
  try {
    // creating with submit = the draft and its `submit` transition at once (same completeness rule)
    const doc = await aidCaseFlow().create(db, caller, draft, submit ? 'submit' : null, {
      requestId,
    });
    return createdResponse(doc);
  } catch (e) {
    if (isOpenCaseConflict(e)) {
      const open = await findOpenCase(db, caller.memberId);
      throw new AppError('AID_CASE_OPEN', undefined, open ? { caseId: open._id.toHexString() } : undefined);
    }
    throw e;
  }
}

const createdResponse = (doc: AidCaseDoc): CreateAidCaseResponse => ({
  id: doc._id.toHexString(),
  status: doc.status as CreateAidCaseResponse['status'],
  version: doc.version,
  suggestedCategory: doc.assessment.suggestedCategory as CreateAidCaseResponse['suggestedCategory'],
});

export async function getCase(db: Db, caller: Caller, id: string): Promise<AidCaseView> {
  return viewFor(db, await aidCaseFlow().loadReadable(db, caller, id), caller);
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
  const { version, ...formInput } = input;
  const updated = await aidCaseFlow().edit(
    db,
    caller,
    { id, version },
    async (doc) => {
      const form = await storedForm(db, cipher, caller, formInput, doc.form);
      const year = new Date().getFullYear();
      return { form, assessment: { ...assessForm(form as AidForm, doc.regionCode, year), year } };
    },
    { requestId },
  );
  return viewFor(db, updated, caller);
}

export type TransitionRequest = AidTransitionInput & { action: AidProgramAction };

interface TransitionOptions extends FlowOptions {
  /** 公示 length in days, as configured for this deployment */
  publicityDays: number;
}

export async function transitionCase(
  db: Db,
  caller: Caller,
  id: string,
  input: TransitionRequest,
  { publicityDays, ...opts }: TransitionOptions,
): Promise<AidCaseView> {
  const flow = aidCaseFlow(aidProgram({ publicityDays }));
  return viewFor(db, await flow.transition(db, caller, id, input, opts), caller);
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
  const doc = await aidCases.find(db, id);
  if (!doc) throw new AppError('NOT_FOUND', AID_TEXT.notPublic);
  // the 公示 length plays no part in an objection: the default table serves
  await aidCaseFlow().transition(
    db,
    caller,
    id,
    { action: 'object', version: doc.version, objection: { id: objectionId, ...input } },
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
  const doc = await aidCaseFlow().loadReadable(db, caller, id);
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
