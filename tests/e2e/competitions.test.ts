/**
 * 劳动竞赛 end to end, in Chromium on a phone-sized screen against the real dev server: an
 * officer creates a competition from the workbench with the short form; a worker registers from
 * 首页 → 劳动竞赛 and opens the ticket (a QR code drawn on the phone, read back here by ZXing,
 * with the short code under it); a full event puts the next worker on the waiting list, and a
 * cancellation (asked on the page) moves them up; a judge enters scores, the organiser publishes,
 * and a participant sees ranks and prizes. Each journey arranges what is not its point through
 * the API, so any one runs alone.
 */
import { readQrDataUrl } from '../support/qr-read';
import { openPhone, type Phone } from './support/phone';
import { startE2eStack, type E2eStack } from './support/stack';
import { competitionsApi } from './support/competitions-api';
import { input, openFresh, signInAs, textIn, typeInto, visibleText } from './support/taro';

jest.setTimeout(600_000);

let stack: E2eStack;
let phone: Phone;
let arrange: ReturnType<typeof competitionsApi>;

beforeAll(async () => {
  stack = await startE2eStack();
  arrange = competitionsApi(stack, 'comp');
  phone = await openPhone('competitions');
}, 300_000);

afterAll(async () => {
  await phone?.close();
  await stack?.stop();
});

const pad = (n: number) => String(n).padStart(2, '0');
const typed = (d: Date) =>
  `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;

it('an officer creates a competition from the workbench with a short form, told in words what is missing', async () => {
  const { page, shot } = phone;
  await signInAs(page, stack.url, 'demo-officer-town');
  await page.locator('#tile-officer').click();
  await page.locator('#officer-programs .row-entry', { hasText: '劳动竞赛' }).click();
  await page.locator('#competition-new').click();
  await input(page, 'cf-title').waitFor();

  await typeInto(page, 'cf-title', '街道职工点钞比赛');
  await page.locator('#cf-kind-labour').click();
  await typeInto(page, 'cf-venue', '花园街道文体中心');
  await typeInto(page, 'cf-starts', '明天上午');
  await typeInto(page, 'cf-event-0-name', '点钞');
  await typeInto(page, 'cf-event-0-capacity', '40');
  await page.locator('#cf-submit').click();
  // what is wrong is said next to its field, and nothing is created
  await expect(textIn(page, '#cf-starts-field')).resolves.toContain('2026-05-01 09:00');
  await expect(textIn(page, '#cf-closes-field')).resolves.toContain('报名截止时间');
  await shot('01-create-problems');

  const starts = new Date(Date.now() + 5 * 86_400_000);
  starts.setHours(9, 0, 0, 0);
  const closes = new Date(starts.getTime() - 2 * 86_400_000);
  await typeInto(page, 'cf-starts', typed(starts));
  await typeInto(page, 'cf-closes', typed(closes));
  await typeInto(page, 'cf-quota', '3');
  await page.locator('#cf-goods-yes').click();
  await page.locator('#cf-submit').click();

  await page.locator('#manage-title', { hasText: '街道职工点钞比赛' }).waitFor();
  expect(await visibleText(page)).toContain('已创建「街道职工点钞比赛」');
  expect(await textIn(page, '#manage-facts')).toContain('已报 0 / 40 人');
  await shot('02-created');
  const stored = await stack.db.collection('competitions').findOne({ title: '街道职工点钞比赛' });
  expect(stored).toMatchObject({ kind: 'labour', perUnitQuota: 3, onePerPerson: true });
  expect(stored!.checkinLists.map((l: { key: string }) => l.key)).toEqual(['entry', 'goods']);
});

it('a worker registers from 首页 → 劳动竞赛 and sees the ticket: a QR code of the signed ticket with the short code under it', async () => {
  const { page, shot } = phone;
  const c = await arrange.create({ title: '江城职工技能比武（入场券）' });
  await arrange.registerWorker('e2e-comp-ticket', '孙国强');
  await signInAs(page, stack.url, 'e2e-comp-ticket');

  await page.locator('#tile-competition').click();
  await page.locator(`#competition-${c.id}`).click();
  await page.locator('#competition-title').waitFor();
  expect(await textIn(page, `#event-${c.events[0].id}-seats`)).toBe('名额 50 人，还剩 50 个');
  await shot('03-competition');

  await page.locator(`#event-${c.events[0].id}-register`).click();
  await page.locator('#competition-done').waitFor();
  expect(await textIn(page, '#competition-done')).toContain('「叉车」报名成功');
  // one event per person: the other event offers no second registration
  expect(await page.locator(`#event-${c.events[1].id}-register`).count()).toBe(0);
  expect(await textIn(page, `#event-${c.events[0].id}-seats`)).toBe('名额 50 人，还剩 49 个');

  const rid = (await stack.db
    .collection('competitionRegistrations')
    .findOne({ eventId: c.events[0].id }))!._id.toHexString();
  await page.locator(`#entry-${rid}-ticket`).click();
  await page.locator('#ticket-qr img').waitFor();
  const src = (await page.locator('#ticket-qr img').getAttribute('src'))!;
  const ticket = await arrange.ticketOf('e2e-comp-ticket', c.id, rid);
  // the picture on the phone is the signed ticket itself
  expect(readQrDataUrl(src)).toBe(ticket.ticket);
  expect(await textIn(page, '#ticket-short-code')).toBe(
    `${ticket.shortCode.slice(0, 4)}-${ticket.shortCode.slice(4)}`,
  );
  expect(await textIn(page, '#ticket-event')).toBe('叉车');
  expect(await textIn(page, '#ticket-checkins')).toMatch(/入场\s*未签到/);
  // large enough to scan across a table: most of the screen's width
  const box = (await page.locator('#ticket-qr img').boundingBox())!;
  expect(box.width).toBeGreaterThanOrEqual(300);
  await shot('04-ticket');
});

