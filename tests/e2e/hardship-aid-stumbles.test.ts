/**
 * What workers and officers stumbled on in 困难帮扶 (a walk-through on a phone, issue 14), each
 * journey checked as they would meet it, in Chromium at 390×844 against the real dev server:
 * a blank amount stays blank; amounts are read as people type them; the 情况说明 box takes the
 * tap and the app's font; a failed submit leads to each problem; the profile sends the worker
 * back to what they were doing; the officer's queue starts with the cases; the decision panel
 * offers only what is open, keeps still under the finger and says what happened where it is
 * seen; a second identical payment is asked about on the page; messages name the amount and the
 * card; a removed family member can be put back. Each journey sets up its own case.
 */
import { openPhone, type Phone } from './support/phone';
import { startE2eStack, type E2eStack } from './support/stack';
import { aidApi, VISIT } from './support/aid-api';
import { input, openFresh, signInAs, tab, textIn, typeInto, visibleText } from './support/taro';
import type { Page } from 'playwright-core';
import { ObjectId } from 'mongodb';
import { idNumberCheckChar } from '../../src/contracts/idNumber';

jest.setTimeout(600_000);

let stack: E2eStack;
let phone: Phone;
let arrange: ReturnType<typeof aidApi>;

beforeAll(async () => {
  stack = await startE2eStack();
  arrange = aidApi(stack, 'stumbles');
  phone = await openPhone('hardship-aid-stumbles');
}, 300_000);

afterAll(async () => {
  await phone?.close();
  await stack?.stop();
});

const APPLY = '/packages/aid/pages/apply/index';

async function textOf(selector: string): Promise<string> {
  return textIn(phone.page, selector);
}

async function fill(id: string, value: string): Promise<void> {
  await phone.page.locator(`#${id} input, #${id} textarea`).first().fill(value);
}

/** Problems said on the page that a reader can see. */
async function visibleProblems(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.field-error'))
      .filter((e) => e.offsetParent !== null)
      .map((e) => e.innerText),
  );
}

/** Whether the element is inside the phone's screen (below the title bar, above the bottom). */
async function onScreen(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).boundingBox();
  return box !== null && box.y >= 40 && box.y + Math.min(box.height, 100) <= 844;
}

/** Every "figure unit" (666.66 元, 3 人) in the element that is split over two lines. */
async function splitFigures(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluate((root) => {
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) nodes.push(walker.currentNode as Text);
    const text = nodes.map((n) => n.data).join('');
    const at = (offset: number): [Text, number] => {
      for (const n of nodes) {
        if (offset <= n.data.length) return [n, offset];
        offset -= n.data.length;
      }
      return [nodes[nodes.length - 1], nodes[nodes.length - 1].data.length];
    };
    const split: string[] = [];
    for (const m of text.matchAll(/\d[\d.]*[ \u00a0]?(元|人)/g)) {
      const range = document.createRange();
      range.setStart(...at(m.index!));
      range.setEnd(...at(m.index! + m[0].length));
      const tops = new Set(
        Array.from(range.getClientRects())
          .filter((r) => r.width > 0)
          .map((r) => Math.round(r.top)),
      );
      if (tops.size > 1) split.push(m[0]);
    }
    return split;
  });
}

it('brings back a blank amount blank after a reload, and marks nothing before it is the worker’s turn', async () => {
  const { page, shot } = phone;
  await arrange.registerWorker('e2e-blank', '冯桂香');
  await signInAs(page, stack.url, 'e2e-blank');
  await openFresh(page, stack.url, APPLY);
  await typeInto(page, 'field-household-size', '3');
  await page.locator('#aid-steps-2').click();
  await page.locator('#cause-main-illness').click();
  await page.locator('#aid-save-state', { hasText: '已自动保存' }).waitFor();

  await page.reload();
  await page.locator('#aid-steps-heading', { hasText: '第 1 步' }).waitFor();
  expect(await input(page, 'field-household-size').inputValue()).toBe('3');
  // the household size is fine as it is; the empty cards are the worker's next job, not yet an error
  expect(await visibleProblems(page)).toEqual([]);
  await page.locator('#aid-steps-1').click();
  expect(await input(page, 'field-income').inputValue()).toBe('');
  expect(await input(page, 'field-expense').inputValue()).toBe('');
  expect(await visibleProblems(page)).toEqual([]);
  // no estimate is made up from money never entered
  expect(await page.locator('#aid-suggested-category').count()).toBe(0);
  expect(await textOf('#aid-assessment')).toContain('填好家庭人口、年收入和刚性支出后');
  await shot('01-blank-money-stays-blank');
});

