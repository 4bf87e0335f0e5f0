/**
 * Review integrity and privacy on the screens (issue 10), in Chromium against the real dev
 * server: a worker who changes, after a return, what the 基层 verified is told before
 * resubmitting that the case goes back to the 基层, and the 基层 sees each change marked; a
 * member with a submitted application changes their name and is told it waits for the union,
 * which confirms it on the workbench; the officers of an org read who revealed whose number,
 * when and why. Steps that are not the point of a test are arranged through the API.
 */
import { idNumberCheckChar } from '../../src/contracts/idNumber';
import { aidApi, VISIT } from './support/aid-api';
import { openPhone, type Phone } from './support/phone';
import { startE2eStack, type E2eStack } from './support/stack';
import { LOGIN_HASH, openFresh, signInAs, textIn, typeInto, visibleText } from './support/taro';

jest.setTimeout(600_000);

let stack: E2eStack;
let phone: Phone;
/** steps that are not the point of a test, arranged through the API */
let arrange: ReturnType<typeof aidApi>;

beforeAll(async () => {
  stack = await startE2eStack();
  arrange = aidApi(stack, 'integrity');
  phone = await openPhone('review-integrity');
  await phone.page.goto(stack.url + '/');
  await phone.page.waitForURL((u) => u.hash.startsWith(LOGIN_HASH));
}, 300_000);

afterAll(async () => {
  await phone?.close();
  await stack?.stop();
});

const textOf = (selector: string) => textIn(phone.page, selector);
const as = (openid: string) => signInAs(phone.page, stack.url, openid);

it('tells a worker who changed what the 基层 verified that the case goes back there, and shows the 基层 each change marked', async () => {
  const { page, shot } = phone;
  const id = await arrange.applyAs('demo-worker-2');
  await arrange.act('demo-officer-base', id, 'record_visit', { visit: VISIT });
  await arrange.act('demo-officer-base', id, 'approve');
  await arrange.act('demo-officer-town', id, 'return', { comment: '请补充失业证明', facts: ['evidence'] });

  await as('demo-worker-2');
  await openFresh(page, stack.url, `/packages/aid/pages/apply/index?id=${id}`);
  await page.locator('#aid-returned-reason').waitFor();
  // the money step, from the step bar
  await page.locator('#aid-steps-1').click();
  await typeInto(page, 'field-income', '30000');
  await page.locator('#aid-save-state', { hasText: '已自动保存' }).waitFor();
  await page.locator('#aid-form-changes-note').waitFor();
  const note = await textOf('#aid-form-changes-note');
  expect(note).toContain('全家年收入');
  expect(note).toContain('由基层工会重新核实');
  expect(await textOf('#aid-form-changes')).toContain('原来：24000 元');
  await page.locator('#aid-form-changes').scrollIntoViewIfNeeded();
  await shot('01-worker-told-before-resubmitting');
  // 重新提交 is on the last step
  await page.locator('#aid-steps-4').click();
  await page.locator('#aid-submit').click();
  await page.locator('#aid-case-status', { hasText: '等待基层工会初审' }).waitFor();
  await shot('02-worker-resubmitted-to-base');

  await as('demo-officer-base');
  await openFresh(page, stack.url, `/packages/officer/pages/aid-case/index?id=${id}`);
  await page.locator('#officer-changes').waitFor();
  const changes = await textOf('#officer-changes');
  expect(changes).toContain('全家年收入');
  expect(changes).toContain('原来：24000 元');
  expect(changes).toContain('现在：30000 元');
  const marked = page.locator('#aid-case-facts .fact-changed');
  expect(await marked.count()).toBe(1);
  expect(await marked.innerText()).toContain('已改动');
  await page.locator('#officer-changes').scrollIntoViewIfNeeded();
  await shot('03-base-sees-changes');
});

it('asks a member with a submitted application to wait for the union to confirm a new name, which an officer confirms', async () => {
  const { page, shot } = phone;
  await arrange.applyAs('demo-worker-3');
  await as('demo-worker-3');
  await openFresh(page, stack.url, '/packages/profile/pages/form/index');
  await typeInto(page, 'field-name', '王大利');
  const id17 = '41272619880808351';
  await typeInto(page, 'field-id-number', id17 + idNumberCheckChar(id17));
  await typeInto(page, 'field-phone', '13800002003');
  await page.locator('#profile-submit').click();
  // back where the worker came from, told the change waits for the union
  await page.locator('#page-notice').waitFor();
  expect(await textOf('#page-notice')).toContain('要由工会确认');
  await shot('04-member-change-waits');

  await as('demo-officer-base');
  await page.locator('#tile-officer').click();
  await page.locator('#officer-programs .row-entry', { hasText: '实名信息修改确认' }).waitFor();
  expect(await textOf('#officer-programs')).toContain('待办 1 件');
  await page.locator('#officer-programs .row-entry', { hasText: '实名信息修改确认' }).click();
  const card = page.locator('.card', { hasText: '王大利' });
  await card.waitFor();
  const asked = await card.innerText();
  expect(asked).toContain('原来：王大力');
  expect(asked).toContain('改为：王大利');
  expect(asked).toContain('不变'); // the ID number stays
  await shot('05-officer-identity-change');
  await card.locator('.action', { hasText: '确认修改' }).click();
  await page.locator('#identity-done').waitFor();
  await page.locator('.empty-state', { hasText: '没有要确认的修改' }).waitFor();
  await shot('06-officer-confirmed');

  await as('demo-worker-3');
  await openFresh(page, stack.url, '/pages/mine/index');
  await page.locator('#member-info', { hasText: '王大利' }).waitFor();
});

it('lets the officers of an org read who revealed whose number, when and why', async () => {
  const { page, shot } = phone;
  const id = await arrange.applyAs('demo-worker-1');
  await arrange.call('demo-officer-base', 'POST', `/api/aid/cases/${id}/reveal`, {
    field: 'idNumber',
    purpose: 'other',
    note: '电话里核对身份',
  });
  await as('demo-officer-town');
  await page.locator('#tile-officer').click();
  await page.locator('#officer-reveal-report').click();
  await page.locator('#reveal-0').waitFor();
  const line = await textOf('#reveal-0');
  expect(line).toContain('陈立华');
  expect(line).toContain('张建国');
  expect(line).toContain('身份证号');
  expect(line).toContain('电话里核对身份');
  expect(await visibleText(page)).not.toMatch(/\d{17}[\dX]/);
  await shot('07-reveal-report');
});
