/**
 * Reading a QR picture the app drew (a data:image/png;base64 URL) back to its text: pngjs decodes
 * the PNG, ZXing's QR reader (the library the H5 scanner uses) reads the pixels. `pure`: the
 * picture is a drawn code, not a photo (ZXing then samples the modules directly).
 */
import { PNG } from 'pngjs';
import {
  BinaryBitmap,
  DecodeHintType,
  HybridBinarizer,
  QRCodeReader,
  RGBLuminanceSource,
} from '@zxing/library';

export function decodePngDataUrl(src: string): PNG {
  if (!src.startsWith('data:image/png;base64,')) throw new Error(`not a PNG data URL: ${src.slice(0, 40)}`);
  return PNG.sync.read(Buffer.from(src.slice('data:image/png;base64,'.length), 'base64'));
}

export function readQrPng(png: PNG, pure = false): string {
  const luma = new Uint8ClampedArray(png.width * png.height);
  for (let i = 0; i < luma.length; i++) luma[i] = png.data[i * 4];
  const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luma, png.width, png.height)));
  return new QRCodeReader().decode(bitmap, new Map([[DecodeHintType.PURE_BARCODE, pure]])).getText();
}

export const readQrDataUrl = (src: string, pure = false) => readQrPng(decodePngDataUrl(src), pure);