it('reads amounts as people type them, says plainly what it cannot read, and keeps each figure with its unit', async () => {
  const { page, shot } = phone;
  await arrange.registerWorker('e2e-money', '褚国强');
  await signInAs(page, stack.url, 'e2e-money');
  await openFresh(page, stack.url, APPLY);
  await typeInto(page, 'field-household-size', '3');
  await page.locator('#aid-steps-1').click();
  // a text box with the decimal keypad: the browser's number input dropped the 万 without a word
  expect(await input(page, 'field-income').getAttribute('type')).toBe('text');
  expect(await input(page, 'field-income').getAttribute('inputmode')).toBe('decimal');
  await typeInto(page, 'field-income', '3万6');
  await expect(textOf('#field-income-note')).resolves.toBe('按 36000 元计算');
  await typeInto(page, 'field-expense', '三千');
  await expect(textOf('#expense-error')).resolves.toContain('看不懂“三千”');
  await typeInto(page, 'field-expense', '0');
  // (36 000 − 0) ÷ 12 ÷ 3 = 1000 元 a month
  await page.locator('#aid-per-capita', { hasText: '1000 元' }).waitFor();
  await shot('02-money-as-typed');

  // no phone width splits a figure from its unit, in normal text or in 长辈版
  for (const elder of [false, true]) {
    if (elder) {
      await page.evaluate(() => localStorage.setItem('display.elder', JSON.stringify({ data: true })));
      await page.reload();
      await page.locator('#aid-steps-1').click();
      await page.locator('#aid-per-capita').waitFor();
    }
    for (let width = 320; width <= 430; width += 6) {
      await page.setViewportSize({ width, height: 844 });
      expect({ width, elder, split: await splitFigures(page, '#aid-assessment') }).toEqual({
        width,
        elder,
        split: [],
      });
    }
  }
  await page.setViewportSize({ width: 390, height: 844 });
  await shot('03-estimate-elder');
  await page.evaluate(() => localStorage.removeItem('display.elder'));

  // the bank card shows in groups of four and is kept without spaces
  await page.reload();
  await page.locator('#aid-steps-4').click();
  await typeInto(page, 'field-bank', '6222 0212 3456 7890 123');
  expect(await input(page, 'field-bank').inputValue()).toBe('6222 0212 3456 7890 123');
  await input(page, 'field-bank').blur();
  await page.locator('#aid-save-state', { hasText: '已自动保存' }).waitFor();
  const stored = await stack.db.collection('aidCases').findOne({ applicantName: '褚国强' });
  expect(stored!.form.bankAccountMasked).toBe('6222 **** **** 0123');
  expect(stored!.form.annualIncomeFen).toBe(3_600_000);
});

it('writes 情况说明 in the app’s font and size, and opens the keyboard wherever the box is tapped', async () => {
  const { page, shot } = phone;
  await arrange.registerWorker('e2e-textbox', '卫红梅');
  await signInAs(page, stack.url, 'e2e-textbox');
  await openFresh(page, stack.url, APPLY);
  await page.locator('#aid-steps-2').click();
  const box = page.locator('#field-description');
  await box.waitFor();
  // a tap near the bottom of the box reaches the text
  const { x, y, width, height } = (await box.boundingBox())!;
  await page.mouse.click(x + width / 2, y + height * 0.85);
  expect(await page.evaluate(() => document.activeElement?.closest('#field-description') !== null)).toBe(
    true,
  );
  await page.keyboard.type('丈夫患病住院');
  const style = await page.locator('#field-description textarea').evaluate((el) => ({
    font: getComputedStyle(el).fontFamily,
    size: parseFloat(getComputedStyle(el).fontSize),
  }));
  expect(style.font).not.toContain('monospace');
  expect(style.size).toBeGreaterThanOrEqual(17);
  await shot('04-description-box');
});

