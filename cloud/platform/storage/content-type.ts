/**
 * Uploads are typed by their content, not their name: the first bytes must be a JPEG (FF D8 FF),
 * PNG (89 50 4E 47 0D 0A 1A 0A) or PDF (%PDF-) signature, and the whole file must then be well
 * formed as that type (formats/). A client's declared type (the request's or the multipart part's
 * Content-Type) must agree with the content unless it is generic (none, application/octet-stream).
 * A file carrying HTML markup is refused whatever else it is: evidence never needs it.
 */
import { isWellFormedJpeg } from './formats/jpeg';
import { isWellFormedPdf } from './formats/pdf';
import { isWellFormedPng } from './formats/png';

export type AllowedContentType = 'image/jpeg' | 'image/png' | 'application/pdf';

export function sniffContentType(bytes: Buffer): AllowedContentType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (
    bytes.length >= 8 &&
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return 'image/png';
  if (bytes.length >= 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

const WELL_FORMED: Record<AllowedContentType, (b: Buffer) => boolean> = {
  'image/jpeg': isWellFormedJpeg,
  'image/png': isWellFormedPng,
  'application/pdf': isWellFormedPdf,
};

const MARKUP = /<\s*(script|html|iframe|object|embed|svg)\b/i;

/** Declared types that say nothing about the content. */
const GENERIC = new Set(['', 'application/octet-stream', 'binary/octet-stream']);
const ALIASES: Record<string, AllowedContentType> = {
  'image/jpeg': 'image/jpeg',
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/png': 'image/png',
  'application/pdf': 'application/pdf',
};

export type ContentCheck =
  | { ok: true; contentType: AllowedContentType }
  /** not_allowed: not one of the three types at all; invalid: claims one and is not one */
  | { ok: false; problem: 'not_allowed' | 'invalid' };

export function checkContent(bytes: Buffer, declared: string | undefined): ContentCheck {
  const contentType = sniffContentType(bytes);
  const said = (declared ?? '').split(';')[0].trim().toLowerCase();
  if (!contentType) return { ok: false, problem: 'not_allowed' };
  if (!GENERIC.has(said)) {
    const claimed = ALIASES[said];
    if (!claimed) return { ok: false, problem: 'not_allowed' };
    if (claimed !== contentType) return { ok: false, problem: 'invalid' };
  }
  if (!WELL_FORMED[contentType](bytes)) return { ok: false, problem: 'invalid' };
  if (MARKUP.test(bytes.toString('latin1'))) return { ok: false, problem: 'invalid' };
  return { ok: true, contentType };
}

const EXTENSIONS: Record<AllowedContentType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'application/pdf': 'pdf',
};

/** The file name extension a download of this type is saved with. */
export function extensionOf(contentType: string): string {
  return EXTENSIONS[contentType as AllowedContentType] ?? 'bin';
}
