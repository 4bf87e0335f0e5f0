import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { CompetitionSummary } from '../../../contracts/competitions';
import { formatDateTime } from '../../../services/format';

/** One competition in a list: what, when, where, who organises it and where registration stands. */
export function CompetitionCard({ c, url, note }: { c: CompetitionSummary; url: string; note?: string }) {
  return (
    <View
      className="card comp-card"
      id={`competition-${c.id}`}
      hoverClass="tile-pressed"
      ariaRole="button"
      onClick={() => void Taro.navigateTo({ url })}
    >
      <View className="comp-card-head">
        <View className="section-title comp-card-title">{c.title}</View>
        <View className="comp-phase">{c.phaseText}</View>
      </View>
      <View className="muted">
        {c.kindText} · {c.orgName}主办
      </View>
      <View>比赛：{formatDateTime(c.startsAt)}</View>
      <View>地点：{c.venue}</View>
      {note ? <View className="comp-card-note">{note}</View> : null}
      <View className="comp-card-more">查看详情 ›</View>
    </View>
  );
}
