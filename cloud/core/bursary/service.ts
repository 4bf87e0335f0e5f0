/**
 * 金秋助学 use cases: registering a child (checked in this order, each refusal with its own code,
 * nothing written on any of them):
 *  1. the parent's real-name profile (PROFILE_INCOMPLETE);
 *  2. this year's campaign covering the parent's union (BURSARY_NO_CAMPAIGN), and its window
 *     (BURSARY_WINDOW_CLOSED, said with the dates; the database checks it again in the insert's
 *     transaction, campaign-repository.ts claimWindow);
 *  3. the child's ID number is not the parent's own; the admission year is not after the
 *     campaign year; the photos are the parent's own uploads;
 *  4. eligibility (src/contracts/bursary-eligibility.ts: level, exclusions, the amount table for
 *     the group read from the aid records), BURSARY_NOT_ELIGIBLE with every reason;
 *  5. the child not granted this year by a related program (the grant register), and not
 *     registered this year by anyone (the unique index: BURSARY_CHILD_ALREADY_APPLIED).
 * Every state change goes through the kit's case flow (cloud/core/workflow/case-flow.ts).
 */
import type { Db } from 'mongodb';
import {
  type BursaryApplicationView,
  type BursaryProgramAction,
  type CreateApplicationInput,
  type CreateApplicationResponse,
  type Eligibility,
  type UpdateApplicationInput,
  windowText,
} from '../../../src/contracts/bursary';
import { judgeEligibility } from '../../../src/contracts/bursary-eligibility';
import { maskIdNumber, normalizeIdNumber } from '../../../src/contracts/idNumber';
import type { Caller } from '../../platform/auth/caller';
import type { PiiCipher } from '../../platform/crypto/pii';
import { AppError } from '../../platform/http/app-error';
import { chinaYearOf } from '../../platform/time/china-day';
import { findOwnedFiles } from '../files/repository';
import { isGranted } from '../grants/repository';
import { applicantIdentity } from '../workflow/applicant';
import { newCaseBase } from '../workflow/case-store';
import type { CaseReveal, FlowOptions } from '../workflow/case-flow';
import { claimWindow, findCampaign, findCoveringCampaign, type CampaignDoc } from './campaign-repository';
import { windowState } from './campaigns';
import type { BursaryTransitionRequest } from './case';
import { groupOf, type GroupFinding } from './group';
import { bursaryFlow } from './program';
import { isChildClaimed, type BursaryApplicationDoc } from './repository';
import { toView } from './views';
import { BURSARY_WORKFLOW, STUDENT_AID_REGISTER } from './workflow';

type ChildInput = Omit<UpdateApplicationInput, 'version'>;

async function checkPhotos(db: Db, caller: Caller, ids: string[] | undefined): Promise<string[]> {
  const unique = [...new Set(ids ?? [])];
  if (unique.length && (await findOwnedFiles(db, caller.memberId, unique)).length !== unique.length)
    throw new AppError('VALIDATION_FAILED', '有照片没有上传成功，请重新上传');
  return unique;
}

/** The child's answers judged against the campaign; refused unless eligible, every reason said. */
function eligibleOrRefuse(campaign: CampaignDoc, found: GroupFinding, child: ChildInput): Eligibility {
  if (child.admissionYear > campaign.year)
    throw new AppError('VALIDATION_FAILED', `入学年份不能晚于 ${campaign.year} 年`);
  const e = judgeEligibility(campaign, found.group, child);
  if (e.eligible === true) return e;
  const message = e.reasons[0] ?? `请先回答：${e.missing.join('；')}`;
  throw new AppError(e.eligible === false ? 'BURSARY_NOT_ELIGIBLE' : 'VALIDATION_FAILED', message, {
    reasons: e.reasons,
    missing: e.missing,
  });
}

/** The questions as the campaign asked them, with the answers given. */
const answersOf = (campaign: CampaignDoc, child: ChildInput) =>
  campaign.exclusions.map((q) => ({ id: q.id, question: q.question, answer: child.answers[q.id] === true }));

