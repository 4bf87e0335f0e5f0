import { View } from '@tarojs/components';
import { fenToYuanText } from '../contracts/money';
import { formatDateTime, keepWithUnit } from '../services/format';

export interface PaymentLine {
  amountFen: number;
  kind: string;
  at: string;
}

/** What was paid on a case (date, kind in the program's words, amount in 元), for the worker and the officers. */
export function PaymentList({
  id,
  title,
  payments,
  kindText,
}: {
  id: string;
  title: string;
  payments: readonly PaymentLine[];
  kindText: Readonly<Record<string, string>>;
}) {
  if (payments.length === 0) return null;
  return (
    <View className="card" id={id}>
      <View className="section-title">{title}</View>
      {payments.map((p, i) => (
        <View key={i} className="payment-line">
          {formatDateTime(p.at)} · {kindText[p.kind] ?? p.kind} ·{' '}
          {keepWithUnit(`${fenToYuanText(p.amountFen)} 元`)}
        </View>
      ))}
    </View>
  );
}
