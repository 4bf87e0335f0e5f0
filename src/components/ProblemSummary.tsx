/**
 * What still stops a form from being sent, as a list beside its button: each item names the
 * field in words and is a link that takes the worker to it (scrolling there, or first to the
 * step it is on). Drawn from the form's current problems, so it shrinks as they are fixed and is
 * gone when none is left (never a banner that outlives the problems it names).
 */
import { Text, View } from '@tarojs/components';
import './ProblemSummary.scss';

export interface ProblemLink {
  /** the field in words: 家庭人口 */
  label: string;
  /** what is wrong, when it says more than the label */
  message?: string;
  /** the element to bring into view */
  targetId: string;
}

interface Props {
  id: string;
  /** 还有 2 项要填好才能提交： */
  lead: string;
  problems: readonly ProblemLink[];
  onGo: (problem: ProblemLink) => void;
}

export function ProblemSummary({ id, lead, problems, onGo }: Props) {
  if (problems.length === 0) return null;
  return (
    <View className="notice error problem-summary" id={id} ariaRole="alert">
      <View className="problem-summary-lead">{lead}</View>
      {problems.map((p, i) => (
        <View
          key={`${p.targetId}-${i}`}
          id={`${id}-${i}`}
          className="problem-link"
          hoverClass="row-pressed"
          ariaRole="link"
          onClick={() => onGo(p)}
        >
          <Text className="problem-link-label">{p.label}</Text>
          {p.message ? <Text className="problem-link-message">：{p.message}</Text> : null}
          <Text className="problem-link-go"> 去改 ›</Text>
        </View>
      ))}
    </View>
  );
}
