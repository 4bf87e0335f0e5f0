/**
 * The ticket's QR picture (src/services/qrImage.ts over png.ts), read back the way a scanner
 * reads it: the PNG decoded by an independent decoder (pngjs), its pixels given to ZXing's QR
 * reader (the library the H5 scanner uses), the text it reads compared with the ticket.
 */
import { PNG } from 'pngjs';
import { blackAndWhitePng, base64 } from '../../src/services/png';
import { qrPicture } from '../../src/services/qrImage';
import { newTicketKeys, signTicket } from '../../src/contracts/ticket';
import { venueScene } from '../../src/contracts/competitions';
import { decodePngDataUrl as decodePng, readQrPng as readQr } from '../support/qr-read';

const keys = newTicketKeys();
const ticket = signTicket(
  {
    registrationId: '65a1b2c3d4e5f60718293aff',
    competitionId: '65a1b2c3d4e5f60718293a4b',
    eventIndex: 0,
    listMask: 3,
    expiresAt: 1_900_000_000,
  },
  keys.secretKey,
);

describe('the ticket QR picture', () => {
  it('is a PNG that a QR reader reads back as the ticket text', () => {
    const pic = qrPicture(ticket);
    const png = decodePng(pic.src);
    expect(png.width).toBe(pic.modules * 8);
    expect(readQr(png)).toBe(ticket);
  });

  it('has a white quiet zone of four modules around the code', () => {
    const pic = qrPicture(ticket, 4);
    const png = decodePng(pic.src);
    const white = (x: number, y: number) => png.data[(y * png.width + x) * 4] === 255;
    const dark: string[] = [];
    for (let i = 0; i < png.width; i++)
      for (let d = 0; d < 16; d++)
        for (const [x, y] of [
          [i, d],
          [d, i],
          [i, png.height - 1 - d],
          [png.width - 1 - d, i],
        ])
          if (!white(x, y)) dark.push(`${x},${y}`);
    expect(dark).toEqual([]);
    // and the finder pattern starts right after it
    expect(white(16, 16)).toBe(false);
  });

  it('keeps the ticket at error correction Q in a code small enough for a phone screen', () => {
    const pic = qrPicture(ticket);
    // 127 characters at level Q: version 10, 57 modules plus the quiet zone
    expect(pic.version).toBeLessThanOrEqual(10);
    expect(pic.modules).toBe(pic.version * 4 + 17 + 8);
  });

  it('draws the venue screen’s 32-character scene too', () => {
    const scene = venueScene('65a1b2c3d4e5f60718293a4b', 0, 'AB12CD');
    expect(readQr(decodePng(qrPicture(scene, 6).src))).toBe(scene);
  });
});

describe('the PNG writer', () => {
  it('writes pixels that an independent decoder reads back exactly, across deflate blocks', () => {
    // 700 × 760 at 1 bit is 67 640 bytes of rows: two stored blocks
    const dark = (x: number, y: number) => (x * 7 + y * 3) % 5 === 0;
    const png = PNG.sync.read(Buffer.from(blackAndWhitePng(700, 760, dark)));
    expect([png.width, png.height]).toEqual([700, 760]);
    for (const [x, y] of [
      [0, 0],
      [1, 0],
      [699, 759],
      [350, 400],
      [123, 457],
    ])
      expect(png.data[(y * 700 + x) * 4]).toBe(dark(x, y) ? 0 : 255);
  });

  it('base64-encodes as the standard says, with padding', () => {
    for (const s of ['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'])
      expect(base64(new TextEncoder().encode(s))).toBe(Buffer.from(s).toString('base64'));
  });
});
