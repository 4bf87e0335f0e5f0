/**
 * Checking a scan on the device, offline (docs/competitions.md, "Offline mode"): the same steps
 * as the cloud's, in the same order, with the same ticket module — readable (a ticket, or a
 * short code of the pack), of this competition, signed by its key, not expired, valid on this
 * list, among the pack's registered entries (else cancelled), not checked in before (in the
 * pack or on this device), not later than the event's start plus the late limit.
 * The pack carries no names: the device says which event, never who.
 */
import { isShortCode, normalizeShortCode, type OfflinePack } from '../../contracts/competitions';
import { fromBase64Url, isOnList, verifyTicket } from '../../contracts/ticket';
import { refusal, type Verdict } from './verdict';

/** One scan made on this device and not yet uploaded (the API's OfflineScan, plus what the device knew). */
export interface QueuedScan {
  ticket: string;
  list: string;
  nonce: string;
  scannedAt: string;
  /** which entry it checked in: to answer a second scan of it before the upload */
  registrationId: string;
}

const TICKET_REFUSAL = {
  unreadable: 'TICKET_UNREADABLE',
  other_competition: 'TICKET_OTHER_COMPETITION',
  forged: 'TICKET_FORGED',
  expired: 'TICKET_EXPIRED',
} as const;

export interface OfflineOutcome {
  verdict: Verdict;
  /** set when the scan checked an entry in: what to queue */
  queued?: QueuedScan;
}

export function checkOffline(
  pack: OfflinePack,
  queue: readonly QueuedScan[],
  scan: { text: string; list: string; nonce: string; nowMs: number },
): OfflineOutcome {
  const list = pack.lists.findIndex((l) => l.key === scan.list);
  if (list < 0) return { verdict: { kind: 'unchecked', reason: '没有这个签到表，请重新选择' } };
  const text = scan.text.trim();

  let registrationId: string;
  let eventIndex: number | null = null;
  if (isShortCode(text) && text.length <= 12) {
    const code = normalizeShortCode(text);
    const found = pack.shortCodes.find(([, c]) => c === code);
    if (!found) return { verdict: refusal('TICKET_UNREADABLE') };
    registrationId = found[0];
  } else {
    const check = verifyTicket(text, {
      competitionId: pack.competitionId,
      publicKey: fromBase64Url(pack.publicKey) ?? new Uint8Array(32),
      nowSeconds: Math.floor(scan.nowMs / 1000),
    });
    if (!check.ok) return { verdict: refusal(TICKET_REFUSAL[check.reason]) };
    if (!isOnList(check.payload, list)) return { verdict: refusal('CHECKIN_LIST_NOT_ON_TICKET') };
    registrationId = check.payload.registrationId;
    eventIndex = check.payload.eventIndex;
  }

  if (!pack.registrationIds.includes(registrationId)) return { verdict: refusal('TICKET_CANCELLED') };
  const event = eventIndex === null ? null : (pack.events[eventIndex] ?? null);
  const eventName = event?.name ?? null;

  const earlier = queue.find((q) => q.registrationId === registrationId && q.list === scan.list);
  if (earlier)
    return { verdict: { kind: 'already', at: earlier.scannedAt, by: '本机', eventName, name: null } };
  if (pack.checkedIn.some(([r, l]) => r === registrationId && l === scan.list))
    return { verdict: { kind: 'already', at: null, by: null, eventName, name: null } };

  if (pack.lists[list].lateLimitApplies && event) {
    const deadline = Date.parse(event.startsAt) + pack.lateLimitMinutes * 60_000;
    if (scan.nowMs > deadline) return { verdict: refusal('CHECKIN_TOO_LATE') };
  }

  const scannedAt = new Date(scan.nowMs).toISOString();
  return {
    verdict: { kind: 'checked_in', at: scannedAt, eventName: eventName ?? '', name: null, offline: true },
    queued: { ticket: text, list: scan.list, nonce: scan.nonce, scannedAt, registrationId },
  };
}
