/**
 * 消息, the in-app message centre: empty in plain words at first; a message arrives unread
 * (said in words, not only by colour), tapping it marks it read on the server and opens its page.
 */
import { notify } from '../../cloud/core/notifications/repository';
import { openPhone, type Phone } from './support/phone';
import { startE2eStack, type E2eStack } from './support/stack';
import { LOGIN_HASH, loginAs, signedInMemberId, tab, visibleText } from './support/taro';

jest.setTimeout(300_000);

let stack: E2eStack;
let phone: Phone;

beforeAll(async () => {
  stack = await startE2eStack();
  phone = await openPhone('message-centre');
}, 300_000);

afterAll(async () => {
  await phone?.close();
  await stack?.stop();
});

it('says plainly when there are no messages, counts a new one on the 消息 tab and on 首页, and marks it read when it is opened', async () => {
  const { page, shot } = phone;
  await page.goto(stack.url + '/');
  await page.waitForURL((u) => u.hash.startsWith(LOGIN_HASH));
  await loginAs(page, 'login-new-member');

  await tab(page, '消息').click();
  await page.locator('.empty-state').waitFor();
  expect(await visibleText(page)).toContain('还没有消息');
  await shot('01-empty');

  const memberId = await signedInMemberId(page);
  await notify(stack.db, {
    memberId,
    title: '困难帮扶申请需要补充材料',
    body: '请补充上传医院诊断证明。',
    link: '/packages/aid/pages/index/index',
    dedupeKey: 'e2e-message-1',
  });

  // 首页 and the 消息 tab say how many are unread
  await tab(page, '首页').click();
  await expect(page.locator('#home-unread').innerText()).resolves.toContain('您有 1 条未读消息');
  await expect(tab(page, '消息').locator('.taro-tabbar-badge').innerText()).resolves.toBe('1');
  await shot('01b-home-unread');

  // the list is read again whenever the tab is shown
  await tab(page, '消息').click();
  const message = page.locator('.message', { hasText: '困难帮扶申请需要补充材料' });
  await message.waitFor();
  await expect(message.innerText()).resolves.toContain('未读');
  expect(await visibleText(page)).toContain('有 1 条未读消息');
  await shot('02-unread');

  await message.click();
  // the link opens 困难帮扶, which first asks this new member to register their real name
  await page.locator('#aid-profile-needed').waitFor();
  await shot('03-opened-link');
  // the app marks it read in the background; wait for the server to have it
  const isRead = async () =>
    (await stack.db.collection('notifications').findOne({ dedupeKey: 'e2e-message-1' }))?.read === true;
  for (let i = 0; i < 50 && !(await isRead()); i++) await new Promise((r) => setTimeout(r, 100));
  expect(await isRead()).toBe(true);

  await page.goBack();
  await expect(message.innerText()).resolves.not.toContain('未读');
  expect(await visibleText(page)).toContain('消息都已读过');
  // nothing unread: no count on the tab, no row on 首页
  expect(await tab(page, '消息').locator('.taro-tabbar-badge').count()).toBe(0);
  await shot('04-read');
});

it('sends the worker back to the login page when the server no longer accepts the session', async () => {
  const { page, shot } = phone;
  await tab(page, '首页').click();
  // a token the server did not sign (expired or forged): every call answers 401
  await page.evaluate(() => {
    const raw = localStorage.getItem('session.token');
    const forged = 'forged.token.value';
    localStorage.setItem(
      'session.token',
      raw && raw.startsWith('{') ? JSON.stringify({ data: forged }) : forged,
    );
  });
  await page.reload();
  await page.waitForURL((u) => u.hash.startsWith(LOGIN_HASH));
  await page.locator('#login-new-member').waitFor();
  expect(await page.evaluate(() => localStorage.getItem('session.token'))).toBeNull();
  // one login page, not one per request that was refused
  expect(await page.locator('#login-new-member').count()).toBe(1);
  await shot('05-back-to-login');
});
