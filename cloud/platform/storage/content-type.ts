/**
 * Uploads are typed by their content, not their name or declared type: the first bytes must be
 * a JPEG (FF D8 FF), PNG (89 50 4E 47 0D 0A 1A 0A) or PDF (%PDF-) signature.
 */
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

const EXTENSIONS: Record<AllowedContentType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'application/pdf': 'pdf',
};

/** The file name extension a download of this type is saved with. */
export function extensionOf(contentType: string): string {
  return EXTENSIONS[contentType as AllowedContentType] ?? 'bin';
}
