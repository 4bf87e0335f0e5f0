/**
 * 困难帮扶 review paths beside the straight one, in Chromium against the real dev server:
 * 退回补充 goes back to the worker with the reason and, resubmitted, back to the level that
 * returned it; two officers on one case cannot both act (the second sees the case as it now is);
 * a worker withdraws before the decision; an objection during 公示 holds filing until the
 * approving union decides it (filing is not offered meanwhile, and the panel says why). Steps that
 * are not the point of a test are arranged through the API.
 */
import os from 'node:os';
import path from 'node:path';
import { openPhone, type Phone } from './support/phone';
import { startE2eStack, type E2eStack } from './support/stack';
import { writeEvidencePng } from './support/evidence-photo';
import { aidApi, VISIT } from './support/aid-api';
import { LOGIN_HASH, loginAs, openFresh, switchUser, tab, textIn, visibleText } from './support/taro';

jest.setTimeout(600_000);

let stack: E2eStack;
let phone: Phone;
/** steps that are not the point of a test, arranged through the API */
let arrange: ReturnType<typeof aidApi>;

beforeAll(async () => {
  stack = await startE2eStack();
  arrange = aidApi(stack, 'review');
  phone = await openPhone('hardship-aid-review');
  await phone.page.goto(stack.url + '/');
  await phone.page.waitForURL((u) => u.hash.startsWith(LOGIN_HASH));
}, 300_000);

afterAll(async () => {
  await phone?.close();
  await stack?.stop();
});

const applyAs = (openid: string) => arrange.applyAs(openid);
const act = (openid: string, id: string, action: string, extra: Record<string, unknown> = {}) =>
  arrange.act(openid, id, action, extra);

// ---- driving the screens ----------------------------------------------------------------------

async function textOf(selector: string): Promise<string> {
  return textIn(phone.page, selector);
}

async function openCase(id: string): Promise<void> {
  await openFresh(phone.page, stack.url, `/packages/officer/pages/aid-case/index?id=${id}`);
  await phone.page.locator('#officer-case-head').waitFor();
}

async function choose(action: string): Promise<void> {
  await phone.page.locator(`#decision-${action}`).click();
}

async function fill(id: string, value: string): Promise<void> {
  await phone.page.locator(`#${id} input, #${id} textarea`).first().fill(value);
}

it('returns a case to the worker with the reason, and the resubmitted case goes back to the level that returned it', async () => {
  const { page, shot } = phone;
  const id = await applyAs('demo-worker-2');
  await act('demo-officer-base', id, 'record_visit', { visit: VISIT });
  await act('demo-officer-base', id, 'approve');

  await loginAs(page, 'login-demo-officer-town');
  await openCase(id);
  await choose('return');
  // a return needs a reason the worker can act on
  await page.locator('#decision-confirm').click();
  await expect(textOf('#decision-problem')).resolves.toContain('要职工补充什么');
  await fill('decision-comment', '请补充失业证明的照片');
  await page.locator('#decision-confirm').click();
  await page.locator('#decision-done').waitFor();
  expect(await textOf('#officer-case-head')).toContain('退回补充材料');
  await shot('01-officer-returned');

  await switchUser(page, stack.url, 'login-demo-worker-2');
  await tab(page, '消息').click();
  const message = page.locator('.message', { hasText: '需要补充材料' });
  expect(await message.innerText()).toContain('请补充失业证明的照片');
  await message.click();
  await page.locator('#aid-edit').click();
  await page.locator('#aid-returned-reason').waitFor();
  expect(await textOf('#aid-returned-reason')).toContain('请补充失业证明的照片');
  // nothing is missing: the form opens on its last step, where 重新提交 is; what was sent before
  // is all there, the bank account only masked
  expect(await textOf('#aid-steps-heading')).toContain('第 5 步');
  expect(await textOf('#bank-saved')).toContain('6217 **** **** 7890');
  await page.locator('#aid-steps-0').click();
  expect(await page.locator('#field-household-size input').inputValue()).toBe('2');

  await page.locator('#aid-steps-3').click();
  const chooser = page.waitForEvent('filechooser');
  await page.locator('#evidence-add').click();
  await (await chooser).setFiles(writeEvidencePng(path.join(os.tmpdir(), `unemployment-${process.pid}.png`)));
  await page.locator('#evidence-thumbs .thumb-image').first().waitFor();
  await shot('02-worker-adds-material');
  await page.locator('#aid-next').click();
  expect(await textOf('#aid-submit')).toBe('重新提交');
  await page.locator('#aid-submit').click();
  await page.locator('#aid-submitted').waitFor();
  // back to the 街道, which returned it, not to the start (the case page shows it once its reload answers)
  await page.locator('#aid-case-status', { hasText: '街道/镇工会审核中' }).waitFor();
  const timeline = await textOf('#aid-timeline');
  expect(timeline).toContain('退回补充');
  expect(timeline).toContain('意见：请补充失业证明的照片');
  expect(timeline).toContain('重新提交');
  await shot('03-worker-resubmitted');

  const stored = await stack.db
    .collection('aidCases')
    .findOne({ status: 'town_review', 'form.householdSize': 2 });
  expect(stored!.form.evidenceFileIds).toHaveLength(1);
});

