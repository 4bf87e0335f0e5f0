/**
 * 助学公示: applications approved by the 区/市 union, during their 公示, names masked (钱*雨),
 * with the union, the school level, the amount and the dates. Anyone who knows an application is
 * not as stated may tell their union during these days.
 */
import { View } from '@tarojs/components';
import { SCHOOL_LEVEL_TEXT, type BursaryPublicityItem } from '../../../../contracts/bursary';
import { fenToYuanText } from '../../../../contracts/money';
import { EmptyState } from '../../../../components/EmptyState';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { PageShell } from '../../../../components/PageShell';
import { api } from '../../../../services/api';
import { formatDateTime } from '../../../../services/format';
import { useShownData } from '../../../../services/useShownData';
import '../../bursary.scss';

export default function BursaryPublicityPage() {
  const { data, error } = useShownData(() =>
    api.get<{ items: BursaryPublicityItem[] }>('/api/bursary/publicity'),
  );
  const items = data?.items ?? null;
  return (
    <PageShell>
      <View className="muted small bursary-lead-note">
        下面是审批通过、正在公示的金秋助学名单。如果您了解到情况和申请不符，请在公示期内告诉所在工会。
      </View>
      <ErrorNotice message={error} />
      {items && items.length === 0 ? <EmptyState title="现在没有正在公示的名单" /> : null}
      {items?.map((p) => (
        <View key={p.id} className="card" id={`publicity-${p.id}`}>
          <View className="section-title">
            {p.childNameMasked}（家长 {p.applicantNameMasked}）
          </View>
          <View>{p.orgName}</View>
          <View>
            {SCHOOL_LEVEL_TEXT[p.level]} · {fenToYuanText(p.amountFen)} 元
          </View>
          <View className="muted small">
            公示：{formatDateTime(p.startsAt)} 至 {formatDateTime(p.endsAt)}
          </View>
        </View>
      ))}
    </PageShell>
  );
}
