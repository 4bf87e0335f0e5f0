/**
 * What a 困难帮扶 application says, as the worker and the reviewing officers both read it:
 * household, money (yuan from integer fen), causes, description, the system's suggestion with
 * its reason, the bank account masked, and the evidence photos. Shared by the worker's case page
 * and the officer's review page (both subpackages use it, so it lives here), on the shared Facts.
 * Facts changed after a return are marked (view.changedFacts, the keys of cloud/core/aid/facts.ts).
 */
import { View } from '@tarojs/components';
import {
  CATEGORY_TEXT,
  CAUSE_TEXT,
  fenToYuanText,
  reasonWithoutCategory,
  WORK_STATUS_TEXT,
  type AidCaseView,
  type AidFact,
  type HardshipCause,
} from '../contracts/aid';
import { keepWithUnit } from '../services/format';
import { EvidenceThumbs } from './EvidenceThumbs';
import { Fact, FactCard } from './Facts';

// a draft's blank field comes as null: 未填, never 0 元
const yuan = (fen: number | null | undefined) =>
  fen == null ? '未填' : keepWithUnit(`${fenToYuanText(fen)} 元`);

export function AidCaseFacts({ view }: { view: AidCaseView }) {
  const f = view.form;
  const changed = new Set<string>(view.changedFacts);
  const was = (fact: AidFact) => changed.has(fact);
  return (
    <FactCard id="aid-case-facts" title="申请内容">
      <Fact label="家庭人口" changed={was('householdSize')}>
        {f.householdSize ? keepWithUnit(`${f.householdSize} 人`) : '未填'}
      </Fact>
      {(f.householdMembers ?? []).map((m, i) => (
        <Fact key={i} label={`家人 ${i + 1}`} changed={was('householdMembers')}>
          {keepWithUnit(
            `${m.relation}，${m.age} 岁，${WORK_STATUS_TEXT[m.workStatus]}，年收入 ${fenToYuanText(m.annualIncomeFen)} 元`,
          )}
        </Fact>
      ))}
      <Fact label="全家年收入" changed={was('annualIncomeFen')}>
        {yuan(f.annualIncomeFen)}
      </Fact>
      <Fact label="刚性支出" changed={was('rigidExpenseFen')}>
        {yuan(f.rigidExpenseFen)}
      </Fact>
      <Fact label="人均月收入" id="fact-per-capita">
        {keepWithUnit(
          `${fenToYuanText(view.assessment.perCapitaMonthlyFen)} 元（当地低保 ${fenToYuanText(view.assessment.dibaoMonthlyFen)} 元/月）`,
        )}
      </Fact>
      <Fact label="系统初步判断" id="fact-suggested">
        {CATEGORY_TEXT[view.suggestedCategory]}：{keepWithUnit(reasonWithoutCategory(view.assessment.reason))}
      </Fact>
      {view.category ? (
        <Fact label="工会确定的类别" id="fact-category">
          {CATEGORY_TEXT[view.category]}
        </Fact>
      ) : null}
      <Fact label="主要原因" changed={was('mainCause')}>
        {f.mainCause ? CAUSE_TEXT[f.mainCause as HardshipCause] : '未填'}
      </Fact>
      {f.secondaryCauses?.length || was('secondaryCauses') ? (
        <Fact label="其他原因" changed={was('secondaryCauses')}>
          {(f.secondaryCauses ?? []).map((c) => CAUSE_TEXT[c]).join('、') || '无'}
        </Fact>
      ) : null}
      <Fact label="情况说明" changed={was('description')}>
        {f.description || '未填'}
      </Fact>
      <Fact label="收款银行卡" id="fact-bank" changed={was('bankAccount')}>
        {f.bankAccountMasked ?? '未填'}
      </Fact>
      <View className={was('evidence') ? 'fact fact-changed' : 'fact'}>
        <View className="fact-label">
          证明材料
          {was('evidence') ? <View className="fact-changed-tag">已改动</View> : null}
        </View>
        {f.evidenceFileIds?.length ? (
          <EvidenceThumbs id="case-evidence" fileIds={f.evidenceFileIds} />
        ) : (
          <View className="fact-value">没有上传照片</View>
        )}
      </View>
    </FactCard>
  );
}
