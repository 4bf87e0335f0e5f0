/**
 * The lower half of an officer's case page, for any program: the amount approved and what was
 * paid against it, what the worker changed after a return (each fact before and after), the
 * program's facts, and every step so far (the timeline as officers read it).
 */
import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { CaseViewKit } from '../../../contracts/workflow';
import { ChangeList } from '../../../components/ChangeList';
import { PaymentList, type PaymentLine } from '../../../components/PaymentList';
import { StatusTimeline } from '../../../components/StatusTimeline';

interface Props {
  view: CaseViewKit & { payments: readonly PaymentLine[] };
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
        amount={view.amount}
      />
      <ChangeList id="officer-changes" title="退回后职工改动的内容" changes={view.changes} />
      {facts}
      <View className="section-title">办理经过</View>
      <View className="card">
        <StatusTimeline id="officer-timeline" progress={view} forOfficer />
      </View>
    </>
  );
}
