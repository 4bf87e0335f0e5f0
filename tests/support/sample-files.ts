/**
 * Small but well-formed evidence files for tests, built byte by byte: a JPEG (an 8×8 grey
 * baseline image; `comment` bytes go into COM segments, for tests that need bulk or random
 * content), a PNG (the e2e evidence page) and a one-page PDF with a correct xref table.
 */
export { evidencePng as samplePng } from '../e2e/support/evidence-photo';

const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
const segment = (marker: number, data: Buffer) =>
  Buffer.concat([Buffer.from([0xff, marker]), u16(data.length + 2), data]);
/** a Huffman table with one code of length 1, for symbol 0 */
const oneCodeTable = (classAndId: number) =>
  Buffer.concat([Buffer.from([classAndId, 1]), Buffer.alloc(15), Buffer.from([0])]);

export function sampleJpeg(comment: Buffer = Buffer.alloc(0)): Buffer {
  const comments: Buffer[] = [];
  for (let i = 0; i < comment.length; i += 65_000)
    comments.push(segment(0xfe, comment.subarray(i, i + 65_000)));
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.from('4a46494600010100000100010000', 'hex')), // JFIF 1.1
    ...comments,
    segment(0xdb, Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 1)])), // quantisation: all 1
    segment(0xc0, Buffer.from([8, 0, 8, 0, 8, 1, 1, 0x11, 0])), // 8×8, one component
    segment(0xc4, oneCodeTable(0x00)), // DC: category 0 only
    segment(0xc4, oneCodeTable(0x10)), // AC: end of block only
    segment(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0])),
    Buffer.from([0x3f]), // DC difference 0, end of block, padded with 1 bits: a flat grey block
    Buffer.from([0xff, 0xd9]),
  ]);
}

export function samplePdf(extra = ''): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] ${extra}>>`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
