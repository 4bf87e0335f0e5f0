/**
 * The answer the form gives at once: whether the child looks eligible, the amount that applies
 * for the household's group, and why not when not — in words, with ✓/✗ as well as colour.
 * The union's review has the last word; the card says so.
 */
import { View } from '@tarojs/components';
import type { Eligibility } from '../../../contracts/bursary';
import { fenToYuanText } from '../../../contracts/money';

export function EligibilityCard({ verdict }: { verdict: Eligibility }) {
  const kind = verdict.eligible === true ? 'yes' : verdict.eligible === false ? 'no' : 'unknown';
  return (
    <View className={`card bursary-verdict ${kind}`} id="bursary-eligibility" ariaRole="status">
      {verdict.eligible === true ? (
        <>
          <View className="bursary-verdict-line">
            ✓ 看起来符合条件，可申请 {fenToYuanText(verdict.amountFen!)} 元
          </View>
          <View>按{verdict.groupText}的标准。最后以工会审核为准。</View>
        </>
      ) : verdict.eligible === false ? (
        <>
          <View className="bursary-verdict-line">✗ 不符合这次金秋助学的条件</View>
          {verdict.reasons.map((r) => (
            <View key={r}>· {r}</View>
          ))}
        </>
      ) : (
        <>
          <View className="bursary-verdict-line">填好后，这里会告诉您是否符合条件</View>
          <View className="muted">
            还要填：
            {verdict.missing.length > 1
              ? `${verdict.missing[0]}等 ${verdict.missing.length} 项`
              : verdict.missing[0]}
          </View>
        </>
      )}
    </View>
  );
}
