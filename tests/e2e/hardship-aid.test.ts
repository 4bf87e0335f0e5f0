/**
 * 困难职工帮扶 end to end, in Chromium on a phone-sized screen against the real dev server:
 * a demo worker fills the application step by step (with a photo; the draft survives a reload)
 * and sees the suggested category before submitting; the 基层, 街道 and 市 demo officers take a
 * case through home visit, three approvals, 公示 (0 days locally), 建档 and payment; the worker
 * follows each step on the timeline and gets a message for each decision. Each journey sets up
 * its own case (through the API where the earlier steps are not its point), so any one of them
 * runs alone.
 */
import os from 'node:os';
import path from 'node:path';
import { ObjectId } from 'mongodb';
import { maskIdNumber } from '../../src/contracts/idNumber';
import { openPhone, type Phone } from './support/phone';
import { startE2eStack, type E2eStack } from './support/stack';
import { writeEvidencePng } from './support/evidence-photo';
import { aidApi, VISIT } from './support/aid-api';
import { input, openFresh, signInAs, tab, textIn, typeInto, visibleText } from './support/taro';

jest.setTimeout(600_000);

let stack: E2eStack;
let phone: Phone;
let arrange: ReturnType<typeof aidApi>;

beforeAll(async () => {
  stack = await startE2eStack();
  arrange = aidApi(stack, 'aid');
  phone = await openPhone('hardship-aid');
}, 300_000);

afterAll(async () => {
  await phone?.close();
  await stack?.stop();
});

const CASE_HASH = '#/packages/aid/pages/case/index';

async function fill(id: string, value: string) {
  const field = phone.page.locator(`#${id} input, #${id} textarea`).first();
  await field.fill(value);
}

async function textOf(selector: string): Promise<string> {
  return textIn(phone.page, selector);
}

