/**
 * How a 金秋助学 application leaves the cloud: the child's ID number only masked (the ciphertext
 * never), history by org, and the kit's part (actions open now with what each needs, timeline,
 * editable, changes after a return, the approved amount) drawn from the table. The 区/市
 * approval's amount starts from the table's amount (the kit's default), with the standard said
 * beside it; the 公示 list masks both names. `doc` is the application as the caller may see it
 * (the owner's unsubmitted edits only for the owner).
 */
import {
  BURSARY_GROUP_TEXT,
  SCHOOL_LEVEL_TEXT,
  type BursaryApplicationView,
  type BursaryPublicityItem,
  type BursaryStatus,
  type BursarySummary,
} from '../../../src/contracts/bursary';
import { fenToYuanText } from '../../../src/contracts/money';
import type { WorkflowActor } from '../workflow/actor';
import { caseSummaryKit, caseViewKit } from '../workflow/case-view';
import { maskName } from '../workflow/mask-name';
import type { BursaryApplicationDoc } from './repository';
import { toBursarySnapshot } from './snapshot';
import { BURSARY_WORKFLOW } from './workflow';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toSummary(
  doc: BursaryApplicationDoc,
  caller: Pick<WorkflowActor, 'memberId'>,
): BursarySummary {
  return {
    ...caseSummaryKit<BursaryStatus>(BURSARY_WORKFLOW, doc, caller),
    childName: doc.child.name,
    school: doc.child.school,
    level: doc.child.level,
    group: doc.group,
    standardAmountFen: doc.standardAmountFen,
    approvedAmountFen: doc.approvedAmount?.fen ?? null,
    campaignYear: doc.campaignYear,
  };
}

export function toView(
  doc: BursaryApplicationDoc,
  caller: WorkflowActor,
  now = new Date(),
): BursaryApplicationView {
  const standard = `${SCHOOL_LEVEL_TEXT[doc.child.level]}·${BURSARY_GROUP_TEXT[doc.group]}，标准 ${fenToYuanText(doc.standardAmountFen)} 元`;
  const kit = caseViewKit(BURSARY_WORKFLOW, { case: toBursarySnapshot(doc), doc }, caller, now, {
    amount: { hint: `${standard}。改金额要在意见里写明原因` },
  });
  return {
    ...kit,
    campaign: { id: doc.campaignId.toHexString(), year: doc.campaignYear, orgName: doc.campaignOrgName },
    child: {
      name: doc.child.name,
      idNumberMasked: doc.child.idNumberMasked,
      school: doc.child.school,
      level: doc.child.level,
      admissionYear: doc.child.admissionYear,
    },
    answers: doc.answers,
    proofFileIds: doc.proofFileIds,
    group: doc.group,
    groupText: BURSARY_GROUP_TEXT[doc.group],
    groupReason: doc.groupReason,
    standardAmountFen: doc.standardAmountFen,
    publicity: doc.publicity
      ? { startsAt: doc.publicity.startsAt.toISOString(), endsAt: doc.publicity.endsAt.toISOString() }
      : null,
    payments: doc.payments.map((p) => ({ amountFen: p.amountFen, kind: p.kind, at: p.at.toISOString() })),
    createdAt: doc.createdAt.toISOString(),
    submittedAt: iso(doc.submittedAt),
  };
}

export function toPublicityItem(doc: BursaryApplicationDoc): BursaryPublicityItem {
  return {
    id: doc._id.toHexString(),
    childNameMasked: maskName(doc.child.name),
    applicantNameMasked: maskName(doc.applicantName),
    orgName: doc.orgName,
    level: doc.child.level,
    amountFen: doc.approvedAmount?.fen ?? 0,
    startsAt: doc.publicity!.startsAt.toISOString(),
    endsAt: doc.publicity!.endsAt.toISOString(),
  };
}
