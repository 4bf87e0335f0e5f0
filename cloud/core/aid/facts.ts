/**
 * A hardship-aid application's facts as reviewers compare them after a return (the kit's
 * changes.ts): each shown in the words of the case page, the bank account masked (and compared
 * by its keyed hash, since two accounts can share a masked form), evidence by the files attached.
 * The 基层 verifies the household, the money, the causes and the bank account in its home visit
 * (入户核查): a change to any of those that the return did not ask for sends the resubmitted case
 * back to the 基层 queue, where a new home visit is needed before 初审 can pass again.
 */
import {
  AID_FACTS,
  CAUSE_TEXT,
  fenToYuanText,
  WORK_STATUS_TEXT,
  type AidFact,
  type AidStatus,
  type HardshipCause,
} from '../../../src/contracts/aid';
import type { Facts } from '../workflow/changes';
import type { FactsDecl } from '../workflow/table';
import type { AidCaseDoc } from './repository';

export const AID_FACT_LABELS: Record<AidFact, string> = {
  householdSize: '家庭人口',
  householdMembers: '家人情况',
  annualIncomeFen: '全家年收入',
  rigidExpenseFen: '刚性支出',
  mainCause: '主要原因',
  secondaryCauses: '其他原因',
  bankAccount: '收款银行卡',
  description: '情况说明',
  evidence: '证明材料照片',
};

export const AID_FACTS_DECL: FactsDecl<AidStatus> = {
  labels: AID_FACT_LABELS,
  // everything but what the worker tells in words or photos: those nobody verified
  verified: AID_FACTS.filter((f) => f !== 'description' && f !== 'evidence'),
  reverifyAt: 'submitted',
};

const UNSET = '未填';
const yuan = (fen: number | undefined) =>
  fen === undefined || fen === null ? UNSET : `${fenToYuanText(fen)} 元`;
const cause = (c: string | undefined) => (c ? (CAUSE_TEXT[c as HardshipCause] ?? c) : UNSET);

export function aidFacts(doc: Pick<AidCaseDoc, 'form'>): Facts {
  const f = doc.form;
  const members = (f.householdMembers ?? [])
    .map(
      (m) =>
        `${m.relation}，${m.age} 岁，${WORK_STATUS_TEXT[m.workStatus as keyof typeof WORK_STATUS_TEXT] ?? m.workStatus}，年收入 ${fenToYuanText(m.annualIncomeFen)} 元`,
    )
    .join('；');
  const evidence = [...(f.evidenceFileIds ?? [])].sort();
  const facts: Record<AidFact, { text: string; same?: string }> = {
    householdSize: { text: f.householdSize ? `${f.householdSize} 人` : UNSET },
    householdMembers: { text: members || '没有填写' },
    annualIncomeFen: { text: yuan(f.annualIncomeFen) },
    rigidExpenseFen: { text: yuan(f.rigidExpenseFen) },
    mainCause: { text: cause(f.mainCause) },
    secondaryCauses: { text: (f.secondaryCauses ?? []).map(cause).join('、') || '无' },
    bankAccount: {
      text: f.bankAccountMasked ?? UNSET,
      same: f.bankAccountHash ?? f.bankAccountMasked ?? '',
    },
    description: { text: f.description || UNSET },
    evidence: { text: evidence.length ? `${evidence.length} 张` : '没有上传', same: evidence.join(',') },
  };
  // every fact the contract names is listed, so a return can ask for any of them
  return Object.fromEntries(AID_FACTS.map((k) => [k, facts[k]]));
}
