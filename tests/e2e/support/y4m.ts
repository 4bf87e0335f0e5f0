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

export function writeY4m(
  file: string,
  picture: Gray,
  opts: { width?: number; height?: number; fps?: number; showFrames: number; blankFrames: number },
): void {
  const W = opts.width ?? 640;
  const H = opts.height ?? 480;
  // nearest-neighbour to fit 90% of the frame's height, centred
  const side = Math.floor(Math.min(W, H) * 0.9);
  const scale = side / Math.max(picture.width, picture.height);
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
