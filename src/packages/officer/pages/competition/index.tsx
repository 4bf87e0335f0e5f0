/**
 * 劳动竞赛 (officer workbench): the competitions organised in the officer's subtree, each opening
 * its page (scanning, venue screen, scores, results), and 新建竞赛 for one organised by the
 * officer's own union.
 */
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { CompetitionListResponse } from '../../../../contracts/competitions';
import { Action } from '../../../../components/Action';
import { EmptyState } from '../../../../components/EmptyState';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { PageShell } from '../../../../components/PageShell';
import { api } from '../../../../services/api';
import { formatDateTime } from '../../../../services/format';
import { useShownData } from '../../../../services/useShownData';
import { MANAGE_PAGE, NEW_PAGE } from '../../competitionLinks';
import '../../officer.scss';

const go = (url: string) => void Taro.navigateTo({ url });

export default function OfficerCompetitionsPage() {
  const { data, error } = useShownData(() => api.get<CompetitionListResponse>('/api/competitions?manage=1'));
  return (
    <PageShell>
      <Action id="competition-new" onClick={() => go(NEW_PAGE)}>
        新建竞赛
      </Action>
      <ErrorNotice message={error} />
      <View className="section-title">本单位和下属单位的竞赛</View>
      {data && data.items.length === 0 ? (
        <EmptyState title="还没有竞赛">点上面的「新建竞赛」开始。</EmptyState>
      ) : null}
      {data?.items.map((c) => (
        <View
          key={c.id}
          className="card officer-case"
          id={`managed-${c.id}`}
          hoverClass="tile-pressed"
          ariaRole="button"
          onClick={() => go(`${MANAGE_PAGE}?id=${c.id}`)}
        >
          <View className="officer-case-head">
            <View className="officer-case-name">{c.title}</View>
            <View className="officer-case-status">{c.phaseText}</View>
          </View>
          <View className="muted">
            {c.kindText} · {c.orgName}主办
          </View>
          <View>
            {formatDateTime(c.startsAt)} · {c.venue}
          </View>
          <View className="muted small">
            {c.events.map((e) => `${e.name} ${e.registered}/${e.capacity}`).join('，')}
          </View>
        </View>
      ))}
    </PageShell>
  );
}
