/**
 * 困难帮扶 use cases: what is about aid (the form, stored with the bank account encrypted; the
 * suggested category against the region's 低保). Every state change, the owner's edits (kept
 * apart after a return), objections and reveals go through the kit's case flow
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
import type { Caller } from '../../platform/auth/caller';
import type { PiiCipher } from '../../platform/crypto/pii';
import { findOrg } from '../orgs/repository';
import { assertOwnUploads } from '../files/repository';
import { applicantIdentity } from '../workflow/applicant';
import type { CaseReveal, FlowOptions } from '../workflow/case-flow';
import { newCaseBase } from '../workflow/case-store';
import type { AidTransitionInput } from './case';
import { assess, type Assessment } from './categories';
import { dibaoMonthlyFen } from './dibao-standards';
import { aidCaseFlow } from './program';
import { findOpenCase, isOpenCaseConflict, type AidCaseDoc } from './repository';
import { toView } from './views';
import { AID_WORKFLOW, aidProgram } from './workflow';

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
  await assertOwnUploads(db, caller.memberId, input.evidenceFileIds ?? [], {
    code: 'VALIDATION_FAILED',
    message: '有照片没有上传成功，请重新上传',
  });
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
    bankAccountHash: bankAccount ? cipher.lookupHash(bankAccount) : (base?.bankAccountHash ?? null),
  } as AidCaseDoc['form'];
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
  const { identity, org } = await applicantIdentity(db, caller.memberId);
  const { submit, ...formInput } = input;
  const now = new Date();
  const form = await storedForm(db, cipher, caller, formInput);
  const assessment = assessForm(formInput, org.regionCode ?? null, now.getFullYear());
  const draft: AidCaseDoc = {
    // named by the operation id: a retry of a create that landed gets that case back (the kit)
    ...newCaseBase(identity, AID_WORKFLOW.initial, now, operationId),
    regionCode: org.regionCode ?? null,
    form,
    assessment: { ...assessment, year: now.getFullYear() },
    category: null,
    visit: null,
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
  return toView(await aidCaseFlow().loadReadable(db, caller, id), caller);
}

/**
 * The owner edits a draft or a returned case (auto-save); the version guards against a stale tab.
 * A returned case's edits are kept apart from what the reviewers read until resubmitted.
 */
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
  return toView(updated, caller);
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
  return toView(await flow.transition(db, caller, id, input, opts), caller);
}

/** Any member with a real-name profile but the applicant objects during 公示 (the kit's checks); the approving level decides it. */
export async function addObjection(
  db: Db,
  caller: Caller,
  id: string,
  input: { text: string; fileIds?: string[] },
  opts: { requestId: string; perDay: number },
): Promise<{ id: string }> {
  const objectionId = new ObjectId().toHexString();
  // the 公示 length plays no part in an objection: the default table serves
  await aidCaseFlow().object(
    db,
    caller,
    id,
    { id: objectionId, text: input.text, fileIds: input.fileIds ?? [] },
    opts,
  );
  return { id: objectionId };
}

/**
 * An officer reads the applicant's full ID number (as submitted) or bank account: a reviewer of
 * the case, in a state where their level needs it, within their hourly limit, with a purpose; audited.
 */
export const revealCaseField: CaseReveal = (db, caller, id, request, opts) =>
  aidCaseFlow().reveal(db, caller, id, request, {
    ...opts,
    ownValue: (doc, field) => (field === 'bankAccount' ? doc.form.bankAccountEnc : null),
  });
