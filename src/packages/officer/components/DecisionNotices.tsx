/** What the officer's last decision did, or why it was refused, at the top of a case page. */
import { View } from '@tarojs/components';

export function DecisionNotices({ done, error }: { done: string | null; error: string | null }) {
  return (
    <>
      {done ? (
        <View className="notice success" id="decision-done" ariaRole="alert">
          ✓ {done}。职工会在「消息」里收到通知。
        </View>
      ) : null}
      {error ? (
        <View className="notice error" id="decision-error" ariaRole="alert">
          {error}
        </View>
      ) : null}
    </>
  );
}
