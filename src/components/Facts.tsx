/**
 * A case's facts as label above value, in a card with a title: the worker and the reviewing
 * officers read a program's application through these, so both see the same facts in the same
 * words (each program lists its own facts with them, e.g. AidCaseFacts). A fact changed after a
 * return is marked: a bar beside it and the words 「已改动」 (never colour alone).
 */
import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './Facts.scss';

export function Fact({
  label,
  children,
  id,
  changed = false,
}: {
  label: string;
  children: ReactNode;
  id?: string;
  /** changed in the last resubmission (or, to the owner, since the return) */
  changed?: boolean;
}) {
  return (
    <View className={changed ? 'fact fact-changed' : 'fact'} id={id}>
      <View className="fact-label">
        {label}
        {changed ? <View className="fact-changed-tag">已改动</View> : null}
      </View>
      <View className="fact-value">{children}</View>
    </View>
  );
}

export function FactCard({ id, title, children }: { id?: string; title: string; children: ReactNode }) {
  return (
    <View className="card" id={id}>
      <View className="section-title">{title}</View>
      {children}
    </View>
  );
}
