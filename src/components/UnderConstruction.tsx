import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Action } from './Action';
import { PageShell } from './PageShell';

/** Honest placeholder for a feature whose subpackage is not built yet: no made-up data. */
export function UnderConstruction({ title }: { title: string }) {
  return (
    <PageShell>
      <View className="card" id="under-construction">
        <View className="section-title">「{title}」正在建设中</View>
        <View>开通后会在「消息」里通知您。现在还不能在这里办理。</View>
        <View className="muted small">如有急事，请直接联系您所在的基层工会。</View>
      </View>
      <Action kind="secondary" onClick={() => void Taro.switchTab({ url: '/pages/home/index' })}>
        返回首页
      </Action>
    </PageShell>
  );
}
