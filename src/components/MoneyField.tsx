/**
 * An amount in 元, typed as people type it (36000, 3.6万, 3万6): the decimal keypad, and under the
 * box how a short form was read (按 36000 元计算) so the worker sees the figure that counts; what
 * cannot be read is the caller's problem to say (services/money.ts yuanProblem).
 */
import { yuanReadBack } from '../services/money';
import { TextField } from './TextField';

interface Props {
  id: string;
  label?: string;
  hint?: string;
  value: string;
  error?: string | null;
  errorId?: string;
  placeholder?: string;
  onInput: (value: string) => void;
}

export function MoneyField(props: Props) {
  return <TextField {...props} keypad="decimal" maxlength={14} note={yuanReadBack(props.value)} />;
}
