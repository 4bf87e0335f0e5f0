/**
 * What changed in an application after a return, for any program of the review kit: each
 * changed fact with what it said before and now, and when. Reviewers see the changes resubmitted
 * (newest first), the worker also those not resubmitted yet, with the sentence the cloud gives on
 * where a resubmission goes and why (e.g. facts the 基层 verified changed: back to the 基层).
 */
import { View } from '@tarojs/components';
import type { ChangeView } from '../contracts/workflow';
import { formatDateTime } from '../services/format';
import './ChangeList.scss';

interface Props {
  id: string;
  title: string;
  changes: readonly ChangeView[];
  /** where resubmitting takes the case, and why (to the worker of a returned case) */
  note?: string | null;
}

export function ChangeList({ id, title, changes, note }: Props) {
  if (changes.length === 0 && !note) return null;
  return (
    <View className="card change-list" id={id}>
      <View className="section-title">{title}</View>
      {note ? (
        <View className="notice change-note" id={`${id}-note`}>
          {note}
        </View>
      ) : null}
      {changes.map((c, i) => (
        <View key={`${c.field}-${i}`} className="change-line">
          <View className="change-label">
            {c.label}
            {c.verified ? <View className="change-verified">（工会核实过的内容）</View> : null}
          </View>
          <View>原来：{c.before}</View>
          <View>现在：{c.after}</View>
          <View className="muted small">
            改于 {formatDateTime(c.at)}
            {c.resubmittedAt ? '' : '（还没有重新提交）'}
          </View>
        </View>
      ))}
    </View>
  );
}
