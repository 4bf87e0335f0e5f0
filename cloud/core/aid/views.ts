/**
 * How an aid case leaves the cloud: bank account masked, history by org (never an officer's own
 * data), objections without who filed them, and the kit's part (actions open now with what each
 * needs, timeline, editable, changes after a return, the approved amount) drawn from the table.
 * The category need starts from the category set, else the one suggested. `doc` is the case as
 * the caller may see it (the owner's unsubmitted edits only for the owner).
 */
import {
  CATEGORY_TEXT,
  type AidCaseSummary,
  type AidCaseView,
  type AidPublicityItem,
  type AidStatus,
  type HardshipCategory,
  type SuggestedCategory,
} from '../../../src/contracts/aid';
import type { WorkflowActor } from '../workflow/actor';
import { caseSummaryKit, caseViewKit } from '../workflow/case-view';
import { maskName } from '../workflow/mask-name';
import type { AidCaseDoc } from './repository';
import { toAidSnapshot } from './snapshot';
import { AID_WORKFLOW } from './workflow';

export function toSummary(doc: AidCaseDoc, caller: Pick<WorkflowActor, 'memberId'>): AidCaseSummary {
  return {
    ...caseSummaryKit<AidStatus>(AID_WORKFLOW, doc, caller),
    suggestedCategory: doc.assessment.suggestedCategory as SuggestedCategory,
    category: doc.category as HardshipCategory | null,
    perCapitaMonthlyFen: doc.assessment.perCapitaMonthlyFen,
  };
}

export function toView(doc: AidCaseDoc, caller: WorkflowActor): AidCaseView {
  const { bankAccountEnc: _enc, bankAccountHash: _hash, bankAccountMasked, ...form } = doc.form;
  const suggested = doc.assessment.suggestedCategory as SuggestedCategory;
  const at = { case: toAidSnapshot(doc), doc };
  const kit = caseViewKit(AID_WORKFLOW, at, caller, new Date(), {
    category: {
      preset: doc.category ?? (suggested === 'none' ? null : suggested),
      hint: suggested === 'none' ? null : `系统初步判断：${CATEGORY_TEXT[suggested]}`,
    },
  });
  return {
    ...kit,
    form: { ...(form as AidCaseView['form']), bankAccountMasked },
    suggestedCategory: suggested,
    assessment: {
      perCapitaMonthlyFen: doc.assessment.perCapitaMonthlyFen,
      suggestedCategory: suggested,
      reason: doc.assessment.reason,
      dibaoMonthlyFen: doc.assessment.dibaoMonthlyFen,
    },
    category: doc.category as HardshipCategory | null,
    visit: doc.visit ? { date: doc.visit.date, findings: doc.visit.findings } : null,
    publicity: doc.publicity
      ? { startsAt: doc.publicity.startsAt.toISOString(), endsAt: doc.publicity.endsAt.toISOString() }
      : null,
    objections: doc.objections.map((o) => ({
      id: o.id,
      text: o.text,
      status: o.status,
      at: o.at.toISOString(),
    })),
    payments: doc.payments.map((p) => ({
      amountFen: p.amountFen,
      kind: p.kind as never,
      at: p.at.toISOString(),
    })),
    createdAt: doc.createdAt.toISOString(),
    submittedAt: doc.submittedAt?.toISOString() ?? null,
  };
}

export function toPublicityItem(doc: AidCaseDoc): AidPublicityItem {
  return {
    id: doc._id.toHexString(),
    nameMasked: maskName(doc.applicantName),
    orgName: doc.orgName,
    category: doc.category as HardshipCategory | null,
    startsAt: doc.publicity!.startsAt.toISOString(),
    endsAt: doc.publicity!.endsAt.toISOString(),
  };
}
