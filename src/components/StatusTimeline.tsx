/**
 * Progress of a reviewed application, for any program of the review kit (the case view's
 * CaseProgress, drawn from the program's table by the cloud):
 *  1. every step already taken, from the case history: what happened, who (the org, never an
 *     officer's own data; the worker's own steps say so), when, and the comment given;
 *  2. the current step, marked 「当前」 in words as well as by colour, with what happens next;
 *  3. the steps still to come on the program's normal path (`timeline`), marked 「未开始」.
 * A returned, rejected or withdrawn case is not on the path: its next step says what to do.
 * The next step is written to the worker ("基层工会会联系您"): an officer's page leaves it out
 * (`forOfficer`); their decision panel says what is theirs to do.
 */
import { View } from '@tarojs/components';
import type { CaseProgress } from '../contracts/workflow';
import { formatDateTime } from '../services/format';
import './StatusTimeline.scss';

export function StatusTimeline({
  id,
  progress,
  forOfficer = false,
}: {
  id?: string;
  progress: CaseProgress;
  forOfficer?: boolean;
}) {
  const { status, statusText, nextStep, history, timeline } = progress;
  const at = timeline.findIndex((p) => p.status === status);
  const upcoming = at >= 0 ? timeline.slice(at + 1) : [];
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
              {h.level ? `（${h.level}）` : ''} · {formatDateTime(h.at)}
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
          {forOfficer ? null : <View className="timeline-next">下一步：{nextStep}</View>}
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
