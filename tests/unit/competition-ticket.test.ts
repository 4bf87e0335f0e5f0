/**
 * The ticket module (src/contracts/ticket.ts) as the scanner and the cloud use it: the format
 * written at its top, and each refusal in its order.
 */
import {
  fromBase64Url,
  isOnList,
  listMaskOf,
  newTicketKeys,
  readTicket,
  signTicket,
  toBase64Url,
  TICKET_BYTES,
  verifyTicket,
  type TicketPayload,
} from '../../src/contracts/ticket';
import {
  formatShortCode,
  isShortCode,
  MAX_SCENE_LENGTH,
  normalizeShortCode,
  parseVenueScene,
  venueScene,
} from '../../src/contracts/competitions';

const keys = newTicketKeys();
const competitionId = '65a1b2c3d4e5f60718293a4b';
const payload: TicketPayload = {
  registrationId: '65a1b2c3d4e5f60718293aff',
  competitionId,
  eventIndex: 1,
  listMask: listMaskOf(['entry', 'goods'], ['entry', 'goods', 'dinner']),
  expiresAt: 1_900_000_000,
};
const now = 1_800_000_000;
const expected = { competitionId, publicKey: keys.publicKey, nowSeconds: now };

describe('a competition ticket', () => {
  const ticket = signTicket(payload, keys.secretKey);

  it('is 127 base64url characters holding 95 bytes, small enough for a version-8 QR at level M', () => {
    expect(ticket).toMatch(/^[A-Za-z0-9_-]{127}$/);
    expect(fromBase64Url(ticket)).toHaveLength(TICKET_BYTES);
    expect(TICKET_BYTES).toBe(95);
  });

  it('lays its fields out as documented: version, ids, event, lists, expiry big-endian, then the signature', () => {
    const bytes = fromBase64Url(ticket)!;
    expect(bytes[0]).toBe(1);
    expect(Buffer.from(bytes.subarray(1, 13)).toString('hex')).toBe(payload.registrationId);
    expect(Buffer.from(bytes.subarray(13, 25)).toString('hex')).toBe(competitionId);
    expect(bytes[25]).toBe(1);
    expect(bytes[26]).toBe(0b011);
    expect(Buffer.from(bytes.subarray(27, 31)).readUInt32BE(0)).toBe(1_900_000_000);
  });

  it('reads back the payload it was signed with and verifies with the competition key', () => {
    expect(readTicket(ticket)!.payload).toEqual(payload);
    expect(verifyTicket(ticket, expected)).toEqual({ ok: true, payload });
  });

  it('is the same text every time it is signed (Ed25519 is deterministic)', () => {
    expect(signTicket(payload, keys.secretKey)).toBe(ticket);
  });

  it('is forged when any one byte is flipped, in the payload or the signature', () => {
    const bytes = fromBase64Url(ticket)!;
    for (const at of [1, 12, 25, 26, 27, 30, 31, 60, 94]) {
      const changed = Uint8Array.from(bytes);
      changed[at] ^= 0x01;
      expect([at, verifyTicket(toBase64Url(changed), expected).ok]).toEqual([at, false]);
      const reason = (verifyTicket(toBase64Url(changed), expected) as { reason: string }).reason;
      expect(reason).toBe('forged');
    }
  });

  it('is forged when signed by another competition’s key for this competition’s id', () => {
    const other = newTicketKeys();
    const t = signTicket(payload, other.secretKey);
    expect(verifyTicket(t, expected)).toMatchObject({ ok: false, reason: 'forged' });
  });

  it('says “other competition” before checking a signature it has no key for', () => {
    const t = signTicket({ ...payload, competitionId: '65a1b2c3d4e5f60718293a4c' }, keys.secretKey);
    expect(verifyTicket(t, expected)).toMatchObject({ ok: false, reason: 'other_competition' });
  });

  it('is expired from its expiry second on, and only when the signature holds', () => {
    expect(verifyTicket(ticket, { ...expected, nowSeconds: payload.expiresAt })).toMatchObject({
      ok: false,
      reason: 'expired',
    });
    expect(verifyTicket(ticket, { ...expected, nowSeconds: payload.expiresAt - 1 }).ok).toBe(true);
  });

  it('is unreadable when it is not a ticket at all: a URL, a short or long text, padding, a new version', () => {
    const bytes = fromBase64Url(ticket)!;
    const v2 = Uint8Array.from(bytes);
    v2[0] = 2;
    for (const text of [
      'https://example.com/?t=1',
      ticket.slice(0, 100),
      ticket + 'AA',
      ticket + '=',
      toBase64Url(v2),
      '',
    ]) {
      expect(verifyTicket(text, expected)).toEqual({ ok: false, reason: 'unreadable' });
    }
  });

  it('names the lists it is valid on by bit', () => {
    expect(isOnList(payload, 0)).toBe(true);
    expect(isOnList(payload, 1)).toBe(true);
    expect(isOnList(payload, 2)).toBe(false);
    expect(() => listMaskOf(['nowhere'], ['entry'])).toThrow();
  });
});

describe('base64url', () => {
  it('round-trips every length and agrees with Node’s encoder', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      const text = toBase64Url(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(fromBase64Url(text)).toEqual(bytes);
    }
  });
});

describe('short codes and venue scenes', () => {
  it('reads a typed short code the way a person means it', () => {
    expect(normalizeShortCode(' abcd-0l1o ')).toBe('ABCD0110');
    expect(isShortCode('ABCD-2345')).toBe(true);
    expect(isShortCode('ABCU2345')).toBe(false); // U is not in the alphabet
    expect(isShortCode('ABC2345')).toBe(false);
    expect(formatShortCode('ABCD2345')).toBe('ABCD-2345');
  });

  it('fits a venue scene into WeChat’s 32 characters and reads it back', () => {
    const scene = venueScene(competitionId, 3, 'K7M2Q9');
    expect(scene.length).toBeLessThanOrEqual(MAX_SCENE_LENGTH);
    expect(parseVenueScene(scene)).toEqual({ competitionId, listIndex: 3, code: 'K7M2Q9' });
    expect(parseVenueScene(`${competitionId}.9K7M2Q9`)).toBeNull();
    expect(parseVenueScene('not a scene')).toBeNull();
  });
});
