/**
 * 困难职工帮扶 end to end, in Chromium on a phone-sized screen against the real dev server:
 * a demo worker fills the application (with a photo; the draft survives a reload), sees the
 * suggested category before submitting; the 基层, 街道 and 市 demo officers take the case through
 * home visit, three approvals, 公示 (0 days locally), 建档 and payment; the worker follows each
 * step on the timeline and gets a message for each decision.
 */
import os from 'node:os';
import path from 'node:path';
import { maskIdNumber } from '../../src/contracts/idNumber';
import { openPhone, type Phone } from './support/phone';
import { startE2eStack, type E2eStack } from './support/stack';
import { writeEvidencePng } from './support/evidence-photo';
import {
  input,
  LOGIN_HASH,
  loginAs,
  openFresh,
  switchUser,
  tab,
  typeInto,
  visibleText,
} from './support/taro';

jest.setTimeout(600_000);

let stack: E2eStack;
let phone: Phone;

beforeAll(async () => {
  stack = await startE2eStack();
  phone = await openPhone('hardship-aid');
}, 300_000);

afterAll(async () => {
  await phone?.close();
  await stack?.stop();
});

const CASE_HASH = '#/packages/aid/pages/case/index';
let caseId = '';

async function fill(id: string, value: string) {
  const field = phone.page.locator(`#${id} input, #${id} textarea`).first();
  await field.fill(value);
}

async function textOf(selector: string): Promise<string> {
  return phone.page.locator(selector).innerText();
}

/** From the officer's home: workbench → 困难帮扶 queue → this case. */
async function openCaseAsOfficer(): Promise<void> {
  const { page } = phone;
  await page.locator('#tile-officer').click();
  await page.locator('#officer-programs').waitFor();
  await page.locator('#officer-programs .row-entry', { hasText: '困难职工帮扶' }).click();
  await page.locator(`#case-${caseId}`).waitFor();
  await page.locator(`#case-${caseId}`).click();
  await page.locator('#officer-case-head').waitFor();
}

async function decide(action: string, fillIn?: () => Promise<void>): Promise<void> {
  const { page } = phone;
  await page.locator(`#decision-${action}`).click();
  if (fillIn) await fillIn();
  await page.locator('#decision-confirm').click();
  await page.locator('#decision-done').waitFor();
}

