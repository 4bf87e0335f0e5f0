/** How an aid case leaves the cloud: bank account masked, history by org (never an officer's own data). */
import {
  AID_ACTION_TEXT,
  AID_NEXT_STEP,
  AID_STATUS_TEXT,
  type AidCaseSummary,
  type AidCaseView,
  type AidPublicityItem,
  type AidStatus,
  type HardshipCategory,
  type SuggestedCategory,
} from '../../../src/contracts/aid';
import type { ReviewLevel } from '../workflow/actor';
import type { AidCaseDoc } from './repository';
import { LEVEL_TEXT } from './workflow';

/** Each level's approval in its own word: 基层 初审, 街道 审核, 区/市 审批 (DOMAIN.md). */
const APPROVE_TEXT: Record<ReviewLevel, string> = {
  base: '初审通过',
  town: '审核通过',
  approver: '审批通过',
};

/** 张建国 → 张*国, 李娜 → 李*: the 公示 shows names this way. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

export function toSummary(doc: AidCaseDoc, maskApplicant = false): AidCaseSummary {
  return {
    id: doc._id.toHexString(),
    status: doc.status as AidStatus,
    statusText: AID_STATUS_TEXT[doc.status as AidStatus],
    applicantName: maskApplicant ? maskName(doc.applicantName) : doc.applicantName,
    orgName: doc.orgName,
    suggestedCategory: doc.assessment.suggestedCategory as SuggestedCategory,
    category: doc.category as HardshipCategory | null,
    perCapitaMonthlyFen: doc.assessment.perCapitaMonthlyFen,
    submittedAt: doc.submittedAt?.toISOString() ?? null,
    version: doc.version,
  };
}

export function toView(
  doc: AidCaseDoc,
  extra: {
    actions: string[];
    readOnlyReason: string | null;
    maskApplicant: boolean;
    applicantIdNumberMasked: string | null;
  },
): AidCaseView {
  const { bankAccountEnc: _enc, bankAccountMasked, ...form } = doc.form;
  return {
    id: doc._id.toHexString(),
    status: doc.status as AidStatus,
    statusText: AID_STATUS_TEXT[doc.status as AidStatus],
    nextStep: AID_NEXT_STEP[doc.status as AidStatus],
    version: doc.version,
    applicantName: extra.maskApplicant ? maskName(doc.applicantName) : doc.applicantName,
    applicantIdNumberMasked: extra.applicantIdNumberMasked,
    orgName: doc.orgName,
    form: { ...(form as AidCaseView['form']), bankAccountMasked },
    suggestedCategory: doc.assessment.suggestedCategory as SuggestedCategory,
    assessment: {
      perCapitaMonthlyFen: doc.assessment.perCapitaMonthlyFen,
      suggestedCategory: doc.assessment.suggestedCategory as SuggestedCategory,
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
    history: doc.history.map((h) => ({
      action: h.action,
      actionText:
        h.action === 'approve' && h.level
          ? (APPROVE_TEXT[h.level as ReviewLevel] ?? AID_ACTION_TEXT.approve)
          : (AID_ACTION_TEXT[h.action as keyof typeof AID_ACTION_TEXT] ?? h.action),
      from: h.from as AidStatus,
      to: h.to as AidStatus,
      status: h.to as AidStatus,
      orgName: h.actorRole === 'officer' ? h.orgName : null,
      by: h.actorRole === 'worker' ? '本人' : h.actorRole === 'public' ? '公示异议' : (h.orgName ?? '工会'),
      // entries store the level key; older ones stored its text
      level: h.level ? (LEVEL_TEXT[h.level as ReviewLevel] ?? h.level) : null,
      comment: h.comment,
      at: h.at.toISOString(),
    })),
    actions: extra.actions,
    readOnlyReason: extra.readOnlyReason,
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
