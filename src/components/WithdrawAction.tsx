/**
 * 撤回申请, for any program: a secondary button that first says once more, on the page itself
 * (no pop-up), what withdrawing means, and only then withdraws. Ids: <id>, <id>-confirm, <id>-yes.
 */
import { View } from '@tarojs/components';
import { useState } from 'react';
import { Action } from './Action';

interface Props {
  id: string;
  /** what withdrawing means for this program, in one or two sentences */
  meaning: string;
  busy: boolean;
  onWithdraw: () => Promise<void>;
}

export function WithdrawAction({ id, meaning, busy, onWithdraw }: Props) {
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <Action id={id} kind="secondary" onClick={() => setAsking(true)}>
        撤回申请
      </Action>
    );
  return (
    <View className="card" id={`${id}-confirm`}>
      <View>{meaning}确定撤回吗？</View>
      <Action id={`${id}-yes`} disabled={busy} onClick={() => void onWithdraw().then(() => setAsking(false))}>
        {busy ? '正在撤回…' : '确定撤回'}
      </Action>
      <Action kind="secondary" onClick={() => setAsking(false)}>
        不撤回
      </Action>
    </View>
  );
}
