/**
 * Minimal multipart/form-data reader for one uploaded file (what wx.uploadFile and the H5
 * FormData upload send): splits the buffered body on the boundary and returns the first part
 * that has a filename, or the part named `file`.
 */
export interface UploadedPart {
  filename: string | null;
  /** the part's own Content-Type, if it says one */
  contentType: string | null;
  bytes: Buffer;
}

export function boundaryOf(contentType: string | undefined): string | null {
  const m = /^multipart\/form-data;.*boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  return m ? (m[1] ?? m[2]).trim() : null;
}

export function readFilePart(body: Buffer, boundary: string): UploadedPart | null {
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const headerStart = start + delimiter.length + 2; // skip CRLF
    const next = body.indexOf(delimiter, headerStart);
    if (next === -1) return null;
    const headerEnd = body.indexOf('\r\n\r\n', headerStart);
    if (headerEnd === -1 || headerEnd > next) return null;
    const headers = body.subarray(headerStart, headerEnd).toString('utf8');
    const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1] ?? null;
    if (filename !== null || name === 'file') {
      const contentType = /^content-type:\s*([^\r\n]*)/im.exec(headers)?.[1]?.trim() ?? null;
      return { filename, contentType, bytes: body.subarray(headerEnd + 4, next - 2) }; // part ends with CRLF
    }
    start = next;
  }
  return null;
}
