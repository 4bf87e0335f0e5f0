import { View } from '@tarojs/components';
import type { ReactNode } from 'react';

/** Nothing to show: say so plainly, and what will make something appear. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <View className="card empty-state">
      <View className="section-title">{title}</View>
      {children ? <View className="muted">{children}</View> : null}
    </View>
  );
}