it('leads from a failed submit to each problem: the list names them as links, and the page goes to the first', async () => {
  const { page, shot } = phone;
  await arrange.registerWorker('e2e-submit', '蒋大海');
  await signInAs(page, stack.url, 'e2e-submit');
  await openFresh(page, stack.url, APPLY);
  await typeInto(page, 'field-household-size', '1');
  await page.locator('#aid-steps-4').click();
  await typeInto(page, 'field-bank', '6222021234567890123');
  await page.locator('#aid-submit').click();
  const list = page.locator('#aid-form-problems');
  await list.waitFor();
  expect(await list.innerText()).toContain('还有 4 项');
  expect(await onScreen(page, '#aid-form-problems')).toBe(true);
  await shot('05-submit-problems');

  // a problem's link opens its step with the field in view
  await page.locator('#aid-form-problems .problem-link', { hasText: '情况说明' }).click();
  await page.locator('#aid-steps-heading', { hasText: '第 3 步' }).waitFor();
  await page.waitForTimeout(200);
  expect(await onScreen(page, '#field-description-field')).toBe(true);
  expect(await textOf('#description-error')).toContain('请用几句话');
  await shot('06-went-to-problem');
});

it('takes a worker who came from 困难帮扶 to register their real name back to 困难帮扶, with the ID number grouped', async () => {
  const { page, shot } = phone;
  await signInAs(page, stack.url, `e2e-newcomer-${process.pid}`);
  await page.locator('#tile-aid').click();
  await page.locator('#aid-profile-needed .link-text').click();
  await page.locator('#consent-agree').click();
  await input(page, 'field-name').waitFor();

  // saving too early lists what is missing; the list shrinks as fields are fixed, and goes
  await page.locator('#profile-submit').click();
  await page.locator('#form-problems').waitFor();
  expect(await textOf('#form-problems')).toContain('姓名');
  await shot('07-profile-missing');
  await typeInto(page, 'field-name', '韩春生');
  await expect(textOf('#form-problems')).resolves.not.toContain('姓名');
  await typeInto(page, 'field-id-number', '33010619800101123' + '1');
  expect(await input(page, 'field-id-number').inputValue()).toMatch(/^3301 0619 8001 0112 3\d$/);
  const id17 = '33010619800101123';
  await typeInto(page, 'field-id-number', id17 + idNumberCheckChar(id17));
  await page.locator('#id-number-ok').waitFor();
  await typeInto(page, 'field-phone', '13712345678');
  await page.locator('.org-option', { hasText: '东湖区总工会' }).click();
  await page.locator('.org-option', { hasText: '花园街道总工会' }).click();
  await page.locator('.org-option', { hasText: '江城机械厂工会' }).click();
  expect(await page.locator('#form-problems').count()).toBe(0);
  await shot('08-profile-filled');

  await page.locator('#profile-submit').click();
  // back where they started, told it is saved, and able to apply now
  await page.locator('#aid-start').waitFor();
  expect(await textOf('#page-notice')).toContain('实名信息已保存');
  expect(page.url()).toContain('/packages/aid/pages/index/index');
  await shot('09-back-to-aid');
});

