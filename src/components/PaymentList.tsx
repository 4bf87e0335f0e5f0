import { View } from '@tarojs/components';
import { fenToYuanText } from '../contracts/money';
import type { ApprovedAmountView } from '../contracts/workflow';
import { formatDateTime, keepWithUnit } from '../services/format';

export interface PaymentLine {
  amountFen: number;
  kind: string;
  at: string;
}

/**
 * What was paid on a case (date, kind in the program's words, amount in 元), for the worker and
 * the officers, under the amount the approving level fixed (核定金额) and what is left of it.
 */
export function PaymentList({
  id,
  title,
  payments,
  kindText,
  amount = null,
}: {
  id: string;
  title: string;
  payments: readonly PaymentLine[];
  kindText: Readonly<Record<string, string>>;
  amount?: ApprovedAmountView | null;
}) {
  if (payments.length === 0 && !amount) return null;
  return (
    <View className="card" id={id}>
      <View className="section-title">{title}</View>
      {amount ? (
        <View className="approved-amount" id={`${id}-approved`}>
          核定金额 {keepWithUnit(`${fenToYuanText(amount.approvedFen)} 元`)}，已发{' '}
          {keepWithUnit(`${fenToYuanText(amount.paidFen)} 元`)}，还可发{' '}
          {keepWithUnit(`${fenToYuanText(amount.leftFen)} 元`)}
          {amount.reason ? <View className="muted small">核定理由：{amount.reason}</View> : null}
        </View>
      ) : null}
      {payments.map((p, i) => (
        <View key={i} className="payment-line">
          {formatDateTime(p.at)} · {kindText[p.kind] ?? p.kind} ·{' '}
          {keepWithUnit(`${fenToYuanText(p.amountFen)} 元`)}
        </View>
      ))}
    </View>
  );
}
