/**
 * The offline scanner's check (src/packages/scanner/offlineCheck.ts): the cloud's steps in the
 * cloud's order, on the downloaded pack, with the ticket module the cloud signs with.
 */
import type { OfflinePack } from '../../src/contracts/competitions';
import { newTicketKeys, signTicket, toBase64Url, type TicketPayload } from '../../src/contracts/ticket';
import { checkOffline, type QueuedScan } from '../../src/packages/scanner/offlineCheck';

const keys = newTicketKeys();
const competitionId = '65a1b2c3d4e5f60718293a4b';
const reg = (n: number) => `65a1b2c3d4e5f60718293a${n.toString(16).padStart(2, '0')}`;
const start = Date.parse('2026-05-01T09:00:00+08:00');
const pack: OfflinePack = {
  competitionId,
  publicKey: toBase64Url(keys.publicKey),
  generatedAt: '2026-05-01T07:00:00+08:00',
  lateLimitMinutes: 15,
  lists: [
    { key: 'entry', name: '入场', lateLimitApplies: true },
    { key: 'goods', name: '领物资', lateLimitApplies: false },
  ],
  events: [
    { id: 'e0', name: '叉车', startsAt: new Date(start).toISOString() },
    { id: 'e1', name: '焊工', startsAt: new Date(start + 3_600_000).toISOString() },
  ],
  registrationIds: [reg(1), reg(2), reg(3)],
  shortCodes: [
    [reg(1), 'ABCD2345'],
    [reg(2), 'WXYZ6789'],
  ],
  checkedIn: [[reg(2), 'entry']],
};
const ticket = (over: Partial<TicketPayload> = {}) =>
  signTicket(
    {
      registrationId: reg(1),
      competitionId,
      eventIndex: 0,
      listMask: 3,
      expiresAt: Math.floor((start + 86_400_000) / 1000),
      ...over,
    },
    keys.secretKey,
  );
const early = start - 30 * 60_000;
let nonces = 0;
const scan = (text: string, list = 'entry', nowMs = early) =>
  checkOffline(pack, queue, { text, list, nonce: `nonce-${++nonces}x`, nowMs });
let queue: QueuedScan[] = [];
beforeEach(() => (queue = []));

describe('an offline scan', () => {
  it('checks a valid ticket in, names its event (never the person), and queues it for upload', () => {
    const out = scan(ticket());
    expect(out.verdict).toMatchObject({ kind: 'checked_in', eventName: '叉车', name: null, offline: true });
    expect(out.queued).toMatchObject({ ticket: ticket(), list: 'entry', registrationId: reg(1) });
    expect(out.queued!.scannedAt).toBe(new Date(early).toISOString());
  });

  it('answers a second scan of the same ticket on the same list with 已签到过 on this device, and queues nothing', () => {
    queue.push(scan(ticket()).queued!);
    const again = scan(ticket());
    expect(again.verdict).toMatchObject({ kind: 'already', by: '本机', at: new Date(early).toISOString() });
    expect(again.queued).toBeUndefined();
    // on another list it is a first check-in
    expect(scan(ticket(), 'goods').verdict.kind).toBe('checked_in');
  });

  it('answers 已签到过 for an entry the pack says was checked in before it was downloaded', () => {
    expect(scan(ticket({ registrationId: reg(2) })).verdict).toMatchObject({ kind: 'already', at: null });
  });

  it('refuses, each with its own reason, in the cloud’s order', () => {
    const code = (text: string, list?: string, now?: number) => {
      const v = scan(text, list, now).verdict;
      return v.kind === 'refused' ? v.code : v.kind;
    };
    expect(code('hello there, not a ticket')).toBe('TICKET_UNREADABLE');
    expect(code(ticket({ competitionId: '65a1b2c3d4e5f60718293a4c' }))).toBe('TICKET_OTHER_COMPETITION');
    const t = ticket();
    const flipped = t.slice(0, 40) + (t[40] === 'A' ? 'B' : 'A') + t.slice(41);
    expect(code(flipped)).toBe('TICKET_FORGED');
    expect(code(ticket({ expiresAt: Math.floor(early / 1000) - 1 }))).toBe('TICKET_EXPIRED');
    expect(code(ticket({ listMask: 2 }))).toBe('CHECKIN_LIST_NOT_ON_TICKET');
    expect(code(ticket({ registrationId: reg(9) }))).toBe('TICKET_CANCELLED');
    expect(code(ticket(), 'entry', start + 16 * 60_000)).toBe('CHECKIN_TOO_LATE');
    // the late limit is the event's own start, and only on lists it applies to
    expect(code(ticket({ eventIndex: 1 }), 'entry', start + 16 * 60_000)).toBe('checked_in');
    expect(code(ticket(), 'goods', start + 120 * 60_000)).toBe('checked_in');
  });

  it('gives a refusal its reason in words, not only a code', () => {
    const v = scan(ticket({ registrationId: reg(9) })).verdict;
    expect(v).toMatchObject({ kind: 'refused', reason: '这个报名已取消，入场券作废' });
  });

  it('takes a short code typed as printed (with the dash, lower case, O for 0) from the pack', () => {
    const out = scan('wxyz-6789', 'goods');
    expect(out.verdict.kind).toBe('checked_in');
    expect(out.queued?.registrationId).toBe(reg(2));
    expect(scan('ABCD-2345').queued?.registrationId).toBe(reg(1));
    expect(scan('ZZZZ-ZZZZ').verdict).toMatchObject({ kind: 'refused', code: 'TICKET_UNREADABLE' });
  });
});