it('shows the officer’s cases on the first screen, with the filters folded into one row', async () => {
  const { page, shot } = phone;
  await arrange.registerWorker('e2e-queue', '杨丽');
  const id = await arrange.applyAs('e2e-queue');
  await arrange.act('demo-officer-base', id, 'record_visit', { visit: VISIT });
  await arrange.act('demo-officer-base', id, 'approve');
  await arrange.act('demo-officer-town', id, 'approve');

  await signInAs(page, stack.url, 'demo-officer-city');
  await openFresh(page, stack.url, '/packages/officer/pages/aid/index');
  await page.locator(`#case-${id}`).waitFor();
  expect(await onScreen(page, `#case-${id}`)).toBe(true);
  expect(await textOf('#officer-aid-filter-toggle')).toContain('筛选：全部申请');
  expect(await page.locator('#filter-org').count()).toBe(0);
  await shot('10-queue-cases-first');
  await page.locator('#officer-aid-filter-toggle').click();
  await page.locator('#filter-org').waitFor();
  await shot('11-queue-filters-open');
});

it('offers an officer only what is open now, keeps the choices still under the finger, and says what happened on screen', async () => {
  const { page, shot } = phone;
  await arrange.registerWorker('e2e-panel', '朱晓燕');
  const id = await arrange.applyAs('e2e-panel');

  await signInAs(page, stack.url, 'demo-officer-base');
  await openFresh(page, stack.url, `/packages/officer/pages/aid-case/index?id=${id}`);
  await page.locator('#officer-case-head').waitFor();
  // 初审通过 waits for the home visit: not offered, and the reason is given
  expect(await page.locator('#decision-approve').count()).toBe(0);
  expect(await textOf('#decision-held-approve')).toContain('请先记录入户核查');
  // the timeline is not the worker's: no "基层工会会联系您"
  expect(await textOf('#officer-timeline')).not.toContain('下一步');

  // choosing does not move the choices
  const boxes = () =>
    page.locator('#decision .chip').evaluateAll((chips) =>
      chips.map((c) => {
        const r = c.getBoundingClientRect();
        return [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)];
      }),
    );
  const before = await boxes();
  await page.locator('#decision-record_visit').click();
  expect(await boxes()).toEqual(before);

  // the 核查情况 box takes the tap anywhere, in the app's font
  const box = page.locator('#visit-findings');
  const b = (await box.boundingBox())!;
  await page.mouse.click(b.x + b.width / 2, b.y + b.height * 0.85);
  await page.keyboard.type('入户核实：家中两口人，情况属实。');
  expect(await page.locator('#visit-findings textarea').inputValue()).toContain('入户核实');
  await page.locator('#decision-confirm').click();
  await page.locator('#decision-done').waitFor();
  await page.waitForTimeout(200);
  expect(await onScreen(page, '#decision-done')).toBe(true);
  await shot('12-visit-recorded');

  // an optional category (可以先不定) starts with nothing chosen; the suggestion is a hint
  await page.locator('#decision-approve').click();
  expect(await textOf('#aid-decide')).toContain('困难类别（可以先不定）');
  expect(await textOf('#decision-category')).not.toContain('✓');
  expect(await textOf('#aid-decide')).toContain('系统初步判断');
  await shot('13-approve-category-open');
  await page.locator('#decision-confirm').click();
  await page.locator('#decision-done').waitFor();
  await page.waitForTimeout(200);
  expect(await onScreen(page, '#decision-done')).toBe(true);
  const stored = await stack.db.collection('aidCases').findOne({ applicantName: '朱晓燕' });
  expect(stored!.category).toBeNull();
});

