/**
 * At the venue door, in Chromium against the real dev server:
 *  - the H5 scanner reads a REAL QR image through the camera: the ticket's QR PNG is taken from
 *    the worker's ticket page, turned into a YUV4MPEG2 video that Chromium's fake camera plays
 *    (the code shown, then taken away, then shown again), and the scanner checks the ticket in
 *    (green 已签到), then answers the second showing with 已签到过 and when;
 *  - refusals in words (a cancelled ticket's short code), and offline mode: the pack downloaded,
 *    scans checked on the device and queued, the queue uploaded with a conflict reported;
 *  - self sign-in: the venue screen's rotating code (its QR is the scene it prints), typed in by
 *    the worker on 首页 → 扫码签到 where the camera is not the point.
 */
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { ObjectId } from 'mongodb';
import { readQrDataUrl } from '../support/qr-read';
import { openPhone, type Phone } from './support/phone';
import { startE2eStack, type E2eStack } from './support/stack';
import { competitionsApi, type MadeCompetition } from './support/competitions-api';
import { ROOT } from './support/h5-build';
import { input, openFresh, signInAs, textIn, typeInto } from './support/taro';
import { grayFromPngDataUrl, qrModules, writeY4m } from './support/y4m';

jest.setTimeout(600_000);

let stack: E2eStack;
let arrange: ReturnType<typeof competitionsApi>;
let phone: Phone | null = null;

beforeAll(async () => {
  stack = await startE2eStack();
  arrange = competitionsApi(stack, 'scan');
}, 300_000);

afterEach(async () => {
  await phone?.close();
  phone = null;
});

afterAll(async () => {
  await stack?.stop();
});

const scannerUrl = (c: MadeCompetition) => `/packages/scanner/pages/index/index?id=${c.id}`;

