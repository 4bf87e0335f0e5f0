/**
 * The answer to one scan, large enough to read at arm's length at a door, and never by colour
 * alone: each state has its symbol and its word first (✓ 已签到, ! 已签到过, ✕ 不能签到, ? 未核验),
 * then who (masked) and which event, or the reason.
 */
import { View } from '@tarojs/components';
import { formatClock } from '../../../services/format';
import type { Verdict } from '../verdict';

const HEAD: Record<Verdict['kind'], { mark: string; word: string; className: string }> = {
  checked_in: { mark: '✓', word: '已签到', className: 'verdict ok' },
  already: { mark: '!', word: '已签到过', className: 'verdict already' },
  refused: { mark: '✕', word: '不能签到', className: 'verdict refused' },
  unchecked: { mark: '?', word: '未核验', className: 'verdict unchecked' },
};

function detail(v: Verdict): string[] {
  switch (v.kind) {
    case 'checked_in':
      return [
        [v.name, v.eventName].filter(Boolean).join(' · ') || '入场券有效',
        v.offline ? `离线核验 ${formatClock(v.at)}，联网后上传` : `签到时间 ${formatClock(v.at)}`,
      ];
    case 'already': {
      const when = [v.at ? formatClock(v.at) : null, v.by ? `由${v.by}` : null].filter(Boolean).join('，');
      return [
        when ? `（${when}）` : '（下载离线名单前已签到）',
        [v.name, v.eventName].filter(Boolean).join(' · '),
      ].filter(Boolean);
    }
    case 'refused':
      return [v.reason];
    case 'unchecked':
      return [v.reason, '这次扫码没有记录，请再扫一次，或改用离线模式'];
  }
}

export function VerdictPanel({ id, verdict }: { id?: string; verdict: Verdict }) {
  const head = HEAD[verdict.kind];
  return (
    <View id={id} className={head.className} ariaRole="alert" data-kind={verdict.kind}>
      <View className="verdict-head">
        <View className="verdict-mark">{head.mark}</View>
        <View className="verdict-word">{head.word}</View>
      </View>
      {detail(verdict).map((line) => (
        <View key={line} className="verdict-line">
          {line}
        </View>
      ))}
    </View>
  );
}
