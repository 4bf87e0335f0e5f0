/**
 * A 金秋助学 application's facts as reviewers compare them after a return (the kit's changes.ts):
 * each in the words of the case page, the proof photos by the files attached, the exclusion
 * answers as asked. The 基层 checks the child, the school, level and year of admission against
 * the 录取通知书 at 初审: a change to any of those (or to the proof) that the return did not ask
 * for sends the resubmitted application back to the 基层 to be checked again.
 */
import {
  BURSARY_FACTS,
  SCHOOL_LEVEL_TEXT,
  type BursaryFact,
  type BursaryStatus,
} from '../../../src/contracts/bursary';
import type { Facts, FactValue } from '../workflow/changes';
import type { FactsDecl } from '../workflow/table';
import type { BursaryApplicationDoc } from './repository';

export const BURSARY_FACT_LABELS: Record<BursaryFact, string> = {
  childName: '孩子姓名',
  school: '学校',
  level: '就读阶段',
  admissionYear: '入学年份',
  proof: '录取通知书或在读证明',
  answers: '问题的回答',
};

export const BURSARY_FACTS_DECL: FactsDecl<BursaryStatus> = {
  labels: BURSARY_FACT_LABELS,
  // what the 基层 checked against the 录取通知书; the answers are the parent's own word
  verified: BURSARY_FACTS.filter((f) => f !== 'answers'),
  reverifyAt: 'submitted',
};

export function bursaryFacts(doc: Pick<BursaryApplicationDoc, 'child' | 'proofFileIds' | 'answers'>): Facts {
  const c = doc.child;
  const proof = [...(doc.proofFileIds ?? [])].sort();
  const facts: Record<BursaryFact, FactValue> = {
    childName: { text: c.name },
    school: { text: c.school },
    level: { text: SCHOOL_LEVEL_TEXT[c.level] ?? c.level },
    admissionYear: { text: `${c.admissionYear} 年` },
    proof: { text: proof.length ? `${proof.length} 张` : '没有上传', same: proof.join(',') },
    answers: {
      text: doc.answers.map((a) => `${a.question}${a.answer ? '是' : '不是'}`).join('；') || '无',
    },
  };
  return facts;
}