export async function createApplication(
  db: Db,
  cipher: PiiCipher,
  caller: Caller,
  input: CreateApplicationInput,
  requestId: string,
  /** the Idempotency-Key's operation id: a retry whose first run landed gets that application back */
  operationId?: string,
): Promise<CreateApplicationResponse> {
  const { identity, org, member: me } = await applicantIdentity(db, caller.memberId);
  const now = new Date();
  const campaign = await findCoveringCampaign(db, org.path, chinaYearOf(now));
  if (!campaign) throw new AppError('BURSARY_NO_CAMPAIGN');
  if (windowState(campaign, now) !== 'open')
    throw new AppError('BURSARY_WINDOW_CLOSED', `金秋助学的报名时间是${windowText(campaign)}，现在不能报名`);

  const idNumber = normalizeIdNumber(input.childIdNumber);
  const childIdHash = cipher.lookupHash(idNumber);
  if (childIdHash === me.idNumberHash)
    throw new AppError('ID_NUMBER_INVALID', '这是您本人的身份证号，请填写孩子的身份证号');
  const proofFileIds = await checkPhotos(db, caller, input.proofFileIds);
  const found = await groupOf(db, caller.memberId, campaign.year);
  const eligibility = eligibleOrRefuse(campaign, found, input);
  if (await isGranted(db, STUDENT_AID_REGISTER, campaign.year, childIdHash))
    throw new AppError('BURSARY_CHILD_ALREADY_GRANTED');

  const draft: BursaryApplicationDoc = {
    // named by the operation id: a retry of a create that landed gets that application back (the kit)
    ...newCaseBase(identity, BURSARY_WORKFLOW.initial, now, operationId),
    campaignId: campaign._id,
    campaignYear: campaign.year,
    campaignOrgName: campaign.orgName,
    publicityDays: campaign.publicityDays,
    child: {
      name: input.childName.trim(),
      idNumberEnc: cipher.encrypt(idNumber),
      idNumberMasked: maskIdNumber(idNumber),
      school: input.school.trim(),
      level: input.level,
      admissionYear: input.admissionYear,
    },
    childIdHash,
    claimsChild: true,
    answers: answersOf(campaign, input),
    proofFileIds,
    group: found.group,
    groupReason: found.reason,
    standardAmountFen: eligibility.amountFen!,
    payments: [],
    guardianConsentAt: now,
  };
  try {
    const doc = await bursaryFlow.create(db, caller, draft, 'submit', {
      requestId,
      // the window, once more, where the database decides: in the insert's own transaction
      guard: (session) => claimWindow(db, campaign, now, session),
    });
    return {
      id: doc._id.toHexString(),
      status: doc.status as CreateApplicationResponse['status'],
      version: doc.version,
      amountFen: doc.standardAmountFen,
      eligibility,
    };
  } catch (e) {
    if (isChildClaimed(e)) throw new AppError('BURSARY_CHILD_ALREADY_APPLIED');
    throw e;
  }
}

export async function getApplication(db: Db, caller: Caller, id: string): Promise<BursaryApplicationView> {
  return toView(await bursaryFlow.loadReadable(db, caller, id), caller);
}

/** The owner corrects a returned application (school, level, photos, answers); eligibility is judged again. */
export async function updateApplication(
  db: Db,
  caller: Caller,
  id: string,
  input: UpdateApplicationInput,
  requestId: string,
): Promise<BursaryApplicationView> {
  const { version, ...child } = input;
  const updated = await bursaryFlow.edit(
    db,
    caller,
    { id, version },
    async (doc): Promise<Partial<BursaryApplicationDoc>> => {
      const campaign = await findCampaign(db, doc.campaignId);
      if (!campaign) throw new AppError('BURSARY_NO_CAMPAIGN');
      const proofFileIds = await checkPhotos(db, caller, child.proofFileIds);
      const found = await groupOf(db, caller.memberId, campaign.year);
      const eligibility = eligibleOrRefuse(campaign, found, child);
      return {
        child: {
          ...doc.child,
          name: child.childName.trim(),
          school: child.school.trim(),
          level: child.level,
          admissionYear: child.admissionYear,
        },
        answers: answersOf(campaign, child),
        proofFileIds,
        group: found.group,
        groupReason: found.reason,
        standardAmountFen: eligibility.amountFen!,
      };
    },
    { requestId },
  );
  return toView(updated, caller);
}

export async function transitionApplication(
  db: Db,
  caller: Caller,
  id: string,
  input: BursaryTransitionRequest & { action: BursaryProgramAction },
  opts: FlowOptions,
): Promise<BursaryApplicationView> {
  return toView(await bursaryFlow.transition(db, caller, id, input, opts), caller);
}

/** The 基层 reads the parent's full ID number (as submitted) while it checks the application: the kit's rule, with a purpose, audited. */
export const revealApplicantValue: CaseReveal = (db, caller, id, request, opts) =>
  bursaryFlow.reveal(db, caller, id, request, opts);
