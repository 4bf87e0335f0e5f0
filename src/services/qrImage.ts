/**
 * A QR code as a picture: `uqr` (a maintained, dependency-free encoder) makes the module matrix,
 * png.ts draws it. Error correction Q (a quarter of the code may be lost: a cracked or smudged
 * screen, a thumb over a corner) and the quiet zone of 4 modules the standard asks for, so a
 * scanner finds it on any background.
 */
import { encode } from 'uqr';
import { blackAndWhitePng, pngDataUrl } from './png';

export interface QrPicture {
  /** data:image/png;base64,… */
  src: string;
  /** modules across, quiet zone included */
  modules: number;
  version: number;
}

/** `pixelsPerModule` whole pixels per module keep every edge sharp when the phone scales it. */
export function qrPicture(text: string, pixelsPerModule = 8): QrPicture {
  const qr = encode(text, { ecc: 'Q', border: 4 });
  const side = qr.size * pixelsPerModule;
  const png = blackAndWhitePng(side, side, (x, y) =>
    Boolean(qr.data[Math.floor(y / pixelsPerModule)][Math.floor(x / pixelsPerModule)]),
  );
  return { src: pngDataUrl(png), modules: qr.size, version: qr.version };
}
