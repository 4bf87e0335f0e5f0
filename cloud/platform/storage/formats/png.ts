/**
 * Is this a well-formed PNG? After the signature come chunks (length, type, data, CRC-32 of type
 * and data): IHDR first with a plausible header, at least one IDAT, IEND last with nothing after
 * it. Every chunk's length must fit and its CRC must match, so a signature glued to anything
 * else fails.
 */
import { crc32 } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const BIT_DEPTHS = new Set([1, 2, 4, 8, 16]);
const COLOUR_TYPES = new Set([0, 2, 3, 4, 6]);

export function isWellFormedPng(b: Buffer): boolean {
  if (b.length < SIGNATURE.length + 12 || !b.subarray(0, 8).equals(SIGNATURE)) return false;
  let i = 8;
  let first = true;
  let sawData = false;
  while (i + 12 <= b.length) {
    const length = b.readUInt32BE(i);
    if (length > 0x7fffffff || i + 12 + length > b.length) return false;
    const type = b.toString('latin1', i + 4, i + 8);
    if (!/^[A-Za-z]{4}$/.test(type)) return false;
    const data = b.subarray(i + 8, i + 8 + length);
    if (crc32(b.subarray(i + 4, i + 8 + length)) !== b.readUInt32BE(i + 8 + length)) return false;
    if (first) {
      if (type !== 'IHDR' || length !== 13) return false;
      const [width, height] = [data.readUInt32BE(0), data.readUInt32BE(4)];
      if (width === 0 || height === 0 || !BIT_DEPTHS.has(data[8]) || !COLOUR_TYPES.has(data[9])) return false;
      first = false;
    } else if (type === 'IHDR') return false;
    if (type === 'IDAT') sawData = true;
    i += 12 + length;
    if (type === 'IEND') return sawData && length === 0 && i === b.length;
  }
  return false;
}
