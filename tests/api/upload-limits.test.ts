/**
 * Limits on uploads: a daily quota per member (files and bytes, counted in MongoDB so every
 * function instance shares it), loose uploads removed a day after upload, and local files
 * readable by their owner only. A stack of its own with a small quota (4 files, 1 MB a day).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { removeLooseUploads } from '../../cloud/core/files/service';
import { fileServices } from '../../cloud/functions/files/app';
import { getDb } from '../../cloud/platform/db/client';
import { startStack, type Stack } from '../support/api-stack';
import { registeredWorker, submitAidCaseWith } from '../support/people';
import { sampleJpeg } from '../support/sample-files';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ env: { UPLOAD_DAILY_COUNT: '4', UPLOAD_DAILY_MB: '1' } });
});
afterAll(() => stack.stop());

let n = 0;
/** a distinct small JPEG each time (so no two uploads share a body) */
const photo = (bytes = 100) => sampleJpeg(Buffer.alloc(bytes, ++n % 200));

async function upload(token: string, bytes: Buffer, headers: Record<string, string> = {}) {
  const res = await fetch(`${stack.url}/api/files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'image/jpeg', ...headers },
    body: new Uint8Array(bytes),
  });
  return { status: res.status, body: (await res.json()) as any };
}

const ownerFiles = async (openid: string) => {
  const m = await stack.db.collection('members').findOne({ openid });
  return stack.db.collection('files').countDocuments({ ownerId: m!._id.toHexString() });
};

describe('the daily upload quota', () => {
  it('refuses a member’s fifth file of the day with 429 and stores nothing; another member still uploads', async () => {
    const token = await stack.login('quota-count');
    for (let i = 0; i < 4; i++) expect((await upload(token, photo())).status).toBe(201);
    const fifth = await upload(token, photo());
    expect([fifth.status, fifth.body.error.code]).toEqual([429, 'UPLOAD_QUOTA_EXCEEDED']);
    expect(fifth.body.error.message).toMatch(/明天/);
    expect(await ownerFiles('quota-count')).toBe(4);
    expect((await upload(await stack.login('quota-other'), photo())).status).toBe(201);
  });

  it('counts bytes too: files that together pass the day’s megabyte are refused', async () => {
    const token = await stack.login('quota-bytes');
    expect((await upload(token, photo(600_000))).status).toBe(201);
    const over = await upload(token, photo(600_000));
    expect([over.status, over.body.error.code]).toEqual([429, 'UPLOAD_QUOTA_EXCEEDED']);
    expect((await upload(token, photo(300_000))).status).toBe(201);
    expect(await ownerFiles('quota-bytes')).toBe(2);
  });

  it('holds when ten uploads arrive at once: exactly four are stored', async () => {
    const token = await stack.login('quota-burst');
    const answers = await Promise.all(Array.from({ length: 10 }, () => upload(token, photo())));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(4);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(6);
    expect(await ownerFiles('quota-burst')).toBe(4);
  });

  it('takes nothing for a retried upload that replays its first answer', async () => {
    const token = await stack.login('quota-retry');
    const bytes = photo();
    const headers = { 'idempotency-key': 'quota-retry-0001' };
    for (let i = 0; i < 6; i++) expect((await upload(token, bytes, headers)).status).toBe(201);
    for (let i = 0; i < 3; i++) expect((await upload(token, photo())).status).toBe(201);
    expect(await ownerFiles('quota-retry')).toBe(4);
  });
});

describe('loose uploads', () => {
  const age = (id: string, hours: number) =>
    stack.db
      .collection('files')
      .updateOne({ _id: id as never }, { $set: { createdAt: new Date(Date.now() - hours * 3_600_000) } });
  const uploadDir = () => (stack.server.config.storage as { dir: string }).dir;
  const exists = (id: string) => existsSync(path.join(uploadDir(), id));

  it('removes an upload nothing holds a day after it was made (record and bytes), on a later upload, audited', async () => {
    const token = await registeredWorker(stack, 'loose-owner');
    const loose = (await upload(token, photo())).body.id as string;
    const young = (await upload(token, photo())).body.id as string;
    const kept = (await upload(token, photo())).body.id as string;
    await submitAidCaseWith(stack, token, [kept]);
    await age(loose, 25);
    await age(kept, 25);
    await age(young, 23);
    expect(exists(loose)).toBe(true);

    expect((await upload(await stack.login('loose-trigger'), photo())).status).toBe(201);
    expect(await stack.db.collection('files').findOne({ _id: loose as never })).toBeNull();
    expect(exists(loose)).toBe(false);
    const back = await fetch(`${stack.url}/api/files/${loose}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(back.status).toBe(404);
    expect(
      await stack.db
        .collection('auditLog')
        .countDocuments({ action: 'file.removed_unattached', entityId: loose }),
    ).toBe(1);
    // the one a case holds stays (and is not asked about again); the young one waits its day
    expect(await stack.db.collection('files').findOne({ _id: kept as never })).toMatchObject({
      attached: true,
    });
    expect(exists(kept)).toBe(true);
    expect(await stack.db.collection('files').findOne({ _id: young as never })).not.toBeNull();
  });

  it('lets a scheduled sweep remove them too, and a removed upload can no longer be attached', async () => {
    const token = await registeredWorker(stack, 'loose-sweep');
    const loose = (await upload(token, photo())).body.id as string;
    await age(loose, 30);
    expect(await removeLooseUploads(await getDb(), fileServices(stack.server.config))).toBeGreaterThanOrEqual(
      1,
    );
    const attach = await stack.call('POST', '/api/aid/cases', {
      token,
      body: { householdSize: 2, evidenceFileIds: [loose], submit: false },
    });
    expect(attach.status).toBe(400);
  });
});

describe('local upload files', () => {
  it('are created readable by their owner only (mode 600, directory 700)', async () => {
    const id = (await upload(await stack.login('mode-owner'), photo())).body.id as string;
    const dir = (stack.server.config.storage as { dir: string }).dir; // UPLOAD_DIR (tests/support/api-stack.ts)
    expect(statSync(path.join(dir, id)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });
});
