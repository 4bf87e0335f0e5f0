/**
 * Is this a well-formed PDF without active content? The header `%PDF-1.x` (or 2.0) opens it,
 * at least one indirect object (`n g obj`) is in it, and it ends (within its last KB) with
 * `startxref <offset> %%EOF`, the offset inside the file. Names that make a reader run or open
 * something (JavaScript, Launch, embedded files, rich media, XFA forms) are refused; names are
 * compared after `#xx` escapes are decoded, so `/J#61vaScript` is JavaScript too. Compressed
 * object streams are not inflated: a reader that honours nosniff and the download headers never
 * runs the file anyway (platform/http/security-headers.ts).
 */
const HEADER = /^%PDF-(1\.[0-7]|2\.0)\s/;
const TRAILER = /startxref\s+(\d{1,12})\s+%%EOF[\r\n\s\0]*$/;
const ACTIVE = new Set(['JavaScript', 'JS', 'Launch', 'EmbeddedFile', 'EmbeddedFiles', 'RichMedia', 'XFA']);

const decodeName = (name: string) =>
  name.replace(/#([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));

export function isWellFormedPdf(b: Buffer): boolean {
  const text = b.toString('latin1');
  if (!HEADER.test(text.slice(0, 16))) return false;
  const tail = TRAILER.exec(text.slice(-1024));
  if (!tail || Number(tail[1]) >= b.length) return false;
  if (!/\d+\s+\d+\s+obj\b/.test(text)) return false;
  for (const m of text.matchAll(/\/([^\s/[\]<>(){}%]+)/g)) {
    if (ACTIVE.has(decodeName(m[1]))) return false;
  }
  return true;
}
