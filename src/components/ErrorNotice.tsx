import { View } from '@tarojs/components';

/** A failure for the whole page (e.g. no network), in words, announced to screen readers. */
export function ErrorNotice({ id, message }: { id?: string; message: string | null | undefined }) {
  if (!message) return null;
  return (
    <View id={id} className="notice error" ariaRole="alert">
      {message}
    </View>
  );
}
