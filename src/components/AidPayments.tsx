import { View } from '@tarojs/components';
import { fenToYuanText, PAYMENT_KIND_TEXT, type AidCaseView } from '../contracts/aid';
import { formatDateTime } from '../services/format';

/** The aid paid on a case (date, kind, amount in 元), as the worker and the officers read it. */
export function AidPayments({
  id,
  title,
  payments,
}: {
  id: string;
  title: string;
  payments: AidCaseView['payments'];
}) {
  if (payments.length === 0) return null;
  return (
    <View className="card" id={id}>
      <View className="section-title">{title}</View>
      {payments.map((p, i) => (
        <View key={i} className="payment-line">
          {formatDateTime(p.at)} · {PAYMENT_KIND_TEXT[p.kind]} · {fenToYuanText(p.amountFen)} 元
        </View>
      ))}
    </View>
  );
}
