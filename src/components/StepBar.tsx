/**
 * Where the worker is in a form of short steps: "第 2 步，共 5 步：收入和支出" in words, and a row
 * of the steps, each a tap target that goes there. A step's state is said in its label as well
 * as by colour: ✓ when filled in, ！ when it has something to fix, 当前 for the one shown.
 */
import { Text, View } from '@tarojs/components';
import './StepBar.scss';

export interface StepInfo {
  /** short, on the bar: 家庭 */
  label: string;
  /** in the heading: 家庭情况 */
  title: string;
  state: 'todo' | 'done' | 'problem';
}

interface Props {
  id: string;
  steps: readonly StepInfo[];
  current: number;
  onGo: (index: number) => void;
}

const MARK: Record<StepInfo['state'], string> = { todo: '', done: '✓', problem: '！' };
const SAID: Record<StepInfo['state'], string> = { todo: '未填完', done: '已填好', problem: '有要改的' };

export function StepBar({ id, steps, current, onGo }: Props) {
  return (
    <View id={id} className="step-bar">
      <View className="step-bar-heading" id={`${id}-heading`}>
        第 {current + 1} 步，共 {steps.length} 步：{steps[current].title}
      </View>
      <View className="step-bar-row" ariaRole="tablist">
        {steps.map((s, i) => (
          <View
            key={s.label}
            id={`${id}-${i}`}
            className={['step-bar-step', s.state, i === current ? 'current' : ''].filter(Boolean).join(' ')}
            hoverClass="chip-pressed"
            ariaRole="tab"
            // the name starts with what the step shows (axe: label-content-name-mismatch), then says it in words
            ariaLabel={`${i + 1}${MARK[s.state]}${s.label}：第 ${i + 1} 步 ${s.title}，${i === current ? '当前，' : ''}${SAID[s.state]}`}
            onClick={() => onGo(i)}
          >
            <Text className="step-bar-number">
              {i + 1}
              {MARK[s.state]}
            </Text>
            <Text className="step-bar-label">{s.label}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
