/**
 * A video file for Chromium's fake camera (--use-file-for-fake-video-capture): YUV4MPEG2, 4:2:0,
 * grey (Y = luma, U = V = 128). The picture (a QR code decoded from the app's own PNG) is shown
 * on white for `showFrames`, then white for `blankFrames`: Chromium loops the file, so the
 * camera sees the code, loses it, and sees it again — a person holding a phone up twice.
 */
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

export interface Gray {
  width: number;
  height: number;
  /** one byte per pixel */
  luma: Uint8Array;
}

/** The picture of a data:image/png;base64 URL as grey pixels. */
export function grayFromPngDataUrl(src: string): Gray {
  const png = PNG.sync.read(Buffer.from(src.replace(/^data:image\/png;base64,/, ''), 'base64'));
  const luma = new Uint8Array(png.width * png.height);
  for (let i = 0; i < luma.length; i++) {
    const [r, g, b] = [png.data[i * 4], png.data[i * 4 + 1], png.data[i * 4 + 2]];
    luma[i] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
  }
  return { width: png.width, height: png.height, luma };
}

/**
 * The QR code's modules, one pixel each (quiet zone included): the top edge of the top-left
 * finder pattern is 7 modules of dark, which gives the module size; each module is sampled at its
 * centre. Drawn back at a whole number of pixels per module, no module comes out a pixel wider
 * than its neighbour (which keeps ZXing from misjudging the code's size).
 */
export function qrModules(picture: Gray): Gray {
  const dark = (x: number, y: number) => picture.luma[y * picture.width + x] < 128;
  let x0 = -1;
  let y0 = -1;
  for (let y = 0; y < picture.height && x0 < 0; y++)
    for (let x = 0; x < picture.width; x++)
      if (dark(x, y)) {
        [x0, y0] = [x, y];
        break;
      }
  if (x0 < 0) throw new Error('no QR code in the picture');
  let run = 0;
  while (x0 + run < picture.width && dark(x0 + run, y0)) run++;
  const module = run / 7;
  const n = Math.round(picture.width / module);
  const luma = new Uint8Array(n * n);
  for (let my = 0; my < n; my++)
    for (let mx = 0; mx < n; mx++) {
      const x = Math.min(picture.width - 1, Math.floor((mx + 0.5) * module));
      const y = Math.min(picture.height - 1, Math.floor((my + 0.5) * module));
      luma[my * n + mx] = dark(x, y) ? 0 : 255;
    }
  return { width: n, height: n, luma };
}

export function writeY4m(
  file: string,
  picture: Gray,
  opts: { width?: number; height?: number; fps?: number; showFrames: number; blankFrames: number },
): void {
  const W = opts.width ?? 640;
  const H = opts.height ?? 480;
  // a whole number of pixels per pixel of the picture, as large as fits 90% of the frame, centred
  const scale = Math.max(1, Math.floor((Math.min(W, H) * 0.9) / Math.max(picture.width, picture.height)));
  const left = Math.floor((W - picture.width * scale) / 2);
  const top = Math.floor((H - picture.height * scale) / 2);
  const shown = new Uint8Array(W * H).fill(255);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const px = Math.floor((x - left) / scale);
      const py = Math.floor((y - top) / scale);
      if (px >= 0 && py >= 0 && px < picture.width && py < picture.height)
        shown[y * W + x] = picture.luma[py * picture.width + px];
    }
  const blank = new Uint8Array(W * H).fill(255);
  const chroma = Buffer.alloc((W / 2) * (H / 2) * 2, 128);
  const header = Buffer.from(`YUV4MPEG2 W${W} H${H} F${opts.fps ?? 10}:1 Ip A1:1 C420jpeg\n`);
  const frame = Buffer.from('FRAME\n');
  const parts: Buffer[] = [header];
  for (let i = 0; i < opts.showFrames + opts.blankFrames; i++)
    parts.push(frame, Buffer.from(i < opts.showFrames ? shown : blank), chroma);
  writeFileSync(file, Buffer.concat(parts));
}
