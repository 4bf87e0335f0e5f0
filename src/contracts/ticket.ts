/**
 * Competition tickets: one module that signs (cloud) and verifies (cloud, H5 scanner, weapp
 * scanner), so all three read a ticket the same way. Pure JS (@noble/ed25519 with SHA-512 from
 * @noble/hashes): no WebCrypto, no Node crypto, no atob, so it runs in WeChat's JS engine too.
 *
 * Format, version 1 (95 bytes, sent as 127 base64url characters: a QR of version 7 at level L,
 * or 8 at M, so it scans from a cracked screen):
 *
 *   offset size  field
 *   0      1     version (1)
 *   1      12    registration id (the MongoDB ObjectId's bytes)
 *   13     12    competition id
 *   25     1     event index: its position in the competition's events (never reordered)
 *   26     1     check-in lists: bit i set = valid on the competition's list i (at most 8 lists)
 *   27     4     expiry: seconds since 1970-01-01 UTC, unsigned big-endian
 *   31     64    Ed25519 signature of "UST1" + bytes 0–30, by the competition's own key
 *
 * Verifying checks, in this order (docs/competitions.md): readable → of this competition →
 * signature → not expired. Whether the registration was cancelled is not in the ticket: the
 * server knows it, an offline scanner only through its downloaded list of valid ids.
 */
import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';

// the synchronous API needs a synchronous SHA-512 (WeChat has no WebCrypto)
ed.hashes.sha512 = sha512;

export const TICKET_VERSION = 1;
const HEADER = 31;
const SIGNATURE = 64;
export const TICKET_BYTES = HEADER + SIGNATURE;
/** domain separation: a signature over some other message of ours never reads as a ticket */
const CONTEXT = [0x55, 0x53, 0x54, 0x31]; // "UST1"

export interface TicketPayload {
  registrationId: string;
  competitionId: string;
  eventIndex: number;
  /** bit i: valid on the competition's check-in list i */
  listMask: number;
  /** seconds since the epoch */
  expiresAt: number;
}

export type TicketCheck =
  | { ok: true; payload: TicketPayload }
  | { ok: false; reason: 'unreadable' | 'other_competition' | 'forged' | 'expired'; payload?: TicketPayload };

// ------------------------------------------------------------ bytes

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_INDEX: Record<string, number> = {};
for (let i = 0; i < B64.length; i++) B64_INDEX[B64[i]] = i;

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += B64[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

/** null for anything that is not unpadded base64url */
export function fromBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (const ch of text) {
    const v = B64_INDEX[ch];
    if (v === undefined) return null;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

export function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += (b < 16 ? '0' : '') + b.toString(16);
  return out;
}

const OBJECT_ID = /^[a-f0-9]{24}$/;

function header(p: TicketPayload): Uint8Array {
  if (!OBJECT_ID.test(p.registrationId) || !OBJECT_ID.test(p.competitionId))
    throw new Error('ticket ids must be 24 lower-case hex digits');
  if (!Number.isInteger(p.eventIndex) || p.eventIndex < 0 || p.eventIndex > 255)
    throw new Error('event index out of range');
  if (!Number.isInteger(p.listMask) || p.listMask < 1 || p.listMask > 255)
    throw new Error('list mask out of range');
  if (!Number.isInteger(p.expiresAt) || p.expiresAt < 0 || p.expiresAt > 0xffffffff)
    throw new Error('expiry out of range');
  const h = new Uint8Array(HEADER);
  h[0] = TICKET_VERSION;
  h.set(hexToBytes(p.registrationId), 1);
  h.set(hexToBytes(p.competitionId), 13);
  h[25] = p.eventIndex;
  h[26] = p.listMask;
  h[27] = (p.expiresAt >>> 24) & 0xff;
  h[28] = (p.expiresAt >>> 16) & 0xff;
  h[29] = (p.expiresAt >>> 8) & 0xff;
  h[30] = p.expiresAt & 0xff;
  return h;
}

function signedMessage(h: Uint8Array): Uint8Array {
  const m = new Uint8Array(CONTEXT.length + h.length);
  m.set(CONTEXT, 0);
  m.set(h, CONTEXT.length);
  return m;
}

// ------------------------------------------------------------ keys, signing, reading

/** A new key pair (cloud only: needs a random source). */
export function newTicketKeys(): { secretKey: Uint8Array; publicKey: Uint8Array } {
  const secretKey = ed.utils.randomSecretKey();
  return { secretKey, publicKey: ed.getPublicKey(secretKey) };
}

export function publicKeyOf(secretKey: Uint8Array): Uint8Array {
  return ed.getPublicKey(secretKey);
}

/** The ticket text (what the QR holds). Ed25519 is deterministic: the same payload, the same ticket. */
export function signTicket(payload: TicketPayload, secretKey: Uint8Array): string {
  const h = header(payload);
  const out = new Uint8Array(TICKET_BYTES);
  out.set(h, 0);
  out.set(ed.sign(signedMessage(h), secretKey), HEADER);
  return toBase64Url(out);
}

/** The payload as written, without checking the signature; null if it is not a ticket of ours. */
export function readTicket(
  text: string,
): { payload: TicketPayload; header: Uint8Array; signature: Uint8Array } | null {
  const bytes = fromBase64Url(text.trim());
  if (!bytes || bytes.length !== TICKET_BYTES || bytes[0] !== TICKET_VERSION) return null;
  const h = bytes.subarray(0, HEADER);
  const payload: TicketPayload = {
    registrationId: bytesToHex(h.subarray(1, 13)),
    competitionId: bytesToHex(h.subarray(13, 25)),
    eventIndex: h[25],
    listMask: h[26],
    expiresAt: ((h[27] << 24) >>> 0) + (h[28] << 16) + (h[29] << 8) + h[30],
  };
  return { payload, header: h, signature: bytes.subarray(HEADER) };
}

/**
 * Checks a ticket for one competition, in the fixed order: readable, this competition, signed by
 * its key, not expired at `nowSeconds`. The list and the registration's state are the caller's.
 */
export function verifyTicket(
  text: string,
  expected: { competitionId: string; publicKey: Uint8Array; nowSeconds: number },
): TicketCheck {
  const read = readTicket(text);
  if (!read) return { ok: false, reason: 'unreadable' };
  const { payload } = read;
  if (payload.competitionId !== expected.competitionId)
    return { ok: false, reason: 'other_competition', payload };
  let valid = false;
  try {
    valid = ed.verify(read.signature, signedMessage(read.header), expected.publicKey);
  } catch {
    valid = false; // a signature that is not even a curve point
  }
  if (!valid) return { ok: false, reason: 'forged', payload };
  if (payload.expiresAt <= expected.nowSeconds) return { ok: false, reason: 'expired', payload };
  return { ok: true, payload };
}

/** Bit mask of the lists named, by their position in the competition's lists. */
export function listMaskOf(names: readonly string[], allLists: readonly string[]): number {
  let mask = 0;
  for (const n of names) {
    const i = allLists.indexOf(n);
    if (i < 0 || i > 7) throw new Error(`unknown check-in list ${n}`);
    mask |= 1 << i;
  }
  return mask;
}

export function isOnList(payload: TicketPayload, listIndex: number): boolean {
  return listIndex >= 0 && listIndex < 8 && (payload.listMask & (1 << listIndex)) !== 0;
}