/** From the officer's home: workbench → 困难帮扶 queue → this case. */
async function openCaseAsOfficer(caseId: string): Promise<void> {
  const { page } = phone;
  await page.locator('#tile-officer').click();
  await page.locator('#officer-programs').waitFor();
  await page.locator('#officer-programs .row-entry', { hasText: '困难职工帮扶' }).click();
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

it('a worker fills in and submits an application step by step with a photo, and sees the suggestion before submitting', async () => {
  const { page, shot } = phone;
  await signInAs(page, stack.url, 'demo-worker-1');
  await page.locator('#tile-aid').click();
  await page.locator('#aid-start').waitFor();
  expect(await visibleText(page)).toContain('还没有申请');
  await shot('01-aid-home');

  // step 1: the household; its size brings the family members' cards
  await page.locator('#aid-start').click();
  await input(page, 'field-household-size').waitFor();
  expect(await textOf('#aid-steps-heading')).toContain('第 1 步，共 5 步');
  await typeInto(page, 'field-household-size', '3');
  await page.locator('#member-1').waitFor();
  // 下一步 too early says what is missing on this step instead of moving on
  await page.locator('#aid-next').click();
  await expect(textOf('#member-0')).resolves.toContain('请填写与您的关系');
  expect(await textOf('#aid-steps-heading')).toContain('第 1 步');
  await shot('02-step-household-missing');
  await fill('member-0-relation', '丈夫');
  await fill('member-0-age', '45');
  await page.locator('#member-0-work-unable').click();
  await fill('member-0-income', '0');
  await fill('member-1-relation', '儿子');
  await fill('member-1-age', '16');
  await page.locator('#member-1-work-student').click();
  await fill('member-1-income', '0');
  await page.locator('#aid-next').click();

  // step 2: money; a wrong amount is said in words next to its field, at once
  await page.locator('#aid-steps-heading', { hasText: '第 2 步' }).waitFor();
  await fill('field-income', '3万');
  await expect(textOf('#field-income-note')).resolves.toContain('按 30000 元计算');
  await fill('field-expense', '6000.555');
  await expect(textOf('#expense-error')).resolves.toContain('单位是元');
  await fill('field-expense', '6000');
  // 30 000 − 6 000 元 a year for 3 people = 666.66 元 a month, below 江城's 低保
  await page.locator('#aid-suggested-category', { hasText: '深度困难' }).waitFor();
  expect(await textOf('#aid-per-capita')).toBe('666.66 元');
  await shot('03-step-money');

  // the draft is saved by itself, and survives closing the app: it reopens where it is not done
  await page.locator('#aid-save-state', { hasText: '已自动保存' }).waitFor();
  await page.reload();
  await page.locator('#aid-steps-heading', { hasText: '第 3 步' }).waitFor();
  await page.locator('#aid-steps-1').click();
  await expect(input(page, 'field-income').inputValue()).resolves.toBe('30000');
  await page.locator('#aid-steps-0').click();
  await expect(input(page, 'field-household-size').inputValue()).resolves.toBe('3');
  await expect(input(page, 'member-1-relation').inputValue()).resolves.toBe('儿子');

  // step 3: why
  await page.locator('#aid-steps-2').click();
  await page.locator('#cause-main-illness').click();
  expect(await textOf('#cause-main-illness')).toContain('✓');
  await page.locator('#cause-secondary-schooling').click();
  await fill('field-description', '丈夫患病住院，孩子上学，家里只有我一份收入。');
  await page.locator('#aid-next').click();

  // step 4: a photo of the proof
  await page.locator('#aid-steps-heading', { hasText: '第 4 步' }).waitFor();
  const photo = writeEvidencePng(path.join(os.tmpdir(), `evidence-${process.pid}.png`));
  const chooser = page.waitForEvent('filechooser');
  await page.locator('#evidence-add').click();
  await (await chooser).setFiles(photo);
  await page.locator('#evidence-thumbs .thumb-image').first().waitFor();
  await page.locator('#aid-next').click();

  // step 5: the bank card, shown in groups of four as it is typed, then submit
  await page.locator('#aid-steps-heading', { hasText: '第 5 步' }).waitFor();
  await typeInto(page, 'field-bank', '6222021234567890123');
  expect(await input(page, 'field-bank').inputValue()).toBe('6222 0212 3456 7890 123');
  await page.locator('#aid-save-state', { hasText: '已自动保存' }).waitFor();
  await shot('04-step-bank');

  // a busy moment: the first answer to the submit is "still in progress" (409): the app asks
  // again with the same Idempotency-Key and shows the case, instead of an error
  const submitKeys: string[] = [];
  await page.route('**/api/aid/cases/*/transitions', async (route) => {
    submitKeys.push(route.request().headers()['idempotency-key'] ?? '');
    if (submitKeys.length > 1) return route.continue();
    await route.fulfill({
      status: 409,
      contentType: 'application/json',
      body: JSON.stringify({
        error: { code: 'REQUEST_IN_PROGRESS', message: '上一次提交还在处理中，请稍候' },
      }),
    });
  });
  await page.locator('#aid-submit').click();
  await page.waitForURL((u) => u.hash.startsWith(CASE_HASH));
  await page.locator('#aid-submitted').waitFor();
  await page.unroute('**/api/aid/cases/*/transitions');
  expect(submitKeys).toHaveLength(2);
  expect(submitKeys[1]).toBe(submitKeys[0]);
  expect(await textOf('#aid-case-status')).toContain('等待基层工会初审');
  expect(await textOf('#aid-timeline')).toContain('提交申请');
  expect(await textOf('#fact-bank')).toBe('收款银行卡\n6222 **** **** 0123');
  await shot('05-submitted');

  const stored = await stack.db.collection('aidCases').findOne({ applicantName: '张建国' });
  expect(stored).toMatchObject({
    status: 'submitted',
    form: { householdSize: 3, annualIncomeFen: 3_000_000, rigidExpenseFen: 600_000 },
  });
  expect(stored!.form.householdMembers).toHaveLength(2);
  expect(stored!.form.evidenceFileIds).toHaveLength(1);
  expect(JSON.stringify(stored)).not.toContain('6222021234567890123');
});

it('the 基层 officer records the home visit and approves; the case is then read-only to them', async () => {
  const { page, shot } = phone;
  await arrange.registerWorker('e2e-aid-base', '周玉梅');
  const caseId = await arrange.applyAs('e2e-aid-base');

  await signInAs(page, stack.url, 'demo-officer-base');
  await page.locator('#tile-officer').click();
  await expect(textOf('#officer-programs')).resolves.toContain('待办');
  await page.locator('#officer-programs .row-entry', { hasText: '困难职工帮扶' }).click();
  await page.locator(`#case-${caseId}`).waitFor();
  expect(await textOf(`#case-${caseId}`)).toContain('周玉梅');
  await shot('06-officer-queue');
  await page.locator(`#case-${caseId}`).click();
  await page.locator('#officer-case-head').waitFor();

  // the ID number is masked until asked for, with a purpose, and the look is audited
  const member = await stack.db.collection('members').findOne({ openid: 'e2e-aid-base' });
  const masked = (member!.idNumberMasked as string) ?? '';
  expect(await textOf('#applicant-id-number')).toContain(masked);
  await page.locator('#applicant-id-number-reveal').click();
  await page.locator('#applicant-id-number-ask').waitFor();
  await page.locator('#applicant-id-number-confirm').click();
  expect(await textOf('#applicant-id-number-error')).toContain('为什么要查看');
  await page.locator('#applicant-id-number-purpose-verify_identity').click();
  await shot('07a-officer-reveal-purpose');
  await page.locator('#applicant-id-number-confirm').click();
  // shown in groups of four, to be checked against the card
  const shown = await textOf('#applicant-id-number-full');
  expect(shown).toMatch(/^\d{4} \d{4} \d{4} \d{4} \d{1}[\dX]$/);
  const full = shown.replace(/ /g, '');
  expect(maskIdNumber(full)).toBe(masked);
  const audit = await stack.db.collection('auditLog').findOne({ action: 'pii.revealed', entityId: caseId });
  expect(audit).toMatchObject({ data: { field: 'idNumber', purpose: 'verify_identity' } });
  await shot('07-officer-case');

  // approving is not offered before the home visit: the panel says to record it first
  expect(await page.locator('#decision-approve').count()).toBe(0);
  expect(await textOf('#decision-held-approve')).toContain('请先记录入户核查');
  await decide('record_visit', () => fill('visit-findings', '入户核实：家中两口人，女儿上初中，情况属实。'));
  await decide('approve', () => fill('decision-comment', '情况属实，同意上报'));
  await page.locator('#officer-readonly').waitFor();
  expect(await textOf('#officer-readonly')).toContain('街道/镇工会');
  expect(await page.locator('#decision-confirm').count()).toBe(0);
  await shot('08-officer-approved');
});

it('the 街道 officer approves, and the 市 officer approves with a category, files after 公示 and records the payment', async () => {
  const { page, shot } = phone;
  await arrange.registerWorker('e2e-aid-city', '钱小兵');
  const caseId = await arrange.applyAs('e2e-aid-city');
  await arrange.act('demo-officer-base', caseId, 'record_visit', { visit: VISIT });
  await arrange.act('demo-officer-base', caseId, 'approve');

  await signInAs(page, stack.url, 'demo-officer-town');
  await openCaseAsOfficer(caseId);
  expect(await textOf('#officer-visit')).toContain('情况属实');
  await decide('approve');

  await signInAs(page, stack.url, 'demo-officer-city');
  await openCaseAsOfficer(caseId);
  // here the category is required: the suggested one is preselected, the officer confirms it
  // and fixes the yearly amount (核定金额)
  await decide('approve', async () => {
    expect(await textOf('#decision-category-deep')).toContain('✓');
    await fill('payment-amount', '6000');
  });
  expect(await textOf('#officer-case-head')).toContain('公示中');

  // the 公示 list shows the name masked
  await openFresh(page, stack.url, '/packages/aid/pages/publicity/index');
  await page.locator(`#publicity-${caseId}`).waitFor();
  expect(await textOf(`#publicity-${caseId}`)).toContain('钱*兵');
  expect(await visibleText(page)).not.toContain('钱小兵');
  await shot('09-publicity');

  await openFresh(page, stack.url, `/packages/officer/pages/aid-case/index?id=${caseId}`);
  await page.locator('#officer-case-head').waitFor();
  await decide('file');
  await decide('record_payment', async () => {
    await fill('payment-amount', '2000');
    await page.locator('#payment-kind-living').click();
  });
  expect(await textOf('#officer-payments')).toContain('2000 元');
  expect((await textOf('#officer-payments-approved')).replace(/\u00a0/g, ' ')).toContain(
    '核定金额 6000 元，已发 2000 元，还可发 4000 元',
  );
  await shot('10-officer-paid');

  const ledger = await stack.db
    .collection('aidLedger')
    .find({ caseId: new ObjectId(caseId) })
    .toArray();
  expect(ledger.map((l) => l.amountFen)).toEqual([200_000]);
});

it('the worker sees every step on the timeline and a message for each decision, with the amount paid', async () => {
  const { page, shot } = phone;
  await arrange.registerWorker('e2e-aid-paid', '吴秀珍');
  const caseId = await arrange.applyAs('e2e-aid-paid');
  await arrange.toPublicity(caseId);
  await arrange.act('demo-officer-city', caseId, 'file');
  const filed = await arrange.call('demo-officer-city', 'GET', `/api/aid/cases/${caseId}`);
  await arrange.call('demo-officer-city', 'POST', `/api/aid/cases/${caseId}/payments`, {
    amountFen: 200_000,
    kind: 'living',
    version: filed.version,
  });

  await signInAs(page, stack.url, 'e2e-aid-paid');
  await tab(page, '消息').click();
  await page.locator('.message').first().waitFor();
  const messages = await visibleText(page);
  for (const title of [
    '困难帮扶申请已提交',
    '工会已上门了解情况',
    '困难帮扶申请：江城机械厂工会已通过',
    '困难帮扶申请：花园街道总工会已通过',
    '困难帮扶申请：江城市总工会已审批通过',
    '公示结束，已登记为困难职工',
    '帮扶金 2000 元已发放',
  ]) {
    expect(messages).toContain(title);
  }
  await shot('11-messages');

  await page.locator('.message', { hasText: '帮扶金 2000 元已发放' }).click();
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
  await shot('12-timeline-paid');
});
