/**
 * What a 金秋助学 application says, as the worker and the reviewing officers both read it: the
 * child (ID number only masked), school, level and admission year, the household's group as the
 * union's records place it, the campaign's questions with the answers, the amounts (the table's,
 * and the approved one with the reason when it differs) and the photos of the 录取通知书. Facts
 * changed after a return are marked (view.changedFacts, the keys of cloud/core/bursary/facts.ts).
 */
import { View } from '@tarojs/components';
import { SCHOOL_LEVEL_TEXT, type BursaryApplicationView, type BursaryFact } from '../contracts/bursary';
import { fenToYuanText } from '../contracts/money';
import { EvidenceThumbs } from './EvidenceThumbs';
import { Fact, FactCard } from './Facts';

const yuan = (fen: number) => `${fenToYuanText(fen)} 元`;

export function BursaryCaseFacts({ view }: { view: BursaryApplicationView }) {
  const c = view.child;
  const changed = new Set<string>(view.changedFacts);
  const was = (...facts: BursaryFact[]) => facts.some((f) => changed.has(f));
  return (
    <FactCard id="bursary-case-facts" title="申请内容">
      <Fact label="孩子" changed={was('childName')}>
        {c.name}
      </Fact>
      <Fact label="孩子的身份证号" id="fact-child-id">
        {c.idNumberMasked}
      </Fact>
      <Fact label="学校" changed={was('school', 'level', 'admissionYear')}>
        {c.school}（{SCHOOL_LEVEL_TEXT[c.level]}，{c.admissionYear} 年入学）
      </Fact>
      <Fact label="家庭情况" id="fact-group">
        {view.groupText}。{view.groupReason}
      </Fact>
      <Fact label="按标准可得" id="fact-standard">
        {yuan(view.standardAmountFen)}
      </Fact>
      {view.amount ? (
        <Fact label="批准金额" id="fact-approved">
          {yuan(view.amount.approvedFen)}
          {view.amount.reason ? `（${view.amount.reason}）` : ''}
        </Fact>
      ) : null}
      {view.answers.map((a) => (
        <Fact key={a.id} label={a.question} changed={was('answers')}>
          {a.answer ? '是' : '不是'}
        </Fact>
      ))}
      <View className={was('proof') ? 'fact fact-changed' : 'fact'}>
        <View className="fact-label">
          录取通知书或在读证明
          {was('proof') ? <View className="fact-changed-tag">已改动</View> : null}
        </View>
        {view.proofFileIds.length ? (
          <EvidenceThumbs id="bursary-proof" fileIds={view.proofFileIds} />
        ) : (
          <View className="fact-value">没有上传照片</View>
        )}
      </View>
    </FactCard>
  );
}
