/**
 * Uploads are checked by content (cloud/platform/storage/content-type.ts and formats/): a
 * signature is not enough, the file must be well formed as its type, agree with a declared type,
 * and carry no markup or active content.
 */
import { checkContent } from '../../cloud/platform/storage/content-type';
import { sampleJpeg, samplePdf, samplePng } from '../support/sample-files';

const ok = (contentType: string) => ({ ok: true, contentType });
const invalid = { ok: false, problem: 'invalid' };
const notAllowed = { ok: false, problem: 'not_allowed' };

describe('upload content', () => {
  it('accepts well-formed JPEG, PNG and PDF files, declared or not', () => {
    expect(checkContent(sampleJpeg(), 'image/jpeg')).toEqual(ok('image/jpeg'));
    expect(checkContent(sampleJpeg(), 'image/jpg')).toEqual(ok('image/jpeg'));
    expect(checkContent(samplePng(), undefined)).toEqual(ok('image/png'));
    expect(checkContent(samplePdf(), 'application/octet-stream')).toEqual(ok('application/pdf'));
    // bytes after a JPEG's end (a phone's motion clip) are allowed
    expect(checkContent(Buffer.concat([sampleJpeg(), Buffer.from('ftypmp42')]), 'image/jpeg')).toEqual(
      ok('image/jpeg'),
    );
  });

  it('refuses %PDF- followed by a script, and other signatures glued to something else', () => {
    const fakes = [
      Buffer.from('%PDF-1.4\n<script>alert(document.cookie)</script>'),
      Buffer.from('%PDF-\n<html><body>hi</body></html>'),
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from('<script>alert(1)</script>')]),
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 1)]),
      Buffer.concat([samplePng().subarray(0, 8), Buffer.from('<html>not a png</html>')]),
      sampleJpeg().subarray(0, 40), // cut off before its end
      samplePng().subarray(0, samplePng().length - 12), // no IEND
      Buffer.concat([samplePng(), Buffer.from('<script>')]), // something after IEND
    ];
    for (const bytes of fakes) expect(checkContent(bytes, undefined)).toEqual(invalid);
  });

  it('refuses a PNG whose chunk checksum is wrong', () => {
    const png = samplePng();
    png[20] ^= 0xff; // inside IHDR
    expect(checkContent(png, 'image/png')).toEqual(invalid);
  });

  it('refuses a well-formed file that carries HTML, or a PDF with active content however its names are spelt', () => {
    expect(checkContent(sampleJpeg(Buffer.from('<svg onload=alert(1)>')), undefined)).toEqual(invalid);
    expect(
      checkContent(samplePdf('/AA << /O << /S /JavaScript /JS (app.alert(1)) >> >> '), undefined),
    ).toEqual(invalid);
    expect(checkContent(samplePdf('/AA << /O << /S /J#61vaScript >> >> '), undefined)).toEqual(invalid);
    expect(checkContent(samplePdf('/OpenAction << /S /Launch /F (cmd.exe) >> '), undefined)).toEqual(invalid);
  });

  it('refuses a file whose bytes do not match its declared type', () => {
    expect(checkContent(samplePng(), 'image/jpeg')).toEqual(invalid);
    expect(checkContent(samplePdf(), 'image/png')).toEqual(invalid);
    expect(checkContent(sampleJpeg(), 'text/html')).toEqual(notAllowed);
    expect(checkContent(sampleJpeg(), 'image/svg+xml')).toEqual(notAllowed);
  });

  it('refuses what is none of the three types', () => {
    expect(checkContent(Buffer.from('MZ\x90\x00 this is an exe'), undefined)).toEqual(notAllowed);
    expect(checkContent(Buffer.from('GIF89a'), 'image/gif')).toEqual(notAllowed);
  });
});
