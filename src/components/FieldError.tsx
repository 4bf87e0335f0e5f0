import { Text, View } from '@tarojs/components';

/** A problem with one field, said in words next to it (colour is never the only signal). */
export function FieldError({ id, message }: { id?: string; message: string | null | undefined }) {
  if (!message) return null;
  return (
    <View id={id} className="field-error" ariaRole="alert">
      <Text className="field-error-mark">⚠</Text>
      <Text>{message}</Text>
    </View>
  );
}
