/**
 * One labelled input with its hint and its problem said in words underneath (FieldError); the
 * border turns red as well, never instead. The real <input> sits inside the element with `id`.
 */
import { Input, View } from '@tarojs/components';
import type { ComponentProps } from 'react';
import { FieldError } from './FieldError';

interface Props {
  id: string;
  label?: string;
  /** smaller line under the label */
  hint?: string;
  value: string;
  error?: string | null;
  errorId?: string;
  type?: ComponentProps<typeof Input>['type'];
  maxlength?: number;
  placeholder?: string;
  onInput: (value: string) => void;
  onBlur?: () => void;
}

export function TextField({
  id,
  label,
  hint,
  value,
  error,
  errorId,
  type,
  maxlength,
  placeholder,
  onInput,
  onBlur,
}: Props) {
  return (
    <View className="field">
      {label ? <View className="field-label">{label}</View> : null}
      {hint ? <View className="field-hint">{hint}</View> : null}
      <Input
        id={id}
        className={error ? 'input has-error' : 'input'}
        type={type}
        value={value}
        maxlength={maxlength}
        placeholder={placeholder}
        // H5: Taro's inner <input> has no <label>; give it the words shown above it
        nativeProps={{ 'aria-label': label ?? hint }}
        onInput={(e) => onInput(e.detail.value)}
        onBlur={onBlur}
      />
      <FieldError id={errorId} message={error} />
    </View>
  );
}
