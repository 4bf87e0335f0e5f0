/**
 * 金秋助学 end to end, in Chromium on a phone-sized screen against the real dev server (the demo
 * seed: this year's campaign of 江城市总工会 open today, 0 days of 公示; 钱桂芳's household on
 * file): 钱桂芳 registers her daughter, the form saying at once whether the child looks eligible
 * and for how much (and why not, when a question is answered yes); the 基层 officer finds the
 * application on the workbench and approves it; the 街道 approves; the 市 officer changes the
 * amount — refused without a reason, accepted with one — grants it after 公示 and records the
 * payment; the worker follows every step on the timeline and in 消息. A parent who corrects a
 * returned application is told, once the correction is saved and before resubmitting, that
 * changing the school (which the 基层 checked) sends it back to the 基层, which then sees the
 * change marked and may see the parent's ID number in full for its check, saying why.
 */
import os from 'node:os';
import path from 'node:path';
import { idNumberCheckChar, maskIdNumber } from '../../src/contracts/idNumber';
import { childApplication } from '../support/children';
import { aidApi } from './support/aid-api';
import { writeEvidencePng } from './support/evidence-photo';
import { openPhone, type Phone } from './support/phone';
import { startE2eStack, type E2eStack } from './support/stack';
import {
  LOGIN_HASH,
  loginAs,
  openFresh,
  signInAs,
  switchUser,
  tab,
  textIn,
  visibleText,
} from './support/taro';

jest.setTimeout(600_000);

let stack: E2eStack;
let phone: Phone;

beforeAll(async () => {
  stack = await startE2eStack();
  phone = await openPhone('bursary');
}, 300_000);

afterAll(async () => {
  await phone?.close();
  await stack?.stop();
});

const CASE_HASH = '#/packages/bursary/pages/case/index';
const CHILD_ID = '33010620060512002' + idNumberCheckChar('33010620060512002');
let applicationId = '';

async function fill(id: string, value: string) {
  await phone.page.locator(`#${id} input, #${id} textarea`).first().fill(value);
}

async function textOf(selector: string): Promise<string> {
  return textIn(phone.page, selector);
}

async function decide(action: string, fillIn?: () => Promise<void>): Promise<void> {
  const { page } = phone;
  await page.locator(`#decision-${action}`).click();
  if (fillIn) await fillIn();
  await page.locator('#decision-confirm').click();
  await page.locator('#decision-done').waitFor();
}

async function openApplicationAsOfficer(): Promise<void> {
  await openFresh(phone.page, stack.url, `/packages/officer/pages/bursary-case/index?id=${applicationId}`);
  await phone.page.locator('#officer-case-head').waitFor();
}

it('a worker on file registers her daughter; the form says at once that she is eligible and for how much, or why not', async () => {
  const { page, shot } = phone;
  await page.goto(stack.url + '/');
  await page.waitForURL((u) => u.hash.startsWith(LOGIN_HASH));
  await loginAs(page, 'login-demo-worker-6');
  await page.locator('#tile-bursary').click();
  await page.locator('#bursary-campaign').waitFor();
  // the group comes from the union's records: her hardship case was filed, nobody asked her
  expect(await textOf('#bursary-group')).toContain('新建档困难职工子女。工会记录：');
  expect(await textOf('#bursary-amounts')).toContain('5000 元');
  await shot('01-campaign');

  await page.locator('#bursary-start').click();
  await page.locator('#field-child-name').waitFor();
  expect(await textOf('#bursary-eligibility')).toContain('填好后');
  await fill('field-child-name', '钱小雨');
  await fill('field-child-id', CHILD_ID.slice(0, 17) + (CHILD_ID[17] === '1' ? '2' : '1'));
  await expect(textOf('#child-id-error')).resolves.toContain('校验码');
  await fill('field-child-id', CHILD_ID);
  expect(await page.locator('#child-id-error').count()).toBe(0);
  await page.locator('#field-level-undergraduate').click();
  await fill('field-school', '浙江工业大学');
  const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
  await page.locator(`#field-year-${year - 1}`).click();
  for (const q of ['military', 'free_teacher', 'directed', 'aided_elsewhere'])
    await page.locator(`#answer-${q}-no`).click();
  await page.locator('#bursary-eligibility.yes').waitFor();
  expect(await textOf('#bursary-eligibility')).toContain('看起来符合条件，可申请 5000 元');

  // a yes to an exclusion is answered at once, with the reason
  await page.locator('#answer-directed-yes').click();
  await page.locator('#bursary-eligibility.no').waitFor();
  expect(await textOf('#bursary-eligibility')).toContain('定向生由定向单位资助');
  await shot('02-form-not-eligible');
  await page.locator('#answer-directed-no').click();
  await page.locator('#bursary-eligibility.yes').waitFor();

  const chooser = page.waitForEvent('filechooser');
  await page.locator('#proof-add').click();
  await (await chooser).setFiles(writeEvidencePng(path.join(os.tmpdir(), `admission-${process.pid}.png`)));
  await page.locator('#proof-thumbs .thumb-image').first().waitFor();

  // the guardian's consent is asked before anything is sent
  await page.locator('#bursary-submit').click();
  await expect(textOf('#bursary-form-problem')).resolves.toContain('1 项');
  await page.locator('#field-consent-agree').click();
  await shot('03-form-eligible');

  await page.locator('#bursary-submit').click();
  await page.waitForURL((u) => u.hash.startsWith(CASE_HASH));
  await page.locator('#bursary-submitted').waitFor();
  applicationId = new URL(page.url().replace('#', '')).searchParams.get('id') ?? '';
  expect(applicationId).toMatch(/^[a-f0-9]{24}$/);
  expect(await textOf('#bursary-case-status')).toContain('等待基层工会初审');
  expect(await textOf('#fact-child-id')).toContain(maskIdNumber(CHILD_ID));
  expect(await visibleText(page)).not.toContain(CHILD_ID);
  await shot('04-submitted');

  const stored = await stack.db.collection('bursaryApplications').findOne({ 'child.name': '钱小雨' });
  expect(stored).toMatchObject({ status: 'submitted', group: 'newly_filed', standardAmountFen: 500_000 });
  expect(stored!.proofFileIds).toHaveLength(1);
  expect(JSON.stringify(stored)).not.toContain(CHILD_ID);
});

