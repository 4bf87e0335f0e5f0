/**
 * The top of an officer's case page, for any program: who applied (or for whom), their union,
 * where the case is now, and — when the officer may only read it — why. The program adds its
 * masked identity lines below (RevealField).
 */
import { View } from '@tarojs/components';
import type { ReactNode } from 'react';

interface Props {
  title: string;
  orgName: string;
  statusText: string;
  readOnlyReason: string | null;
  children?: ReactNode;
}

export function CaseHead({ title, orgName, statusText, readOnlyReason, children }: Props) {
  return (
    <View className="card" id="officer-case-head">
      <View className="section-title officer-case-title">{title}</View>
      <View className="muted">{orgName}</View>
      <View className="officer-case-status-line">现在：{statusText}</View>
      {readOnlyReason ? (
        <View className="notice officer-readonly" id="officer-readonly">
          {readOnlyReason}
        </View>
      ) : null}
      {children}
    </View>
  );
}
