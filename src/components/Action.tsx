import { View } from '@tarojs/components';
import type { ReactNode } from 'react';

interface Props {
  id?: string;
  kind?: 'primary' | 'secondary';
  disabled?: boolean;
  onClick?: () => void;
  children: ReactNode;
}

/** A full-width button, at least --tap high; busy/disabled is said in its label, not by colour alone. */
export function Action({ id, kind = 'primary', disabled, onClick, children }: Props) {
  const className = ['action', kind === 'secondary' ? 'secondary' : '', disabled ? 'disabled' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <View
      id={id}
      className={className}
      hoverClass={disabled ? 'none' : 'action-pressed'}
      ariaRole="button"
      ariaLabel={typeof children === 'string' ? children : undefined}
      onClick={disabled ? undefined : onClick}
    >
      {children}
    </View>
  );
}