it('a worker fills in and submits an application with a photo, and sees the suggestion before submitting', async () => {
  const { page, shot } = phone;
  await page.goto(stack.url + '/');
  await page.waitForURL((u) => u.hash.startsWith(LOGIN_HASH));
  await loginAs(page, 'login-demo-worker-1');
  await page.locator('#tile-aid').click();
  await page.locator('#aid-start').waitFor();
  expect(await visibleText(page)).toContain('还没有申请');
  await shot('01-aid-home');

  await page.locator('#aid-start').click();
  await input(page, 'field-household-size').waitFor();
  await typeInto(page, 'field-household-size', '3');
  await fill('field-income', '30000');
  await fill('field-expense', '6000');
  await page.locator('#cause-main-illness').click();
  // the draft is saved by itself, and survives closing the app
  await page.locator('#aid-save-state', { hasText: '已自动保存' }).waitFor();
  await page.reload();
  await input(page, 'field-household-size').waitFor();
  await expect(input(page, 'field-household-size').inputValue()).resolves.toBe('3');
  await expect(input(page, 'field-income').inputValue()).resolves.toBe('30000');
  expect(await textOf('#cause-main-illness')).toContain('✓');

  // a wrong amount is said in words next to its field, at once
  await fill('field-expense', '6000.555');
  await expect(textOf('#expense-error')).resolves.toContain('单位是元');
  await fill('field-expense', '6000');

  // submitting too early says what is missing instead of sending
  await page.locator('#aid-submit').click();
  await expect(textOf('#aid-form-error')).resolves.toContain('家庭成员');
  await expect(textOf('#members-error')).resolves.toContain('请填 2 位家庭成员');
  await shot('02-form-missing');

  await page.locator('#member-add').click();
  await page.locator('#member-add').click();
  await fill('member-0-relation', '丈夫');
  await fill('member-0-age', '45');
  await page.locator('#member-0-work-unable').click();
  await fill('member-0-income', '0');
  await fill('member-1-relation', '儿子');
  await fill('member-1-age', '16');
  await page.locator('#member-1-work-student').click();
  await fill('member-1-income', '0');
  await page.locator('#cause-secondary-schooling').click();
  await fill('field-description', '丈夫患病住院，孩子上学，家里只有我一份收入。');
  await fill('field-bank', '6222021234567890123');

  // 30 000 − 6 000 元 a year for 3 people = 666.67 元 a month, below 江城's 低保
  await page.locator('#aid-suggested-category', { hasText: '深度困难' }).waitFor();
  expect(await textOf('#aid-assessment')).toContain('666.66 元');

  const photo = writeEvidencePng(path.join(os.tmpdir(), `evidence-${process.pid}.png`));
  const chooser = page.waitForEvent('filechooser');
  await page.locator('#evidence-add').click();
  await (await chooser).setFiles(photo);
  await page.locator('#evidence-thumbs .thumb-image').first().waitFor();
  await page.locator('#aid-save-state', { hasText: '已自动保存' }).waitFor();
  await shot('03-form-filled');

  await page.locator('#aid-submit').click();
  await page.waitForURL((u) => u.hash.startsWith(CASE_HASH));
  await page.locator('#aid-submitted').waitFor();
  caseId = new URL(page.url().replace('#', '')).searchParams.get('id') ?? '';
  expect(caseId).toMatch(/^[a-f0-9]{24}$/);
  expect(await textOf('#aid-case-status')).toContain('等待基层工会初审');
  expect(await textOf('#aid-timeline')).toContain('提交申请');
  expect(await textOf('#fact-bank')).toBe('收款银行卡\n6222 **** **** 0123');
  await shot('04-submitted');

  const stored = await stack.db.collection('aidCases').findOne({ applicantName: '张建国' });
  expect(stored).toMatchObject({
    status: 'submitted',
    form: { householdSize: 3, annualIncomeFen: 3_000_000 },
  });
  expect(stored!.form.evidenceFileIds).toHaveLength(1);
  expect(JSON.stringify(stored)).not.toContain('6222021234567890123');
});

it('the 基层 officer records the home visit and approves; the case is then read-only to them', async () => {
  const { page, shot } = phone;
  await switchUser(page, stack.url, 'login-demo-officer-base');
  await page.locator('#tile-officer').click();
  await expect(textOf('#officer-programs')).resolves.toContain('待办 1 件');
  await page.locator('#officer-programs .row-entry', { hasText: '困难职工帮扶' }).click();
  await page.locator(`#case-${caseId}`).waitFor();
  expect(await textOf(`#case-${caseId}`)).toContain('张建国');
  await shot('05-officer-queue');
  await page.locator(`#case-${caseId}`).click();
  await page.locator('#officer-case-head').waitFor();

  // the ID number is masked until asked for, with a purpose, and the look is audited
  const member = await stack.db.collection('members').findOne({ openid: 'demo-worker-1' });
  const masked = (member!.idNumberMasked as string) ?? '';
  expect(await textOf('#applicant-id-number')).toContain(masked);
  await page.locator('#applicant-id-number-reveal').click();
  await page.locator('#applicant-id-number-ask').waitFor();
  await page.locator('#applicant-id-number-confirm').click();
  expect(await textOf('#applicant-id-number-error')).toContain('为什么要查看');
  await page.locator('#applicant-id-number-purpose-verify_identity').click();
  await shot('06a-officer-reveal-purpose');
  await page.locator('#applicant-id-number-confirm').click();
  const full = await textOf('#applicant-id-number-full');
  expect(full).toHaveLength(18);
  expect(maskIdNumber(full)).toBe(masked);
  const audit = await stack.db.collection('auditLog').findOne({ action: 'pii.revealed', entityId: caseId });
  expect(audit).toMatchObject({ data: { field: 'idNumber', purpose: 'verify_identity' } });
  await shot('06-officer-case');

  // approving before the home visit is not offered as done: record it first
  await decide('record_visit', () => fill('visit-findings', '入户核实：家中三口人，丈夫住院，情况属实。'));
  await decide('approve', () => fill('decision-comment', '情况属实，同意上报'));
  await page.locator('#officer-readonly').waitFor();
  expect(await textOf('#officer-readonly')).toContain('街道/镇工会');
  expect(await page.locator('#aid-decide').count()).toBe(0);
  await shot('07-officer-approved');
});

