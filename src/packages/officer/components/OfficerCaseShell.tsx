/**
 * The frame of an officer's case page, for any program: the refusal of the last decision on top
 * (in words), 正在读取… until the case is there, then the page's own content.
 */
import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { PageShell } from '../../../components/PageShell';

export function OfficerCaseShell<V>({
  view,
  error,
  children,
}: {
  view: V | null;
  error: string | null;
  children: (view: V) => ReactNode;
}) {
  return (
    <PageShell>
      <ErrorNotice id="decision-error" message={error} />
      {view ? children(view) : error ? null : <View className="muted">正在读取…</View>}
    </PageShell>
  );
}
