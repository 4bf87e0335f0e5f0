/**
 * One labelled input with its hint and its problem said in words underneath (FieldError); the
 * border turns red as well, never instead. The real <input> sits inside the element with `id`.
 * `keypad` opens the keyboard the field needs without ever dropping what is typed: in the mini
 * program WeChat's own number, digit and ID-card (digits and X) keypads; in the browser a text
 * input with a number keypad hint (inputmode), since a browser's number input silently drops
 * anything but digits ("3万6" became 36). `note` is a neutral line under the input, e.g. how a
 * typed amount was read.
 */
import { Input, View } from '@tarojs/components';
import type { ComponentProps } from 'react';
import { FieldError } from './FieldError';
import './TextField.scss';

export type Keypad = 'number' | 'decimal' | 'idcard';

type InputProps = ComponentProps<typeof Input>;

const WEAPP_TYPE: Record<Keypad, InputProps['type']> = {
  number: 'number',
  decimal: 'digit',
  idcard: 'idcard',
};

/** The input's type and, in the browser, its keypad hint. */
export function keypadProps(keypad: Keypad | undefined): Pick<InputProps, 'type' | 'nativeProps'> {
  if (!keypad) return {};
  if (process.env.TARO_ENV !== 'h5') return { type: WEAPP_TYPE[keypad] };
  // no browser keypad has both digits and X: an ID number gets the full keyboard (a digits-only
  // pad would trap a worker whose number ends in X), with X upper-cased
  if (keypad === 'idcard')
    return { type: 'text', nativeProps: { autocapitalize: 'characters', autocomplete: 'off' } };
  return {
    type: 'text',
    nativeProps: { inputMode: keypad === 'number' ? 'numeric' : 'decimal', autocomplete: 'off' },
  };
}

interface Props {
  id: string;
  label?: string;
  /** smaller line under the label */
  hint?: string;
  value: string;
  error?: string | null;
  errorId?: string;
  keypad?: Keypad;
  maxlength?: number;
  placeholder?: string;
  /** a neutral line under the input (not a problem) */
  note?: string | null;
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
  keypad,
  maxlength,
  placeholder,
  note,
  onInput,
  onBlur,
}: Props) {
  const keypadSettings = keypadProps(keypad);
  return (
    <View className="field" id={`${id}-field`}>
      {label ? <View className="field-label">{label}</View> : null}
      {hint ? <View className="field-hint">{hint}</View> : null}
      <Input
        id={id}
        className={error ? 'input has-error' : 'input'}
        type={keypadSettings.type}
        value={value}
        maxlength={maxlength}
        placeholder={placeholder}
        // H5: Taro's inner <input> has no <label>; give it the words shown above it
        nativeProps={{ ...keypadSettings.nativeProps, 'aria-label': label ?? hint }}
        onInput={(e) => onInput(e.detail.value)}
        onBlur={onBlur}
      />
      {note && !error ? (
        <View className="field-note" id={`${id}-note`}>
          {note}
        </View>
      ) : null}
      <FieldError id={errorId} message={error} />
    </View>
  );
}