it('asks on the page before a second identical payment, and the worker is told the amount and the card', async () => {
  const { page, shot } = phone;
  await arrange.registerWorker('e2e-pay', '秦建华');
  const id = await arrange.applyAs('e2e-pay');
  await arrange.toPublicity(id);
  await arrange.act('demo-officer-city', id, 'file');

  await signInAs(page, stack.url, 'demo-officer-city');
  await openFresh(page, stack.url, `/packages/officer/pages/aid-case/index?id=${id}`);
  const pay = async () => {
    await page.locator('#decision-record_payment').click();
    await fill('payment-amount', '2000');
    await page.locator('#payment-kind-living').click();
    await page.locator('#decision-confirm').click();
  };
  await page.locator('#decision-record_payment').waitFor();
  await pay();
  await page.locator('#decision-done', { hasText: '发放已记录到台账' }).waitFor();
  // done: the form is closed, nothing is marked wrong under the green notice
  expect(await page.locator('#payment-amount').count()).toBe(0);
  expect(await visibleProblems(page)).toEqual([]);
  await shot('14-paid-once');

  const ledger = () => stack.db.collection('aidLedger').countDocuments({ caseId: new ObjectId(id) });
  const before = await ledger();
  await pay();
  await page.locator('#decision-ask').waitFor();
  expect(await textOf('#decision-ask')).toContain('已记录过一笔生活救助 2000 元');
  expect(await ledger()).toBe(before);
  await shot('15-repeat-asked');
  await page.locator('#decision-cancel').click();
  expect(await page.locator('#decision-ask').count()).toBe(0);
  expect(await ledger()).toBe(before);

  // asked again and confirmed: a second payment is recorded, on purpose
  await page.locator('#decision-confirm').click();
  await page.locator('#decision-ask').waitFor();
  await page.locator('#decision-confirm').click();
  await page.locator('#decision-done').waitFor();
  expect(await ledger()).toBe(before + 1);

  await signInAs(page, stack.url, 'e2e-pay');
  await tab(page, '消息').click();
  const paid = page.locator('.message', { hasText: '帮扶金 2000 元已发放' }).first();
  await paid.waitFor();
  expect(await paid.innerText()).toContain('尾号 7890 的银行卡');
  const all = await visibleText(page);
  expect(all).toContain('登记为困难职工');
  expect(all).not.toContain('无异议后建档');
  await shot('16-messages-amount');
});

it('lets a worker put back a family member removed by mistake, and says a returned case’s reason once', async () => {
  const { page, shot } = phone;
  await arrange.registerWorker('e2e-undo', '许文静');
  const id = await arrange.applyAs('e2e-undo', {
    householdSize: 3,
    householdMembers: [
      { relation: '女儿', age: 12, workStatus: 'student', annualIncomeFen: 0 },
      { relation: '母亲', age: 70, workStatus: 'retired', annualIncomeFen: 120_000 },
    ],
  });
  await arrange.act('demo-officer-base', id, 'return', { comment: '请补充失业证明的照片。' });

  await signInAs(page, stack.url, 'e2e-undo');
  await openFresh(page, stack.url, `${APPLY}?id=${id}`);
  await page.locator('#aid-returned-reason').waitFor();
  expect(await textOf('#aid-returned-reason')).toContain('请补充失业证明的照片。');
  expect(await textOf('#aid-returned-reason')).not.toContain('。。');

  await page.locator('#aid-steps-0').click();
  await page.locator('#member-0-remove').click();
  await page.locator('#member-removed').waitFor();
  expect(await textOf('#member-removed')).toContain('已删除第 1 位家庭成员（女儿）');
  expect(await input(page, 'field-household-size').inputValue()).toBe('2');
  await shot('17-member-removed');
  await page.locator('#member-undo').click();
  expect(await input(page, 'member-0-relation').inputValue()).toBe('女儿');
  expect(await input(page, 'field-household-size').inputValue()).toBe('3');
  expect(await page.locator('#member-removed').count()).toBe(0);

  // status tags and unread marks are as large as the text around them
  await openFresh(page, stack.url, `/packages/aid/pages/case/index?id=${id}`);
  await page.locator('.timeline-tag').first().waitFor();
  const tagSize = await page
    .locator('.timeline-tag')
    .first()
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(tagSize).toBeGreaterThanOrEqual(16);
  // and the suggestion is said once: "深度困难：…", not "深度困难。深度困难：…"
  expect(await textOf('#fact-suggested')).not.toMatch(/(深度困难|相对困难|意外致困).*\1/);
  await openFresh(page, stack.url, '/pages/messages/index');
  await page.locator('.message .badge').first().waitFor();
  const badgeSize = await page
    .locator('.message .badge')
    .first()
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(badgeSize).toBeGreaterThanOrEqual(16);
  await shot('18-messages-badges');
});
