/**
 * In the mini program: a new WeChat user signs in with 微信一键登录, gives the separate consent
 * for the ID number, and saves the real-name profile; afterwards 我的 shows it masked, and the
 * session kept in storage survives a restart of the mini program.
 */
import { idNumberCheckChar, maskIdNumber } from '../../../src/contracts/idNumber';
import { CURRENT_CONSENT_VERSION } from '../../../src/contracts/members';
import { startJourney, type Journey } from '../support/journey';

jest.setTimeout(120_000);

const ID17 = '33010619820304123';
const ID = ID17 + idNumberCheckChar(ID17);

let j: Journey;

beforeAll(async () => {
  j = await startJourney();
}, 300_000);

afterAll(async () => {
  await j?.stop();
});

it('a new member logs in with WeChat, gives consent and saves the real-name profile', async () => {
  const { mp, phone, stack } = j;
  const openid = `wx-new-${process.pid}`;
  const home = await j.signIn(openid);
  // the code wx.login returned was one the WeChat stand-in minted for this user
  expect(phone.calls.map((c) => c.api)).toContain('login');
  expect(stack.server.wechat!.calls.some((c) => c.path === '/sns/jscode2session')).toBe(true);
  expect(phone.calls.find((c) => c.url?.endsWith('/api/auth/wx-login'))?.status).toBe(200);
  await home.waitFor(() => home.has('profile-prompt'));
  expect(home.textOf('profile-prompt')).toContain('您还没有登记实名信息');
  expect(home.has('tile-officer')).toBe(false);

  const mine = await mp.switchTab('/pages/mine/index');
  await mine.waitFor(() => mine.has('entry-profile'));
  expect(mine.textOf('entry-profile')).toContain('未登记');
  await mine.tap('entry-profile');

  const consent = mp.current;
  expect(consent.route).toBe('packages/profile/pages/consent/index');
  await consent.waitFor(() => consent.has('consent-agree'));
  expect(consent.text()).toContain('加密');
  expect(consent.text()).toContain(CURRENT_CONSENT_VERSION);
  expect(consent.has('field-id-number')).toBe(false);
  expect(consent.isEnabled('consent-agree')).toBe(true);
  await consent.tap('consent-agree');

  await consent.waitFor(() => mp.current.route === 'packages/profile/pages/form/index');
  const form = mp.current;
  // consent replaced itself with the form: back from the form goes to 我的, not to consent again
  expect(mp.stack.map((p) => p.route)).toEqual(['pages/mine/index', 'packages/profile/pages/form/index']);
  await form.waitFor(() => form.has('field-name'));
  await form.type('field-name', '孙小明');
  await form.type('field-id-number', ID);
  await form.waitFor(() => form.has('id-number-ok'));
  await form.type('field-phone', '13712345678');
  await form.tapText('org-option', '东湖区总工会');
  await form.tapText('org-option', '花园街道总工会');
  await form.tapText('org-option', '顺达物流公司工会');
  await form.waitFor(() => form.has('org-chosen'));
  expect(form.textOf('org-chosen')).toContain('顺达物流公司工会');
  expect(form.isEnabled('profile-submit')).toBe(true);
  await form.tap('profile-submit');

  // saved: back to 我的, where the worker came from, which says so
  await form.waitFor(() => mp.current.route === 'pages/mine/index');
  const mineAfter = mp.current;
  expect(mp.stack).toHaveLength(1);
  await mineAfter.waitFor(() => mineAfter.has('page-notice'));
  expect(mineAfter.textOf('page-notice')).toContain('实名信息已保存');
  expect(mineAfter.textOf('page-notice')).toContain(maskIdNumber(ID));
  const stored = await stack.db.collection('members').findOne({ openid });
  expect(stored).toMatchObject({ name: '孙小明', orgId: expect.any(String) });
  await mineAfter.waitFor('孙小明');
  expect(mineAfter.text()).not.toContain(ID);
  expect(mineAfter.textOf('mine-id-number')).toBe(maskIdNumber(ID));
  expect(mineAfter.text()).toContain('顺达物流公司工会');
  expect(mineAfter.textOf('entry-profile')).toContain('已登记');

  // a restart keeps the session: storage holds it, no second login
  const logins = phone.calls.filter((c) => c.api === 'login').length;
  const again = await mp.reLaunch('/pages/home/index');
  await again.waitFor('孙小明，您好');
  expect(again.has('profile-prompt')).toBe(false);
  expect(phone.calls.filter((c) => c.api === 'login')).toHaveLength(logins);
  // nothing on the way threw or logged an error or warning
  mp.assertNoProblems();
});