it('lets only one of two officers act on the same case; the second sees the case as it now is', async () => {
  const { page, context, shot } = phone;
  const id = await applyAs('demo-worker-3');
  await act('demo-officer-base', id, 'record_visit', { visit: VISIT });

  await switchUser(page, stack.url, 'login-demo-officer-base');
  // the queue, narrowed by status: the case waits for the 基层 初审 decision
  await openFresh(page, stack.url, '/packages/officer/pages/aid/index');
  await page.locator('#officer-aid-filter-toggle').click();
  await page.locator('#filter-status-base_review').click();
  await page.locator(`#case-${id}`).waitFor();
  expect(await textOf('#officer-aid-list')).not.toContain('等待基层工会初审');
  await page.locator('#filter-category-relative').click();
  await page.locator('.empty-state', { hasText: '没有要办的申请' }).waitFor();
  expect(await textOf('#officer-aid-filter-toggle')).toContain('筛选（2 项）');
  await shot('04-queue-filtered');

  await openCase(id);
  const other = await context.newPage();
  await other.goto(`${stack.url}/?tab2#/packages/officer/pages/aid-case/index?id=${id}`);
  await other.locator('#decision-approve').click();
  await other.locator('#decision-confirm').click();
  await other.locator('#decision-done').waitFor();
  await other.close();

  // this page still shows the old version: its decision is refused, not applied twice
  await choose('reject');
  await fill('decision-comment', '收入超过标准');
  await page.locator('#decision-confirm').click();
  await page.locator('#decision-error').waitFor();
  expect(await textOf('#decision-error')).toContain('刚被别人处理过');
  await page.locator('#officer-readonly').waitFor();
  expect(await textOf('#officer-case-head')).toContain('街道/镇工会审核中');
  await shot('05-stale-decision-refused');
  const doc = await stack.db
    .collection('aidCases')
    .findOne({ status: 'town_review', applicantName: '王大力' });
  expect(doc!.history.map((h: { action: string }) => h.action)).toEqual([
    'submit',
    'record_visit',
    'approve',
  ]);
});

it('lets a worker withdraw before the decision, after saying once more what that means', async () => {
  const { page, shot } = phone;
  const id = await applyAs('demo-worker-5');
  await switchUser(page, stack.url, 'login-demo-worker-5');
  await openFresh(page, stack.url, `/packages/aid/pages/case/index?id=${id}`);
  await page.locator('#aid-withdraw').click();
  await page.locator('#aid-withdraw-confirm').waitFor();
  expect(await textOf('#aid-withdraw-confirm')).toContain('不再办理');
  await shot('06-withdraw-confirm');
  await page.locator('#aid-withdraw-yes').click();
  await page.locator('#aid-case-status', { hasText: '已撤回' }).waitFor();
  expect(await page.locator('#aid-withdraw').count()).toBe(0);

  // and may apply again
  await openFresh(page, stack.url, '/packages/aid/pages/index/index');
  await page.locator('#aid-start').waitFor();
  expect(await textOf('#aid-my-cases')).toContain('已撤回');
  await shot('07-can-apply-again');
});

