/**
 * A box for a few sentences (情况说明, 核查情况, 意见): the app's font at the app's size, so it
 * follows the WeChat font setting and 长辈版, and the whole box takes the tap. In the browser
 * Taro's textarea is a small monospace <textarea> inside the styled element; TextArea.scss makes
 * it fill the box and inherit the font.
 */
import { Textarea } from '@tarojs/components';
import './TextArea.scss';

interface Props {
  id: string;
  /** the words shown above the box; H5's inner <textarea> has no <label>, so it carries them */
  label: string;
  value: string;
  maxlength: number;
  placeholder?: string;
  hasError?: boolean;
  onInput: (value: string) => void;
}

// in the mini program the Textarea is the native box itself and keeps app.scss's padding
const PLATFORM_CLASS = process.env.TARO_ENV === 'h5' ? 'textarea text-area-h5' : 'textarea';

export function TextArea({ id, label, value, maxlength, placeholder, hasError = false, onInput }: Props) {
  return (
    <Textarea
      id={id}
      className={hasError ? `${PLATFORM_CLASS} has-error` : PLATFORM_CLASS}
      value={value}
      maxlength={maxlength}
      autoHeight
      placeholder={placeholder}
      nativeProps={{ 'aria-label': label }}
      onInput={(e) => onInput(e.detail.value)}
    />
  );
}
