/**
 * 劳动竞赛: the competitions the worker has entered (with where each entry stands) and those
 * open for registration now that the worker may enter. Each opens its detail page.
 */
import { View } from '@tarojs/components';
import type { CompetitionListResponse } from '../../../../contracts/competitions';
import { EmptyState } from '../../../../components/EmptyState';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { PageShell } from '../../../../components/PageShell';
import { api } from '../../../../services/api';
import { useShownData } from '../../../../services/useShownData';
import { CompetitionCard } from '../../components/CompetitionCard';
import { detailLink } from '../../links';
import '../../competition.scss';

export default function CompetitionIndexPage() {
  const { data, error } = useShownData(async () => {
    const [mine, open] = await Promise.all([
      api.get<CompetitionListResponse>('/api/competitions?mine=1'),
      api.get<CompetitionListResponse>('/api/competitions?open=1'),
    ]);
    const entered = new Set(mine.items.map((c) => c.id));
    return { mine: mine.items, open: open.items.filter((c) => !entered.has(c.id)) };
  });

  return (
    <PageShell>
      <ErrorNotice message={error} />
      {data && data.mine.length > 0 ? (
        <View id="competitions-mine">
          <View className="section-title">我报名的</View>
          {data.mine.map((c) => (
            <CompetitionCard key={c.id} c={c} url={detailLink(c.id)} />
          ))}
        </View>
      ) : null}
      {data ? (
        <View id="competitions-open">
          <View className="section-title">正在报名</View>
          {data.open.length === 0 ? (
            <EmptyState title="现在没有可以报名的竞赛">有新的竞赛开始报名时，会显示在这里。</EmptyState>
          ) : (
            data.open.map((c) => <CompetitionCard key={c.id} c={c} url={detailLink(c.id)} />)
          )}
        </View>
      ) : null}
    </PageShell>
  );
}
