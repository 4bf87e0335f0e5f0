/**
 * A long number checked by eye against a card (bank card, ID card): shown in groups of four as it
 * is typed (6222 0212 3456 7890 123), handed to the page without spaces. The keypad has digits
 * (and X for an ID number).
 */
import { groupedLength, inGroupsOfFour, plainDigits } from '../services/digitGroups';
import { TextField } from './TextField';

interface Props {
  id: string;
  label?: string;
  hint?: string;
  /** the plain number */
  value: string;
  /** most digits it may have */
  digits: number;
  /** an ID number: the last character may be X */
  idNumber?: boolean;
  error?: string | null;
  errorId?: string;
  placeholder?: string;
  onInput: (plain: string) => void;
  onBlur?: () => void;
}

export function DigitsField({ value, digits, idNumber = false, onInput, ...rest }: Props) {
  return (
    <TextField
      {...rest}
      keypad={idNumber ? 'idcard' : 'number'}
      value={inGroupsOfFour(value)}
      maxlength={groupedLength(digits)}
      onInput={(typed) => onInput(plainDigits(typed, idNumber).slice(0, digits))}
    />
  );
}
