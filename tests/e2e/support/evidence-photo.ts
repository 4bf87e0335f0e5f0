/**
 * A real PNG (a paper-coloured page with dark "lines of text"), so the evidence thumbnail the
 * worker sees is a picture and the server's content sniffing sees a PNG, not a made-up header.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync, crc32 } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export function evidencePng(width = 120, height = 160): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    const textLine = y % 16 >= 10 && y % 16 < 13 && y > 12 && y < height - 12;
    for (let x = 0; x < width; x++) {
      const ink = textLine && x > 10 && x < width - 10 - ((y * 7) % 30);
      const [r, g, b] = ink ? [60, 60, 70] : [250, 246, 232];
      row.set([r, g, b], 1 + x * 3);
    }
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export function writeEvidencePng(file: string): string {
  writeFileSync(file, evidencePng());
  return file;
}
