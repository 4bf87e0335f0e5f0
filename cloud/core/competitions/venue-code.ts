/**
 * The rotating venue code for self sign-in. The venue screen shows a scene
 * `<competition>.<list index><code>` (32 characters: WeChat's limit for a mini-program code's
 * scene); the code is 6 base32 characters of HMAC-SHA256(the competition's venue secret,
 * "<competition>:<list index>:<period>") with 30-second periods. A scan is accepted with the
 * current period's code or the previous one's, so a code lives 30 to 60 seconds and a photo
 * sent elsewhere stops working within a minute.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  SHORT_CODE_ALPHABET,
  VENUE_CODE_PERIOD_SECONDS,
  venueScene,
} from '../../../src/contracts/competitions';

export const periodOf = (ms: number) => Math.floor(ms / 1000 / VENUE_CODE_PERIOD_SECONDS);

export function venueCode(
  secret: Uint8Array,
  competitionId: string,
  listIndex: number,
  period: number,
): string {
  const mac = createHmac('sha256', secret).update(`${competitionId}:${listIndex}:${period}`).digest();
  // 30 bits → 6 characters of 5 bits
  const n = mac.readUInt32BE(0) >>> 2;
  let code = '';
  for (let i = 5; i >= 0; i--) code += SHORT_CODE_ALPHABET[(n >>> (5 * i)) & 31];
  return code;
}

export function currentVenueScene(
  secret: Uint8Array,
  competitionId: string,
  listIndex: number,
  nowMs: number,
): { scene: string; refreshAt: Date; validUntil: Date } {
  const period = periodOf(nowMs);
  const periodMs = VENUE_CODE_PERIOD_SECONDS * 1000;
  return {
    scene: venueScene(competitionId, listIndex, venueCode(secret, competitionId, listIndex, period)),
    refreshAt: new Date((period + 1) * periodMs),
    validUntil: new Date((period + 2) * periodMs),
  };
}

const same = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** 'ok' for the current or previous period's code, 'expired' for an older one of the last hour, else 'invalid'. */
export function checkVenueCode(
  secret: Uint8Array,
  competitionId: string,
  listIndex: number,
  code: string,
  nowMs: number,
): 'ok' | 'expired' | 'invalid' {
  const period = periodOf(nowMs);
  if ([period, period - 1].some((p) => same(venueCode(secret, competitionId, listIndex, p), code)))
    return 'ok';
  const hour = 3600 / VENUE_CODE_PERIOD_SECONDS;
  for (let p = period - 2; p >= period - hour; p--)
    if (same(venueCode(secret, competitionId, listIndex, p), code)) return 'expired';
  return 'invalid';
}
