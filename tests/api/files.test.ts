import { startStack, type Stack } from '../support/api-stack';
import { sampleJpeg, samplePdf, samplePng } from '../support/sample-files';
import { officerOf, registeredWorker, submitAidCaseWith } from '../support/people';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

const JPEG = sampleJpeg(Buffer.alloc(2000, 7));
const PNG = samplePng();

async function upload(
  token: string,
  bytes: Buffer,
  contentType = 'image/jpeg',
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${stack.url}/api/files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType, ...headers },
    body: new Uint8Array(bytes),
  });
  return { status: res.status, body: (await res.json()) as any };
}

function multipart(
  bytes: Buffer,
  filename: string,
  partType = 'application/octet-stream',
): { body: Buffer; contentType: string } {
  const boundary = '----wxupload7MA4YWxkTrZu0gW';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${partType}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(
      `\r\n--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nevidence\r\n--${boundary}--\r\n`,
    ),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('evidence uploads', () => {
  it('stores a JPEG sent as raw bytes and gives it back to its owner unchanged', async () => {
    const token = await stack.login('demo-worker-1');
    const r = await upload(token, JPEG);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ contentType: 'image/jpeg', size: JPEG.length });
    const back = await fetch(`${stack.url}/api/files/${r.body.id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(back.status).toBe(200);
    expect(back.headers.get('content-type')).toMatch(/image\/jpeg/);
    expect(Buffer.from(await back.arrayBuffer()).equals(JPEG)).toBe(true);
  });

  it('sends a file back as a download that is never sniffed, framed or run as a page', async () => {
    const token = await stack.login('demo-worker-1');
    const r = await upload(token, JPEG);
    const back = await fetch(`${stack.url}/api/files/${r.body.id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(back.status).toBe(200);
    expect(back.headers.get('content-type')).toBe('image/jpeg');
    expect(back.headers.get('content-disposition')).toBe(`attachment; filename="${r.body.id}.jpg"`);
    expect(back.headers.get('x-content-type-options')).toBe('nosniff');
    expect(back.headers.get('content-security-policy')).toMatch(/(^|; )sandbox(;|$)/);
    expect(back.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
  });

  it('reads the file part of a multipart upload (wx.uploadFile) and types it by content', async () => {
    const token = await stack.login('demo-worker-1');
    const { body, contentType } = multipart(PNG, 'photo.jpg');
    const r = await upload(token, body, contentType);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ contentType: 'image/png', size: PNG.length });
  });

  it('refuses a file that is not a JPEG, PNG or PDF whatever its name says, and stores nothing', async () => {
    const token = await stack.login('demo-worker-1');
    const before = await stack.db.collection('files').countDocuments();
    const { body, contentType } = multipart(Buffer.from('MZ this is an exe'), 'photo.jpg');
    const r = await upload(token, body, contentType);
    expect(r.status).toBe(415);
    expect(r.body.error.code).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(await stack.db.collection('files').countDocuments()).toBe(before);
  });

  it('refuses %PDF- followed by a script, a signature glued to anything, and a file unlike its declared type; stores nothing', async () => {
    const token = await stack.login('demo-worker-1');
    const before = await stack.db.collection('files').countDocuments();
    const cases: [Buffer, string][] = [
      [Buffer.from('%PDF-1.4\n<script>alert(document.cookie)</script>'), 'application/pdf'],
      [Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]), 'image/jpeg'],
      [samplePng(), 'image/jpeg'],
    ];
    for (const [bytes, type] of cases) {
      const r = await upload(token, bytes, type);
      expect([r.status, r.body.error.code]).toEqual([415, 'FILE_CONTENT_INVALID']);
      const { body, contentType } = multipart(bytes, 'evidence', type);
      const m = await upload(token, body, contentType);
      expect([m.status, m.body.error.code]).toEqual([415, 'FILE_CONTENT_INVALID']);
    }
    expect(await stack.db.collection('files').countDocuments()).toBe(before);
    // a real PDF is fine, declared or not
    expect((await upload(token, samplePdf(), 'application/pdf')).status).toBe(201);
    expect((await upload(token, samplePdf(), 'application/octet-stream')).status).toBe(201);
  });

  it('refuses a file over 5 MB', async () => {
    const token = await stack.login('demo-worker-1');
    const big = Buffer.concat([JPEG, Buffer.alloc(5 * 1024 * 1024)]);
    const r = await upload(token, big);
    expect(r.status).toBe(413);
    expect(['FILE_TOO_LARGE', 'BODY_TOO_LARGE']).toContain(r.body.error.code);
  });

  it('keeps one file when an upload is retried with the same Idempotency-Key', async () => {
    const token = await stack.login('demo-worker-2');
    const headers = { 'idempotency-key': 'upload-retry-0001' };
    const a = await upload(token, JPEG, 'image/jpeg', headers);
    const b = await upload(token, JPEG, 'image/jpeg', headers);
    expect(b.body.id).toBe(a.body.id);
    const owner = await stack.db.collection('members').findOne({ openid: 'demo-worker-2' });
    expect(await stack.db.collection('files').countDocuments({ ownerId: owner!._id.toHexString() })).toBe(1);
  });

  it("shows an upload to officers only through a case they may read: a loose upload is its owner's alone", async () => {
    const owner = await registeredWorker(stack, 'files-owner', 'c1d1t1b1');
    const { body } = await upload(owner, JPEG);
    const get = async (token: string) =>
      (await fetch(`${stack.url}/api/files/${body.id}`, { headers: { authorization: `Bearer ${token}` } }))
        .status;
    const [base, town, city, otherTown, otherWorker] = [
      await stack.login('demo-officer-base'),
      await stack.login('demo-officer-town'),
      await stack.login('demo-officer-city'),
      await officerOf(stack, 'files-officer-qiaoxi', 'c1d1t2'),
      await stack.login('demo-worker-1'),
    ];
    // loose: nobody but the owner, not even the 市 officer whose subtree holds the owner's union
    expect(await get(owner)).toBe(200);
    for (const t of [base, town, city, otherTown, otherWorker]) expect(await get(t)).toBe(404);

    const caseId = await submitAidCaseWith(stack, owner, [body.id]);
    for (const t of [base, town, city]) expect(await get(t)).toBe(200);
    for (const t of [otherTown, otherWorker]) expect(await get(t)).toBe(404);
    const reads = await stack.db
      .collection('auditLog')
      .find({ action: 'file.read', entityId: body.id })
      .toArray();
    expect(reads).toHaveLength(3);
    for (const r of reads) expect(r.data).toEqual({ via: 'aidCase', viaId: caseId });
  });

  it('answers a file out of scope, a loose upload of someone else and one that never existed alike: the same 404', async () => {
    const owner = await registeredWorker(stack, 'files-alike', 'c1d1t1b1');
    const attached = (await upload(owner, JPEG)).body.id as string;
    await submitAidCaseWith(stack, owner, [attached]);
    const loose = (await upload(owner, PNG)).body.id as string;
    const officerElsewhere = await officerOf(stack, 'files-officer-alike', 'c1d1t2');
    const cityOfficer = await stack.login('demo-officer-city');
    const answers = await Promise.all(
      [
        [officerElsewhere, attached],
        [officerElsewhere, loose],
        [cityOfficer, loose],
        [officerElsewhere, 'aaaaaaaaaaaaaaaaaaaaaaaa'],
        [cityOfficer, 'aaaaaaaaaaaaaaaaaaaaaaaa'],
      ].map(async ([token, id]) => {
        const res = await fetch(`${stack.url}/api/files/${id}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
      }),
    );
    for (const a of answers) expect(a).toEqual(answers[answers.length - 1]);
    expect(answers[0].status).toBe(404);
    expect(JSON.parse(answers[0].body).error.code).toBe('NOT_FOUND');
  });
});
