import { View } from '@tarojs/components';
import type { ReactNode } from 'react';

interface Props {
  id?: string;
  label: string;
  value?: ReactNode;
  onClick?: () => void;
  role?: string;
  ariaLabel?: string;
  /** for role="switch": on or off */
  checked?: boolean;
}

/** One tappable row of a settings-style list (我的), with the current value in words on the right. */
export function RowEntry({ id, label, value, onClick, role = 'button', ariaLabel, checked }: Props) {
  return (
    <View
      id={id}
      className="row-entry"
      hoverClass={onClick ? 'row-pressed' : 'none'}
      ariaRole={onClick ? role : undefined}
      ariaLabel={ariaLabel}
      aria-checked={checked === undefined ? undefined : checked}
      onClick={onClick}
    >
      <View className="row-entry-label">{label}</View>
      {value !== undefined ? <View className="row-entry-value">{value}</View> : null}
    </View>
  );
}
