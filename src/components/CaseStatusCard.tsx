/**
 * Where the worker's case is now, at the top of its page, for any program of the review kit:
 * the status in words, what happens next, and the program's own lines below (an amount, dates).
 */
import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { CaseProgress } from '../contracts/workflow';
import './CaseStatusCard.scss';

export function CaseStatusCard({
  id,
  progress,
  children,
}: {
  id: string;
  progress: Pick<CaseProgress, 'statusText' | 'nextStep'>;
  children?: ReactNode;
}) {
  return (
    <View className="card" id={id}>
      <View className="muted small">现在到了</View>
      <View className="section-title case-status-now">{progress.statusText}</View>
      <View>下一步：{progress.nextStep}</View>
      {children}
    </View>
  );
}

/** One more line on the status card (a category, an amount, the 公示 dates). */
export function StatusLine({ children }: { children: ReactNode }) {
  return <View className="case-status-extra">{children}</View>;
}