it('a full event puts the next worker on the waiting list, and a cancellation asked on the page moves them up', async () => {
  const { page, shot } = phone;
  const c = await arrange.create({
    title: '江城职工技能比武（候补）',
    events: [{ name: '焊工', capacity: 1 }],
  });
  await arrange.registerWorker('e2e-comp-first', '钱大山');
  await arrange.registerWorker('e2e-comp-second', '周小红');
  const first = await arrange.register('e2e-comp-first', c.id, c.events[0].id);

  await signInAs(page, stack.url, 'e2e-comp-second');
  await openFresh(page, stack.url, `/packages/competition/pages/detail/index?id=${c.id}`);
  await page.locator(`#event-${c.events[0].id}-register`, { hasText: '报名候补' }).click();
  await page.locator('#competition-done').waitFor();
  expect(await textIn(page, '#competition-done')).toContain('候补第 1 位');
  expect(await visibleText(page)).toContain('候补第 1 位');
  await shot('05-waitlisted');

  // the first worker cancels; the page asks first, no pop-up
  await signInAs(page, stack.url, 'e2e-comp-first');
  await openFresh(page, stack.url, `/packages/competition/pages/detail/index?id=${c.id}`);
  await page.locator(`#entry-${first.id}-cancel`).click();
  await page.locator(`#entry-${first.id}-confirm`).waitFor();
  expect(await textIn(page, `#entry-${first.id}-confirm`)).toContain('取消后名额会让给候补的人');
  await shot('06-cancel-confirm');
  await page.locator(`#entry-${first.id}-cancel-yes`).click();
  await page.locator('#competition-done', { hasText: '已取消「焊工」的报名' }).waitFor();

  // the second worker now has the seat and a ticket
  await signInAs(page, stack.url, 'e2e-comp-second');
  await openFresh(page, stack.url, `/packages/competition/pages/detail/index?id=${c.id}`);
  await page.locator('#competition-mine').waitFor();
  expect(await textIn(page, '#competition-mine')).toContain('已报名');
  expect(await page.locator('[id$="-ticket"]').count()).toBeGreaterThan(0);
});

it('a judge enters scores, the organiser publishes them, and a participant sees ranks and prizes', async () => {
  const { page, shot } = phone;
  const c = await arrange.create({
    title: '江城职工技能比武（成绩）',
    events: [{ name: '叉车', capacity: 10 }],
  });
  const people = [
    ['e2e-comp-r1', '吴志刚'],
    ['e2e-comp-r2', '郑美玲'],
    ['e2e-comp-r3', '冯建军'],
  ];
  const rids: string[] = [];
  for (const [openid, name] of people) {
    await arrange.registerWorker(openid, name);
    rids.push((await arrange.register(openid, c.id, c.events[0].id)).id);
  }
  await arrange.score(c.id, rids[1], { written: 80, practical: 90 });
  await arrange.score(c.id, rids[2], { written: 70, practical: 75 });

  // the judge (the 基层 officer) enters the first entry's scores on the page
  await signInAs(page, stack.url, 'demo-officer-base');
  await openFresh(page, stack.url, `/packages/officer/pages/competition-manage/index?id=${c.id}`);
  await page.locator('#manage-scores').click();
  await input(page, `score-${rids[0]}-written`).waitFor();
  await typeInto(page, `score-${rids[0]}-written`, '95');
  await typeInto(page, `score-${rids[0]}-practical`, '120');
  await page.locator(`#score-${rids[0]}-save`).click();
  await expect(textIn(page, `#score-${rids[0]}`)).resolves.toContain('实操请填 0 到 100 分');
  await typeInto(page, `score-${rids[0]}-practical`, '92.5');
  await page.locator(`#score-${rids[0]}-save`).click();
  await page.locator(`#score-${rids[0]}`, { hasText: '已保存：总分 93.25，第 1 名' }).waitFor();
  await shot('07-scores');

  // the organiser publishes, asked on the page
  await signInAs(page, stack.url, 'demo-officer-town');
  await openFresh(page, stack.url, `/packages/competition/pages/results/index?id=${c.id}`);
  await page.locator('#results-publish').click();
  await page.locator('#results-publish-yes').click();
  await page.locator('#results-state', { hasText: '成绩已于' }).waitFor();
  expect(await page.locator('#results-export').count()).toBe(1);

  // a participant sees ranks, totals and prizes in words; other names masked
  await signInAs(page, stack.url, 'e2e-comp-r2');
  await openFresh(page, stack.url, `/packages/competition/pages/detail/index?id=${c.id}`);
  await page.locator('#competition-results').click();
  await page.locator(`#result-${rids[0]}`).waitFor();
  expect(await textIn(page, `#result-${rids[0]}`)).toMatch(/第1名[\s\S]*吴\*刚[\s\S]*一等奖[\s\S]*93\.25 分/);
  expect(await textIn(page, `#result-${rids[1]}`)).toMatch(/第2名[\s\S]*郑美玲[\s\S]*二等奖/);
  expect(await page.locator('#results-publish').count()).toBe(0);
  await shot('08-results');
});