it('the 基层 officer finds it on the workbench among the work waiting at their level and approves; the 街道 approves', async () => {
  const { page, shot } = phone;
  await switchUser(page, stack.url, 'login-demo-officer-base');
  await page.locator('#tile-officer').click();
  await page.locator('#officer-waiting').waitFor();
  expect(await textOf('#officer-programs')).toContain('金秋助学');
  expect(await textOf(`#waiting-${applicationId}`)).toContain('金秋助学');
  await shot('05-workbench');
  await page.locator(`#waiting-${applicationId}`).click();
  await page.locator('#officer-case-head').waitFor();
  expect(await textOf('#officer-case-head')).toContain('钱小雨（家长 钱桂芳）');
  await page.locator('#bursary-proof .thumb-image').first().waitFor();
  await decide('approve', () => fill('decision-comment', '录取通知书核对无误'));
  await page.locator('#officer-readonly').waitFor();

  await switchUser(page, stack.url, 'login-demo-officer-town');
  await openFresh(page, stack.url, '/packages/officer/pages/bursary/index');
  await page.locator(`#case-${applicationId}`).waitFor();
  await page.locator('#officer-bursary-filter-toggle').click();
  await page.locator('#filter-level-high_school').click();
  await page.locator('.empty-state', { hasText: '没有要办的申请' }).waitFor();
  await page.locator('#filter-level-undergraduate').click();
  await page.locator(`#case-${applicationId}`).click();
  await page.locator('#officer-case-head').waitFor();
  await decide('approve');
});

it('the 市 officer changes the amount only with a reason, grants it after 公示 and records the payment', async () => {
  const { page, shot } = phone;
  await switchUser(page, stack.url, 'login-demo-officer-city');
  await openApplicationAsOfficer();
  await page.locator('#decision-approve').click();
  // the table's amount is there to start from, and the standard said beside it
  await expect(page.locator('#payment-amount input').inputValue()).resolves.toBe('5000');
  expect(await textOf('#bursary-decide')).toContain('标准 5000 元');
  await fill('payment-amount', '4500');
  await page.locator('#decision-confirm').click();
  await page.locator('#decision-error').waitFor();
  expect(await textOf('#decision-error')).toContain('写明原因');
  await shot('06-officer-amount-needs-reason');
  await fill('decision-comment', '学校已减免 500 元学费');
  await page.locator('#decision-confirm').click();
  await page.locator('#decision-done').waitFor();
  expect(await textOf('#officer-case-head')).toContain('公示中');
  expect(await textOf('#fact-approved')).toContain('4500 元（学校已减免 500 元学费）');
  await shot('07-officer-decision');

  await openFresh(page, stack.url, '/packages/bursary/pages/publicity/index');
  await page.locator(`#publicity-${applicationId}`).waitFor();
  expect(await textOf(`#publicity-${applicationId}`)).toContain('钱*雨（家长 钱*芳）');
  expect(await visibleText(page)).not.toContain('钱小雨');
  await shot('08-publicity');

  await openApplicationAsOfficer();
  await decide('grant');
  await decide('record_payment');
  expect(await textOf('#officer-payments')).toContain('4500 元');
  await shot('09-officer-paid');

  const ledger = await stack.db.collection('aidLedger').find({ program: 'bursary' }).toArray();
  expect(ledger.map((l) => [String(l.caseId), l.amountFen, l.kind])).toEqual([
    [applicationId, 450_000, 'schooling'],
  ]);
});

