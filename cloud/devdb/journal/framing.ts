/**
 * Journal record framing: [u32 payload length][u32 CRC-32 of payload][payload], little-endian.
 * A reader stops at the first record whose length runs past the end of the file (torn write)
 * or whose checksum does not match (corruption): that record and everything after it are
 * dropped, never misread.
 */
import { crc32 } from 'node:zlib';

export const RECORD_HEADER = 8;
export const MAX_RECORD = 1024 * 1024 * 1024;

export function frame(payload: Buffer): Buffer {
  const head = Buffer.alloc(RECORD_HEADER);
  head.writeUInt32LE(payload.length, 0);
  head.writeUInt32LE(crc32(payload), 4);
  return Buffer.concat([head, payload]);
}

/** Payloads of the valid records, and the byte offset where the valid prefix ends. */
export function unframe(data: Buffer): { payloads: Buffer[]; validBytes: number } {
  const payloads: Buffer[] = [];
  let offset = 0;
  while (offset + RECORD_HEADER <= data.length) {
    const length = data.readUInt32LE(offset);
    const sum = data.readUInt32LE(offset + 4);
    const end = offset + RECORD_HEADER + length;
    if (length > MAX_RECORD || end > data.length) break;
    const payload = data.subarray(offset + RECORD_HEADER, end);
    if (crc32(payload) !== sum) break;
    payloads.push(payload);
    offset = end;
  }
  return { payloads, validBytes: offset };
}
