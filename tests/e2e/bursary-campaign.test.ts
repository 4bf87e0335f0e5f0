/**
 * 金秋助学设置 end to end, in Chromium on a phone-sized screen against the real dev server: a
 * 区 officer (西山区, which has no campaign yet) sets this year's campaign from the published
 * defaults — a form the cloud refused, corrected and saved, goes through (corrected content is a
 * new request: the refused one keeps its answer under its Idempotency-Key) — and changes its
 * amounts and 公示 days while no one has applied; the 市 officer, whose seeded campaign has an application, is shown that only the
 * closing day can change now.
 */
import { ObjectId } from 'mongodb';
import { CURRENT_CONSENT_VERSION } from '../../src/contracts/members';
import { chinaYearOf } from '../../cloud/platform/time/china-day';
import { childApplication } from '../support/children';
import { freshIdNumber } from '../support/people';
import { openPhone, type Phone } from './support/phone';
import { startE2eStack, type E2eStack } from './support/stack';
import { openFresh, signInAs, textIn, typeInto } from './support/taro';

jest.setTimeout(600_000);

let stack: E2eStack;
let phone: Phone;

beforeAll(async () => {
  stack = await startE2eStack();
  phone = await openPhone('bursary-campaign');
}, 300_000);

afterAll(async () => {
  await phone?.close();
  await stack?.stop();
});

const CAMPAIGN_PAGE = '/packages/officer/pages/bursary-campaign/index';
const year = chinaYearOf(new Date());

/** A member made an officer of `orgId` in the database (as an administrator would), signed in. */
async function officerOf(openid: string, orgId: string): Promise<void> {
  const login = await fetch(`${stack.url}/api/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid }),
  });
  expect(login.status).toBe(200);
  const org = await stack.db.collection('orgs').findOne({ _id: orgId as never });
  await stack.db.collection('members').updateOne(
    { openid },
    {
      $set: {
        name: '测试干部',
        roles: ['worker', 'officer'],
        officerOrgId: orgId,
        officerLevel: org!.level,
        officerOrgPath: org!.path,
      },
    },
  );
  await signInAs(phone.page, stack.url, openid);
}

const text = (selector: string) => textIn(phone.page, selector);

it('a 区 officer sets this year’s campaign, corrects a refused form, and changes its terms before anyone applies', async () => {
  const { page, shot } = phone;
  await officerOf('e2e-xishan-district', 'c1d2');
  await openFresh(page, stack.url, '/packages/officer/pages/bursary/index');
  await page.locator('#officer-campaign-entry').click();
  await page.locator('#campaign-save').waitFor();
  expect(await text('#campaign-save')).toContain(`保存 ${year} 年的设置`);

  // no amount at all for 研究生: the cloud refuses it in words, and nothing is set
  for (const group of ['on_file', 'newly_filed', 'temporary'])
    await typeInto(page, `amount-postgraduate-${group}`, '');
  await page.locator('#campaign-save').click();
  await page.locator('#campaign-error').waitFor();
  expect(await text('#campaign-error')).toContain('请填写研究生的资助金额');
  await shot('01-refused');
  expect(await stack.db.collection('bursaryCampaigns').countDocuments({ orgId: 'c1d2' })).toBe(0);

  // corrected and saved: other content, so a new request (the refused one keeps its answer)
  await typeInto(page, 'amount-postgraduate-on_file', '5000');
  await page.locator('#campaign-save').click();
  await page.locator('#campaign-set').waitFor();
  expect(await text('#campaign-facts')).toContain(`西山区总工会 ${year} 年金秋助学`);
  expect(await text('#campaign-applications')).toContain('已收到 0 份申请');
  await shot('02-set');

  // no one has applied: every term can change
  await page.locator('#campaign-edit').click();
  await page.locator('#campaign-save').waitFor();
  expect(await text('#campaign-save')).toBe('保存修改');
  await typeInto(page, 'amount-undergraduate-on_file', '5500');
  await typeInto(page, 'campaign-days', '7');
  await shot('03-editing');
  await page.locator('#campaign-save').click();
  await page.locator('#campaign-set').waitFor();
  expect(await text('#campaign-set')).toContain('修改已保存');
  const facts = await text('#campaign-facts');
  expect(facts).toContain('5500 元');
  expect(facts).toContain('7 天');
  await shot('04-saved');
  const stored = await stack.db.collection('bursaryCampaigns').findOne({ orgId: 'c1d2', year });
  expect([stored!.publicityDays, stored!.amounts.undergraduate.on_file, stored!.version]).toEqual([
    7, 550_000, 2,
  ]);
});

it('the 市 officer, whose campaign already has an application, may change only the closing day', async () => {
  const { page, shot } = phone;
  // a parent of 江城机械厂 applies through the API (not the point here)
  const parentLogin = await fetch(`${stack.url}/api/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid: 'e2e-campaign-parent' }),
  });
  const { token } = (await parentLogin.json()) as { token: string };
  const call = (method: string, path: string, body: unknown) =>
    fetch(`${stack.url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'idempotency-key': `e2e-campaign-${new ObjectId().toHexString()}`,
      },
      body: JSON.stringify(body),
    });
  expect(
    (
      await call('PUT', '/api/members/me', {
        name: '测试家长',
        idNumber: freshIdNumber(),
        phone: '13800001111',
        orgId: 'c1d1t1b1',
        consentVersion: CURRENT_CONSENT_VERSION,
      })
    ).status,
  ).toBe(200);
  expect(
    (await call('POST', '/api/bursary/applications', childApplication({ admissionYear: year - 1 }))).status,
  ).toBe(201);

  await signInAs(page, stack.url, 'demo-officer-city');
  await openFresh(page, stack.url, CAMPAIGN_PAGE);
  await page.locator('#campaign-applications').waitFor();
  expect(await text('#campaign-applications')).toMatch(/已收到 [1-9]\d* 份申请/);
  await page.locator('#campaign-edit').click();
  await page.locator('#campaign-closing-only').waitFor();
  expect(await text('#campaign-closing-only')).toContain('只能改报名截止日期');
  // only the closing day is offered: no amounts, no levels
  expect(await page.locator('#campaign-closes').count()).toBe(1);
  expect(await page.locator('#campaign-levels, #campaign-days, #campaign-opens').count()).toBe(0);
  await shot('05-closing-only');
  await page.locator('#campaign-cancel').click();
  await page.locator('#campaign-facts').waitFor();
});