it('the H5 scanner reads a real ticket QR from the camera, checks it in, and says 已签到过 when it is shown again', async () => {
  const c = await arrange.create({ title: '江城职工技能比武（验票）' });
  await arrange.registerWorker('e2e-scan-worker', '褚国华');
  const reg = await arrange.register('e2e-scan-worker', c.id, c.events[0].id);

  // the worker's phone: the QR picture exactly as the ticket page draws it
  phone = await openPhone('competitions-scanning-ticket');
  await signInAs(phone.page, stack.url, 'e2e-scan-worker');
  await openFresh(phone.page, stack.url, `/packages/competition/pages/ticket/index?id=${c.id}&rid=${reg.id}`);
  const src = (await phone.page.locator('#ticket-qr img').getAttribute('src'))!;
  await phone.close();

  // beside the screenshots' folder, which openPhone empties
  const dir = path.join(ROOT, 'test-output/e2e-video');
  mkdirSync(dir, { recursive: true });
  const video = path.join(dir, 'ticket.y4m');
  // 10 frames a second: the code for 3 s, then 3.5 s of nothing (longer than the scanner's 2.5 s
  // repeat guard), again and again; 3 s gives a decoder slowed by a busy machine several tries
  writeY4m(video, qrModules(grayFromPngDataUrl(src)), { fps: 10, showFrames: 30, blankFrames: 35 });

  // the officer's phone at the door, its camera filming that video
  phone = await openPhone('competitions-scanning', {
    extraArgs: [
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  });
  const { page, shot } = phone;
  await signInAs(page, stack.url, 'demo-officer-base');
  await openFresh(page, stack.url, scannerUrl(c));
  await page.locator('#scanner-title').waitFor();
  await page.locator('#scanner-camera-toggle').click();

  await page.locator('#scanner-verdict[data-kind="checked_in"]').waitFor({ timeout: 60_000 });
  expect(await textIn(page, '#scanner-verdict')).toMatch(
    /✓\s*已签到[\s\S]*褚\*华 · 叉车[\s\S]*签到时间 \d\d:\d\d/,
  );
  await shot('01-checked-in');
  const stored = await stack.db.collection('competitionCheckins').find({ list: 'entry' }).toArray();
  expect(stored.filter((k) => k.registrationId.toHexString() === reg.id)).toHaveLength(1);

  // the code is taken away and shown again: the same ticket, a second scan
  await page.locator('#scanner-verdict[data-kind="already"]').waitFor({ timeout: 60_000 });
  expect(await textIn(page, '#scanner-verdict')).toMatch(/!\s*已签到过[\s\S]*（\d\d:\d\d，由陈立华）/);
  await page.locator('#scanner-camera-toggle').click();
  await shot('02-already');
  const after = await stack.db.collection('competitionCheckins').countDocuments({ list: 'entry' });
  expect(after).toBe(stored.length);
});

it('refuses a cancelled ticket in words, and checks in on another list by the short code', async () => {
  const c = await arrange.create({ title: '江城职工技能比武（手输票号）' });
  await arrange.registerWorker('e2e-scan-cancel', '卫晓东');
  await arrange.registerWorker('e2e-scan-goods', '蒋丽华');
  const gone = await arrange.register('e2e-scan-cancel', c.id, c.events[0].id);
  const goneCode = (await arrange.ticketOf('e2e-scan-cancel', c.id, gone.id)).shortCode;
  await arrange.call('e2e-scan-cancel', 'DELETE', `/api/competitions/${c.id}/registrations/${gone.id}`);
  const kept = await arrange.register('e2e-scan-goods', c.id, c.events[1].id);
  const keptCode = (await arrange.ticketOf('e2e-scan-goods', c.id, kept.id)).shortCode;

  phone = await openPhone('competitions-scanning-manual');
  const { page, shot } = phone;
  await signInAs(page, stack.url, 'demo-officer-base');
  await openFresh(page, stack.url, scannerUrl(c));
  await typeInto(page, 'scanner-code', goneCode.toLowerCase());
  await page.locator('#scanner-check').click();
  await page.locator('#scanner-verdict[data-kind="refused"]').waitFor();
  expect(await textIn(page, '#scanner-verdict')).toMatch(/✕\s*不能签到[\s\S]*这个报名已取消，入场券作废/);
  await shot('01-refused');

  await page.locator('#scanner-list-goods').click();
  await typeInto(page, 'scanner-code', `${keptCode.slice(0, 4)}-${keptCode.slice(4)}`);
  await page.locator('#scanner-check').click();
  await page.locator('#scanner-verdict[data-kind="checked_in"]').waitFor();
  expect(await textIn(page, '#scanner-verdict')).toContain('蒋*华 · 焊工');
  expect(
    await stack.db.collection('competitionCheckins').countDocuments({ list: 'goods' }),
  ).toBeGreaterThanOrEqual(1);
});

it('offline mode: the officer downloads the pack, scans are checked on the device and queued, and the upload reports a conflict', async () => {
  const c = await arrange.create({ title: '江城职工技能比武（离线）' });
  const entries: { id: string; code: string; ticket: string }[] = [];
  for (const [openid, name] of [
    ['e2e-scan-off-1', '沈建明'],
    ['e2e-scan-off-2', '韩春梅'],
  ]) {
    await arrange.registerWorker(openid, name);
    const r = await arrange.register(openid, c.id, c.events[0].id);
    const t = await arrange.ticketOf(openid, c.id, r.id);
    entries.push({ id: r.id, code: t.shortCode, ticket: t.ticket });
  }

  phone = await openPhone('competitions-scanning-offline');
  const { page, shot } = phone;
  await signInAs(page, stack.url, 'demo-officer-base');
  await openFresh(page, stack.url, scannerUrl(c));
  await page.locator('#scanner-mode-offline').click();
  await page.locator('#scanner-notice', { hasText: '已下载离线名单（2 人' }).waitFor();

  // the signal goes: scans are checked here, with the same ticket module as the cloud's
  await page.context().setOffline(true);
  for (const e of entries) {
    await typeInto(page, 'scanner-code', e.ticket);
    await page.locator('#scanner-check').click();
    await page.locator('#scanner-verdict[data-kind="checked_in"]').waitFor();
    expect(await textIn(page, '#scanner-verdict')).toContain('离线核验');
  }
  await typeInto(page, 'scanner-code', entries[0].code);
  await page.locator('#scanner-check').click();
  await page.locator('#scanner-verdict[data-kind="already"]').waitFor();
  expect(await textIn(page, '#scanner-verdict')).toContain('由本机');
  expect(await textIn(page, '#scanner-queue')).toContain('待上传 2 条');
  await shot('01-offline-queue');

  // the queue survives closing the page (reopened with the signal back, it stays offline)
  await page.context().setOffline(false);
  await page.reload();
  await page.locator('#scanner-queue', { hasText: '待上传 2 条' }).waitFor();

  // meanwhile another officer, online, checked the second entry in after this device did
  await arrange.call('demo-officer-town', 'POST', `/api/competitions/${c.id}/checkins`, {
    ticket: entries[1].ticket,
    list: 'entry',
    nonce: `e2e-other-device-${process.pid}`,
  });
  await page.locator('#scanner-upload').click();
  await page.locator('#scanner-sync').waitFor();
  expect(await textIn(page, '#scanner-sync')).toContain('冲突 1 条');
  expect(await textIn(page, '#scanner-queue')).toContain('待上传 0 条');
  await shot('02-synced');
  expect(await textIn(page, '#scanner-sync')).toContain('以本机先扫的为准');
  // first scan wins: the device scanned before the other officer did; one check-in per entry
  const rows = await stack.db
    .collection('competitionCheckins')
    .find({ list: 'entry', registrationId: { $in: entries.map((e) => new ObjectId(e.id)) } })
    .toArray();
  expect(rows).toHaveLength(2);
  expect(rows.map((r) => r.nonce)).not.toContain(`e2e-other-device-${process.pid}`);
});

it('self sign-in: the venue screen shows a rotating code with its countdown, and a worker signs in with it on 扫码签到', async () => {
  const c = await arrange.create({ title: '江城职工技能比武（自助签到）' });
  await arrange.registerWorker('e2e-scan-self', '杨秀兰');
  await arrange.register('e2e-scan-self', c.id, c.events[0].id);

  phone = await openPhone('competitions-self-checkin');
  const { page, shot } = phone;
  await signInAs(page, stack.url, 'demo-officer-town');
  await openFresh(page, stack.url, `/packages/scanner/pages/venue/index?id=${c.id}`);
  await page.locator('#venue-qr img').waitFor();
  await expect(textIn(page, '#venue-countdown')).resolves.toMatch(/^\d+ 秒后换新码$/);
  // a drawn code, not a photo: read as one
  const scene = readQrDataUrl((await page.locator('#venue-qr img').getAttribute('src'))!, true);
  const manual = await textIn(page, '#venue-manual');
  // the printed code is the QR's: the list's digit and the code after the competition id
  expect(scene).toBe(`${c.id}.${manual.replace('-', '')}`);
  await shot('01-venue-screen');

  await signInAs(page, stack.url, 'e2e-scan-self');
  await page.locator('#tile-checkin').click();
  await input(page, 'checkin-code').waitFor();
  await typeInto(page, 'checkin-code', manual);
  await page.locator('#checkin-code-submit').click();
  await page.locator('#checkin-done').waitFor();
  expect(await textIn(page, '#checkin-done')).toMatch(/✓ 签到成功：叉车（\d\d:\d\d）/);
  await shot('02-signed-in');

  // a second time is said plainly, and recorded once
  await page.locator('#checkin-code-submit').click();
  await page.locator('#checkin-done', { hasText: '已经签到过了' }).waitFor();
  expect(await textIn(page, '#checkin-done')).toContain('本人扫码');
  const self = await stack.db.collection('competitionCheckins').countDocuments({ byName: '本人扫码' });
  expect(self).toBeGreaterThanOrEqual(1);
});