it('the worker sees every step on the timeline and a message for each', async () => {
  const { page, shot } = phone;
  await switchUser(page, stack.url, 'login-demo-worker-6');
  await tab(page, '消息').click();
  await page.locator('.message', { hasText: '金秋助学金已发放' }).waitFor();
  const messages = await visibleText(page);
  for (const title of [
    '金秋助学申请已提交',
    '金秋助学：江城机械厂工会已通过',
    '金秋助学：花园街道总工会已通过',
    '金秋助学：审批通过',
    '金秋助学：公示结束，已批准',
    '金秋助学金已发放',
  ])
    expect(messages).toContain(title);

  await page.locator('.message', { hasText: '金秋助学金已发放' }).click();
  await page.waitForURL((u) => u.hash.startsWith(CASE_HASH));
  await page.locator('#bursary-timeline').waitFor();
  const timeline = await textOf('#bursary-timeline');
  for (const step of ['提交申请', '初审通过', '审核通过', '审批通过', '公示结束，批准发放', '记录发放'])
    expect(timeline).toContain(step);
  expect(timeline).toContain('意见：学校已减免 500 元学费');
  expect(timeline).toContain('江城机械厂工会（基层工会）');
  expect(timeline).not.toContain('陈立华');
  expect(await textOf('#bursary-case-status')).toContain('助学金已发放');
  expect(await textOf('#bursary-payments')).toContain('4500 元');
  await page.locator('#bursary-proof .thumb-image').first().waitFor();
  await shot('10-worker-timeline');
});

it('a parent who corrects a returned application is told before resubmitting that a new school goes back to the 基层, which sees the change and checks the parent', async () => {
  const { page, shot } = phone;
  // arranged through the API: 张建国 registers his son; the 基层 passes it, the 街道 asks for proof
  const { call } = aidApi(stack, 'bursary');
  const created = await call('demo-worker-1', 'POST', '/api/bursary/applications', childApplication());
  const id = created.id!;
  const act = async (openid: string, action: string, extra: Record<string, unknown> = {}) => {
    const { version } = await call(openid, 'GET', `/api/bursary/applications/${id}`);
    await call(openid, 'POST', `/api/bursary/applications/${id}/transitions`, { action, version, ...extra });
  };
  await act('demo-officer-base', 'approve');
  await act('demo-officer-town', 'return', { comment: '请补充在读证明', facts: ['proof'] });

  await signInAs(page, stack.url, 'demo-worker-1');
  await openFresh(page, stack.url, `/packages/bursary/pages/apply/index?id=${id}`);
  await page.locator('#bursary-returned-reason').waitFor();
  await fill('field-school', '江城大学');
  expect(await textOf('#bursary-submit')).toContain('保存修改');
  await page.locator('#bursary-submit').click();
  await page.locator('#bursary-form-changes-note').waitFor();
  const note = await textOf('#bursary-form-changes-note');
  expect(note).toContain('学校');
  expect(note).toContain('由基层工会重新核对');
  expect(await textOf('#bursary-form-changes')).toContain('原来：浙江工业大学');
  await page.locator('#bursary-form-changes').scrollIntoViewIfNeeded();
  await shot('11-parent-told-before-resubmitting');
  expect(await textOf('#bursary-submit')).toContain('重新提交');
  await page.locator('#bursary-submit').click();
  await page.locator('#bursary-case-status', { hasText: '等待基层工会初审' }).waitFor();
  await shot('12-parent-resubmitted-to-base');

  await signInAs(page, stack.url, 'demo-officer-base');
  await openFresh(page, stack.url, `/packages/officer/pages/bursary-case/index?id=${id}`);
  await page.locator('#officer-changes').waitFor();
  const changes = await textOf('#officer-changes');
  expect(changes).toContain('学校');
  expect(changes).toContain('现在：江城大学');
  const marked = page.locator('#bursary-case-facts .fact-changed');
  expect(await marked.count()).toBe(1);
  expect(await marked.innerText()).toContain('已改动');
  // the parent's number, in full only for the 基层's check and only with a reason
  await page.locator('#applicant-id-number-reveal').click();
  await page.locator('#applicant-id-number-purpose-verify_identity').click();
  await page.locator('#applicant-id-number-confirm').click();
  const shown = await textOf('#applicant-id-number-full');
  expect(shown.replace(/ /g, '')).toBe('33010619700101123' + idNumberCheckChar('33010619700101123'));
  await page.locator('#officer-changes').scrollIntoViewIfNeeded();
  await shot('13-base-sees-change-and-parent');
});
