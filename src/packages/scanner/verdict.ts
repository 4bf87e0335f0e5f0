/**
 * What the scanner says about one scan, whichever way it was checked (by the cloud online, or
 * on this device offline): checked in (green), already checked in (amber, with when and by whom),
 * refused (red, with the reason in words), or not checked at all (no network: nothing was decided).
 */
import { CHECKIN_REFUSALS, type CheckinRefusal, type CheckinResponse } from '../../contracts/competitions';
import { ERRORS, type ErrorCode } from '../../contracts/errors';

export type Verdict =
  | {
      kind: 'checked_in';
      at: string;
      eventName: string;
      /** masked (张*国); offline the device has no names */
      name: string | null;
      /** checked by this device alone, waiting to be uploaded */
      offline: boolean;
    }
  | {
      kind: 'already';
      /** when the first check-in was, when known (an offline pack knows only that it was) */
      at: string | null;
      by: string | null;
      eventName: string | null;
      name: string | null;
    }
  | { kind: 'refused'; code: CheckinRefusal | ErrorCode; reason: string }
  | { kind: 'unchecked'; reason: string };

export function verdictOfResponse(r: CheckinResponse): Verdict {
  if (r.result === 'checked_in')
    return { kind: 'checked_in', at: r.at, eventName: r.eventName, name: r.name, offline: false };
  return { kind: 'already', at: r.at, by: r.by ?? null, eventName: r.eventName, name: r.name };
}

export const isRefusal = (code: string): code is CheckinRefusal =>
  (CHECKIN_REFUSALS as readonly string[]).includes(code);

export function refusal(code: CheckinRefusal): Verdict {
  return { kind: 'refused', code, reason: ERRORS[code].message };
}
