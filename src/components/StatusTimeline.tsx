/**
 * Progress of a reviewed application (困难帮扶 and the programs that reuse the workflow):
 *  1. every step already taken, from the case history: what happened, who (the org, never an
 *     officer's own data; the worker's own steps say 本人), when, and the comment given;
 *  2. the current step, marked 「当前」 in words as well as by colour, with what happens next;
 *  3. the steps still to come on the normal path, marked 「未开始」.
 * A returned, rejected or withdrawn case has no steps to come: its next step says what to do.
 */
import { View } from '@tarojs/components';
import type { AidHistoryView, AidStatus } from '../contracts/aid';
import { formatDateTime } from '../services/format';
import './StatusTimeline.scss';

/** The normal path after submission, with the name of each step as a worker would say it. */
const PATH: { status: AidStatus; label: string }[] = [
  { status: 'submitted', label: '提交申请' },
  { status: 'base_review', label: '基层工会初审（入户核查）' },
  { status: 'town_review', label: '街道/镇工会审核' },
  { status: 'city_approval', label: '区/市总工会审批' },
  { status: 'publicity', label: '公示' },
  { status: 'filed', label: '建档' },
  { status: 'paid', label: '发放帮扶金' },
];

/** Where a case is and how it got there (an AidCaseView has these fields). */
export interface Progress {
  status: AidStatus;
  statusText: string;
  nextStep: string;
  history: AidHistoryView[];
}

export function StatusTimeline({ id, progress }: { id?: string; progress: Progress }) {
  const { status, statusText, nextStep, history } = progress;
  const at = PATH.findIndex((p) => p.status === status);
  const upcoming = at >= 0 ? PATH.slice(at + 1) : [];
  return (
    <View id={id} className="timeline" ariaLabel="办理进度">
      {history.map((h, i) => (
        <View key={`${h.at}-${i}`} className="timeline-step done">
          <View className="timeline-mark" />
          <View className="timeline-body">
            <View className="timeline-title">
              <View className="timeline-tag">已完成</View>
              {h.actionText}
            </View>
            <View className="timeline-meta">
              {h.by}
              {h.level && h.by !== '本人' ? `（${h.level}）` : ''} · {formatDateTime(h.at)}
            </View>
            {h.comment ? <View className="timeline-comment">意见：{h.comment}</View> : null}
          </View>
        </View>
      ))}
      <View className="timeline-step current" ariaLabel={`当前步骤：${statusText}`}>
        <View className="timeline-mark" />
        <View className="timeline-body">
          <View className="timeline-title">
            <View className="timeline-tag">当前</View>
            {statusText}
          </View>
          <View className="timeline-next">下一步：{nextStep}</View>
        </View>
      </View>
      {upcoming.map((p) => (
        <View key={p.status} className="timeline-step upcoming">
          <View className="timeline-mark" />
          <View className="timeline-body">
            <View className="timeline-title">
              <View className="timeline-tag">未开始</View>
              {p.label}
            </View>
          </View>
        </View>
      ))}
    </View>
  );
}
