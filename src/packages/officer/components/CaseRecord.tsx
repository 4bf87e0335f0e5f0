/**
 * The lower half of an officer's case page, for any program: what was paid, the program's facts,
 * and every step so far (the timeline as officers read it).
 */
import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { CaseProgress } from '../../../contracts/workflow';
import { PaymentList, type PaymentLine } from '../../../components/PaymentList';
import { StatusTimeline } from '../../../components/StatusTimeline';

interface Props {
  view: CaseProgress & { payments: readonly PaymentLine[] };
  paymentKindText: Readonly<Record<string, string>>;
  facts: ReactNode;
}

export function CaseRecord({ view, paymentKindText, facts }: Props) {
  return (
    <>
      <PaymentList
        id="officer-payments"
        title="发放记录"
        payments={view.payments}
        kindText={paymentKindText}
      />
      {facts}
      <View className="section-title">办理经过</View>
      <View className="card">
        <StatusTimeline id="officer-timeline" progress={view} forOfficer />
      </View>
    </>
  );
}