it('holds filing while an objection made during 公示 is open, until the approving union decides it', async () => {
  const { page, shot } = phone;
  await arrange.registerWorker('e2e-objection-worker', '孙桂兰');
  const id = await applyAs('e2e-objection-worker');
  await act('demo-officer-base', id, 'record_visit', { visit: VISIT });
  await act('demo-officer-base', id, 'approve');
  await act('demo-officer-town', id, 'approve');
  await act('demo-officer-city', id, 'approve', { category: 'relative', amountFen: 400_000 });

  // another worker objects from the 公示 list, where the name is masked
  await switchUser(page, stack.url, 'login-demo-worker-1');
  await openFresh(page, stack.url, '/packages/aid/pages/publicity/index');
  const item = page.locator(`#publicity-${id}`);
  expect(await item.innerText()).toContain('孙*兰');
  await item.locator('.action', { hasText: '对这一户有异议' }).click();
  await fill('objection-text', '他家新开了一家小卖部，有稳定收入。');
  await page.locator('#objection-send').click();
  await item.locator('.notice.success').waitFor();
  await shot('08-objection-sent');

  await switchUser(page, stack.url, 'login-demo-officer-city');
  await openCase(id);
  expect(await textOf('#officer-objections')).toContain('小卖部');
  // 建档 is not offered while the objection is open; the panel says what holds it
  expect(await page.locator('#decision-file').count()).toBe(0);
  expect(await textOf('#decision-held-file')).toContain('未处理的异议');
  await shot('09-filing-held');

  await fill('objection-comment', '经核实小卖部为亲戚所开，与申请人无关');
  await page.locator('#objection-0 .action', { hasText: '不成立' }).click();
  await page.locator('#decision-done').waitFor();
  expect(await page.locator('#officer-objections').count()).toBe(0);
  expect(await page.locator('#decision-held-file').count()).toBe(0);
  await choose('file');
  await page.locator('#decision-confirm').click();
  await page.locator('#decision-done', { hasText: '已建档' }).waitFor();
  expect(await visibleText(page)).toContain('已建档，等待发放');
});

it('keeps the application form readable in 长辈版: text at least 18px, every tap target at least 60px high', async () => {
  const { page, shot } = phone;
  await switchUser(page, stack.url, 'login-demo-worker-1');
  await page.locator('#elder-toggle-home').click();
  await expect(textOf('#elder-toggle-home')).resolves.toContain('已开启');
  await openFresh(page, stack.url, '/packages/aid/pages/apply/index');
  await page.locator('#field-household-size input').fill('3');
  await page.locator('#member-1').waitFor();
  const sizes = await page.evaluate(() => {
    const visible = (el: Element) => (el as HTMLElement).offsetParent !== null;
    const heights = (selector: string) =>
      Array.from(document.querySelectorAll(selector))
        .filter(visible)
        .map((el) => el.getBoundingClientRect().height);
    const shell = Array.from(document.querySelectorAll('.shell')).find(visible) as HTMLElement;
    return {
      text: parseFloat(getComputedStyle(shell).fontSize),
      chips: heights('.chip'),
      actions: heights('.action'),
      inputs: heights('.input'),
    };
  });
  expect(sizes.text).toBeGreaterThanOrEqual(18);
  expect(sizes.chips.length).toBeGreaterThan(10);
  for (const h of [...sizes.chips, ...sizes.actions, ...sizes.inputs]) expect(h).toBeGreaterThanOrEqual(60);
  await shot('10-form-elder');
  // what is typed into 情况说明 is at least as large as the rest of the text
  await page.locator('#aid-steps-2').click();
  const box = page.locator('#field-description textarea');
  await box.fill('丈夫患病住院。');
  expect(await box.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(18);
  await shot('11-description-elder');
  await openFresh(page, stack.url, '/pages/home/index');
  await page.locator('#elder-toggle-home').click();
  await expect(textOf('#elder-toggle-home')).resolves.toContain('未开启');
});
