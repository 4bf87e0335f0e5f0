/**
 * Is this a well-formed JPEG? Walks the marker segments from SOI: each is FF + a marker and
 * (except standalone markers) a length that fits in the file; a frame header (SOFn) must come
 * before the first scan (SOS); each scan's entropy-coded data runs to the next marker (FF 00 is a
 * stuffed byte, FF D0–D7 a restart); the walk must reach EOI. Bytes after EOI are allowed (some
 * phones append a motion clip there). `FF D8 FF` followed by text fails at the first marker.
 */
const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const isRestart = (m: number) => m >= 0xd0 && m <= 0xd7;
const isFrame = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;
/** markers with a length: C0–FE but SOI/EOI/RSTn (TEM, 01, has none either) */
const hasLength = (m: number) => m >= 0xc0 && m <= 0xfe && m !== SOI && m !== EOI && !isRestart(m);

export function isWellFormedJpeg(b: Buffer): boolean {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== SOI) return false;
  let i = 2;
  let frame = false;
  while (i < b.length) {
    if (b[i] !== 0xff) return false;
    while (b[i] === 0xff) i++; // fill bytes
    if (i >= b.length) return false;
    const marker = b[i++];
    if (marker === EOI) return frame;
    if (marker === 0x01 || isRestart(marker)) continue;
    if (!hasLength(marker)) return false;
    if (i + 2 > b.length) return false;
    const length = b.readUInt16BE(i);
    if (length < 2 || i + length > b.length) return false;
    if (isFrame(marker)) {
      // precision, height, width, component count: at least one component of 3 bytes
      if (length < 11 || b.readUInt16BE(i + 5) === 0 || b[i + 7] < 1 || b[i + 7] > 4) return false;
      frame = true;
    }
    i += length;
    if (marker === SOS) {
      if (!frame) return false;
      // entropy-coded data: up to the next marker that is neither a stuffed 00 nor a restart
      for (;;) {
        i = b.indexOf(0xff, i);
        if (i === -1 || i + 1 >= b.length) return false;
        const next = b[i + 1];
        if (next === 0x00 || isRestart(next) || next === 0xff) i += next === 0xff ? 1 : 2;
        else break;
      }
    }
  }
  return false;
}
