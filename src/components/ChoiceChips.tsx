import { Text, View } from '@tarojs/components';
import './ChoiceChips.scss';

interface Props<T extends string> {
  id?: string;
  options: readonly T[];
  labels: Record<T, string>;
  /** chosen values (one for a single choice) */
  selected: readonly T[];
  onToggle: (value: T) => void;
  /** options shown but not choosable (e.g. the main cause among secondary causes) */
  disabled?: readonly T[];
  multiple?: boolean;
  hasError?: boolean;
}

/**
 * Options as large tappable chips instead of a picker wheel: all choices visible at once, and
 * the chosen one says 「✓」 in its box, so colour is not the only sign (适老化, docs/domain.md).
 * Choosing changes colours and the mark only, never a size: the box is there, empty, on every
 * chip and the border is as thick either way, so the row does not move under the finger.
 */
export function ChoiceChips<T extends string>({
  id,
  options,
  labels,
  selected,
  onToggle,
  disabled = [],
  multiple = false,
  hasError = false,
}: Props<T>) {
  return (
    <View
      id={id}
      className={hasError ? 'chips has-error' : 'chips'}
      ariaRole={multiple ? 'group' : 'radiogroup'}
    >
      {options.map((o) => {
        const on = selected.includes(o);
        const off = disabled.includes(o);
        return (
          <View
            key={o}
            id={id ? `${id}-${o}` : undefined}
            className={['chip', on ? 'on' : '', off ? 'off' : ''].filter(Boolean).join(' ')}
            hoverClass={off ? 'none' : 'chip-pressed'}
            ariaRole={multiple ? 'checkbox' : 'radio'}
            ariaLabel={labels[o]}
            aria-checked={on}
            aria-disabled={off || undefined}
            onClick={off ? undefined : () => onToggle(o)}
          >
            <Text className={multiple ? 'chip-mark square' : 'chip-mark'}>{on ? '✓' : ''}</Text>
            {labels[o]}
          </View>
        );
      })}
    </View>
  );
}
