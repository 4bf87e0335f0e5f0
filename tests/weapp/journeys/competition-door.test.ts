/**
 * In the mini program, at a competition (the seeded 花园街道 contest, where demo-worker-1 holds a
 * seat for 叉车): the worker opens their ticket from 首页 → 劳动竞赛 (the QR drawn as a PNG on the
 * phone, the short code under it); the 基层 officer's scanner asks WeChat's scanCode, whose camera
 * reads the worker's REAL ticket string: 已签到, then 已签到过 with when and by whom, and a
 * tampered ticket refused in words; then the worker signs in on another list by scanning the
 * venue screen's code from 首页 → 扫码签到.
 */
import { startJourney, type Journey } from '../support/journey';

jest.setTimeout(120_000);

let j: Journey;
let competitionId = '';
let registrationId = '';
let ticket = '';
let shortCode = '';

beforeAll(async () => {
  j = await startJourney();
  const token = await j.stack.login('demo-worker-1');
  const mine = await j.stack.call<{ items: { id: string }[] }>('GET', '/api/competitions?mine=1', { token });
  competitionId = mine.body.items[0].id;
  const regs = await j.stack.call<{ items: { id: string }[] }>(
    'GET',
    `/api/competitions/${competitionId}/registrations?mine=1`,
    { token },
  );
  registrationId = regs.body.items[0].id;
  const t = await j.stack.call<{ ticket: string; shortCode: string }>(
    'GET',
    `/api/competitions/${competitionId}/registrations/${registrationId}/ticket`,
    { token },
  );
  ticket = t.body.ticket;
  shortCode = t.body.shortCode;
}, 300_000);

afterAll(async () => {
  await j?.stop();
});

it('the worker opens the ticket: a QR picture drawn on the phone with the short code under it', async () => {
  const { mp } = j;
  const home = await j.signIn('demo-worker-1');
  await home.tap('tile-competition');
  const list = mp.current;
  expect(list.route).toBe('packages/competition/pages/index/index');
  await list.waitFor(() => list.has(`competition-${competitionId}`));
  await list.tap(`competition-${competitionId}`);
  const detail = mp.current;
  await detail.waitFor(() => detail.has(`entry-${registrationId}-ticket`));
  expect(detail.textOf(`entry-${registrationId}-status`)).toBe('已报名');
  await detail.tap(`entry-${registrationId}-ticket`);
  const page = mp.current;
  expect(page.route).toBe('packages/competition/pages/ticket/index');
  await page.waitFor(() => page.has('ticket-short-code'));
  expect(page.textOf('ticket-short-code')).toBe(`${shortCode.slice(0, 4)}-${shortCode.slice(4)}`);
  // the picture itself (its text is read back by ZXing in the unit and H5 tests)
  expect(page.has('ticket-qr-image')).toBe(true);
  mp.assertNoProblems();
});

it('the officer scans it with WeChat’s scanner: 已签到, then 已签到过, and a tampered ticket is refused in words', async () => {
  const { mp, phone, stack } = j;
  await j.signIn('demo-officer-base');
  const scanner = await mp.reLaunch(`/packages/scanner/pages/index/index?id=${competitionId}`);
  await scanner.waitFor(() => scanner.has('scanner-scan'));

  phone.scans.push(ticket);
  await scanner.tap('scanner-scan');
  await scanner.waitFor(() => scanner.has('scanner-verdict'));
  await phone.idle();
  await mp.settle(50);
  expect(scanner.textOf('scanner-verdict')).toMatch(/✓\s*已签到\s*张\*国 · 叉车\s*签到时间 \d\d:\d\d/);
  expect(phone.calls.filter((c) => c.api === 'scanCode')).toHaveLength(1);

  phone.scans.push(ticket);
  await scanner.tap('scanner-scan');
  await scanner.waitFor(
    () => scanner.has('scanner-verdict') && scanner.textOf('scanner-verdict').includes('已签到过'),
  );
  expect(scanner.textOf('scanner-verdict')).toMatch(/（\d\d:\d\d，由陈立华）/);

  const tampered = ticket.slice(0, 60) + (ticket[60] === 'A' ? 'B' : 'A') + ticket.slice(61);
  phone.scans.push(tampered);
  await scanner.tap('scanner-scan');
  await scanner.waitFor(
    () => scanner.has('scanner-verdict') && scanner.textOf('scanner-verdict').includes('不能签到'),
  );
  expect(scanner.textOf('scanner-verdict')).toContain('校验不通过');

  const checkins = await stack.db.collection('competitionCheckins').countDocuments({ list: 'entry' });
  expect(checkins).toBe(1);
  mp.assertNoProblems();
});

it('the worker signs in on 领物资 by scanning the venue screen’s code from 首页 → 扫码签到', async () => {
  const { mp, phone, stack } = j;
  const officer = await stack.login('demo-officer-town');
  const code = await stack.call<{ scene: string }>(
    'GET',
    `/api/competitions/${competitionId}/venue-code?list=goods`,
    { token: officer },
  );
  const home = await j.signIn('demo-worker-1');
  await home.tap('tile-checkin');
  const page = mp.current;
  expect(page.route).toBe('packages/checkin/pages/index/index');
  await page.waitFor(() => page.has('checkin-scan'));
  phone.scans.push(code.body.scene);
  await page.tap('checkin-scan');
  await page.waitFor(() => page.has('checkin-done'));
  expect(page.textOf('checkin-done')).toMatch(/✓ 签到成功：叉车（\d\d:\d\d）/);
  const goods = await stack.db
    .collection('competitionCheckins')
    .countDocuments({ list: 'goods', byName: '本人扫码' });
  expect(goods).toBe(1);

  // a code that is not the venue's is said so, and nothing is recorded
  phone.scans.push('https://example.com/not-a-venue-code');
  await page.tap('checkin-scan');
  await page.waitFor(() => page.has('checkin-failed'));
  expect(page.textOf('checkin-failed')).toContain('这不是现场签到码');
  mp.assertNoProblems();
});