it('the 街道 officer approves, and the 市 officer approves with a category, files after 公示 and records the payment', async () => {
  const { page, shot } = phone;
  await switchUser(page, stack.url, 'login-demo-officer-town');
  await openCaseAsOfficer();
  expect(await textOf('#officer-visit')).toContain('丈夫住院');
  await decide('approve');

  await switchUser(page, stack.url, 'login-demo-officer-city');
  await openCaseAsOfficer();
  // the suggested category is preselected; the officer confirms it and fixes the yearly amount
  await decide('approve', async () => {
    expect(await textOf('#decision-category-deep')).toContain('✓');
    await fill('payment-amount', '6000');
  });
  expect(await textOf('#officer-case-head')).toContain('公示中');

  // the 公示 list shows the name masked
  await openFresh(page, stack.url, '/packages/aid/pages/publicity/index');
  await page.locator(`#publicity-${caseId}`).waitFor();
  expect(await textOf(`#publicity-${caseId}`)).toContain('张*国');
  expect(await visibleText(page)).not.toContain('张建国');
  await shot('08-publicity');

  await openFresh(page, stack.url, `/packages/officer/pages/aid-case/index?id=${caseId}`);
  await page.locator('#officer-case-head').waitFor();
  await decide('file');
  await decide('record_payment', async () => {
    await fill('payment-amount', '2000');
    await page.locator('#payment-kind-living').click();
  });
  expect(await textOf('#officer-payments')).toContain('2000 元');
  expect(await textOf('#officer-payments-approved')).toContain(
    '核定金额 6000 元，已发 2000 元，还可发 4000 元',
  );
  await shot('09-officer-paid');

  const ledger = await stack.db
    .collection('aidLedger')
    .find({ applicantId: { $exists: true } })
    .toArray();
  expect(ledger.filter((l) => String(l.caseId) === caseId).map((l) => l.amountFen)).toEqual([200_000]);
});

it('the worker sees every step on the timeline and a message for each decision', async () => {
  const { page, shot } = phone;
  await switchUser(page, stack.url, 'login-demo-worker-1');
  await tab(page, '消息').click();
  await page.locator('.message').first().waitFor();
  const messages = await visibleText(page);
  for (const title of [
    '困难帮扶申请已提交',
    '已完成入户核查',
    '困难帮扶申请：江城机械厂工会已通过',
    '困难帮扶申请：花园街道总工会已通过',
    '困难帮扶申请：江城市总工会已通过',
    '公示结束，已建档',
    '帮扶金已发放',
  ]) {
    expect(messages).toContain(title);
  }
  await shot('10-messages');

  await page.locator('.message', { hasText: '帮扶金已发放' }).click();
  await page.waitForURL((u) => u.hash.startsWith(CASE_HASH));
  await page.locator('#aid-timeline').waitFor();
  const timeline = await textOf('#aid-timeline');
  for (const step of [
    '提交申请',
    '记录入户核查',
    '初审通过',
    '审核通过',
    '审批通过',
    '公示结束，建档',
    '记录发放',
  ]) {
    expect(timeline).toContain(step);
  }
  // who acted is the union, never the officer's own name
  expect(timeline).toContain('江城机械厂工会（基层工会）');
  expect(timeline).toContain('花园街道总工会');
  expect(timeline).not.toContain('陈立华');
  expect(await textOf('#aid-case-status')).toContain('已发放');
  expect(await textOf('#aid-payments')).toContain('2000 元');
  await shot('11-timeline-paid');
});
