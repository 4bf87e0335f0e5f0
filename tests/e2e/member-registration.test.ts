/**
 * A new worker registers their real-name information in the H5 build, in Chromium on a phone-sized
 * screen, against the real dev server: separate consent first, an ID number mistake explained in
 * words, the org chosen down to a 基层工会, and afterwards the ID number only ever shown masked.
 * Also: the officer workbench entry appears for officers only, and 长辈版 enlarges text and targets.
 */
import { ID_NUMBER_PROBLEM_TEXT, idNumberCheckChar, maskIdNumber } from '../../src/contracts/idNumber';
import { ERRORS } from '../../src/contracts/errors';
import { CURRENT_CONSENT_VERSION } from '../../src/contracts/members';
import { openPhone, type Phone } from './support/phone';
import { startE2eStack, type E2eStack } from './support/stack';
import { input, LOGIN_HASH, loginAs, logout, tab, typeInto, visibleText } from './support/taro';

jest.setTimeout(300_000);

const ID17 = '33010619800101123';
const VALID_ID = ID17 + idNumberCheckChar(ID17);
// same digits, wrong check character
const WRONG_CHECK_ID = ID17 + (idNumberCheckChar(ID17) === '4' ? '5' : '4');
const MASKED_ID = maskIdNumber(VALID_ID);
const TAKEN_ID = '33010619700101123' + idNumberCheckChar('33010619700101123');

let stack: E2eStack;
let phone: Phone;

beforeAll(async () => {
  stack = await startE2eStack();
  phone = await openPhone('member-registration');
}, 300_000);

afterAll(async () => {
  await phone?.close();
  await stack?.stop();
});

it('a new worker registers, is told in words what is wrong with an ID number, and then only sees it masked', async () => {
  const { page, shot } = phone;
  await page.goto(stack.url + '/');
  await page.waitForURL((u) => u.hash.startsWith(LOGIN_HASH));
  await page.locator('#login-new-member').waitFor();
  // the page a signed-out visitor starts on has nothing to go back to
  expect(await page.locator('.taro-navigation-bar-home').isVisible()).toBe(false);
  await shot('01-login');

  await loginAs(page, 'login-new-member');
  await page.locator('#profile-prompt').waitFor();
  expect(await page.locator('#tile-officer').count()).toBe(0);
  await shot('02-home-new-member');

  await tab(page, '我的').click();
  await page.locator('#entry-profile').waitFor();
  await shot('03-mine-before');
  await page.locator('#entry-profile').click();

  // separate consent for sensitive data, before any ID number is asked for
  await page.locator('#consent-agree').waitFor();
  expect(await input(page, 'field-id-number').count()).toBe(0);
  const consentText = await visibleText(page);
  expect(consentText).toContain('加密');
  expect(consentText).toContain('撤回');
  expect(consentText).toContain(CURRENT_CONSENT_VERSION);
  await shot('04-consent');

  // the first attempt is lost on the way (poor signal): the client retries by itself, with the
  // same Idempotency-Key, so the server can tell it is the same consent and not a second one
  const keys: string[] = [];
  await page.route('**/api/members/me/consent', async (route) => {
    keys.push(route.request().headers()['idempotency-key'] ?? '');
    if (keys.length === 1) await route.abort('failed');
    else await route.continue();
  });
  await page.locator('#consent-agree').click();
  await input(page, 'field-name').waitFor();
  await page.unroute('**/api/members/me/consent');
  expect(keys).toHaveLength(2);
  expect(keys[0]).toMatch(/^[A-Za-z0-9_-]{8,128}$/);
  expect(keys[1]).toBe(keys[0]);

  await input(page, 'field-name').waitFor();
  await typeInto(page, 'field-name', '孙小明');
  await typeInto(page, 'field-id-number', WRONG_CHECK_ID);
  await expect(page.locator('#id-number-error').innerText()).resolves.toContain(
    ID_NUMBER_PROBLEM_TEXT.checksum,
  );
  await shot('05-id-number-wrong');

  // a typo in the birth date is named as such
  await typeInto(page, 'field-id-number', '330106198013011235');
  await expect(page.locator('#id-number-error').innerText()).resolves.toContain(
    ID_NUMBER_PROBLEM_TEXT.birthdate,
  );

  await typeInto(page, 'field-id-number', VALID_ID);
  await page.locator('#id-number-ok').waitFor();
  expect(await page.locator('#id-number-error').count()).toBe(0);
  await typeInto(page, 'field-phone', '13712345678');

  // the org tree, one level at a time, down to a 基层工会
  await page.locator('.org-option', { hasText: '东湖区总工会' }).click();
  await page.locator('.org-option', { hasText: '花园街道总工会' }).click();
  await shot('06-org-choose-base');
  await page.locator('.org-option', { hasText: '顺达物流公司工会' }).click();
  await expect(page.locator('#org-chosen').innerText()).resolves.toContain(
    '江城市总工会 → 东湖区总工会 → 花园街道总工会 → 顺达物流公司工会',
  );
  await shot('07-form-filled');

  // the server's answer is said in words next to the field it concerns: this number belongs to
  // a seeded worker (demo-worker-1), and one ID number can register only once
  await typeInto(page, 'field-id-number', TAKEN_ID);
  await page.locator('#profile-submit').click();
  await expect(page.locator('#id-number-error').innerText()).resolves.toContain(
    ERRORS.ID_NUMBER_TAKEN.message,
  );
  // and beside the button, as a link to the field
  await expect(page.locator('#form-problems').innerText()).resolves.toContain(ERRORS.ID_NUMBER_TAKEN.message);
  await shot('07b-id-number-taken');

  await typeInto(page, 'field-id-number', VALID_ID);
  await page.locator('#id-number-ok').waitFor();
  // the number shows in groups of four while it is typed, to be checked against the card
  expect(await input(page, 'field-id-number').inputValue()).toBe(VALID_ID.replace(/(.{4})(?=.)/g, '$1 '));
  expect(await page.locator('#form-problems').count()).toBe(0);
  await page.locator('#profile-submit').click();
  // saved: back to 我的, where they came from, which says so
  await page.locator('#page-notice').waitFor();
  await expect(page.locator('#page-notice').innerText()).resolves.toContain('实名信息已保存');
  await expect(page.locator('#page-notice').innerText()).resolves.toContain(MASKED_ID);
  await expect(page.locator('#mine-id-number').innerText()).resolves.toBe(MASKED_ID);
  await shot('08-saved');
  await expectNowhere(VALID_ID);

  const mine = await visibleText(page);
  expect(mine).toContain('孙小明');
  expect(mine).toContain('顺达物流公司工会');
  await shot('09-mine-after');
  await expectNowhere(VALID_ID);

  // coming back to the form shows the masked number, never the full one, and asks to re-enter
  await page.locator('#entry-profile').click();
  await page.locator('#id-number-registered').waitFor();
  await expect(page.locator('#id-number-registered').innerText()).resolves.toContain(MASKED_ID);
  expect(await input(page, 'field-id-number').inputValue()).toBe('');
  await shot('10-form-registered');
  await expectNowhere(VALID_ID);

  // the org can also be found by name; results are grouped under their 街道 with the full chain
  await page.locator('#org-change').click();
  await typeInto(page, 'org-search', '机械');
  const results = page.locator('#org-search-results');
  await expect(results.innerText()).resolves.toContain('江城市总工会 → 东湖区总工会 → 花园街道总工会');
  await shot('10b-org-search');
  await results.locator('.org-option', { hasText: '江城机械厂工会' }).click();
  await expect(page.locator('#org-chosen').innerText()).resolves.toContain('花园街道总工会 → 江城机械厂工会');
  await page.goBack();
  await page.locator('#entry-logout').waitFor();
});

it('shows the 工会干部工作台 to an officer and not to a worker', async () => {
  const { page, shot } = phone;
  const token = await page.evaluate(() => {
    const raw = localStorage.getItem('session.token');
    const stored = raw ? (JSON.parse(raw) as { data?: string } | string) : null;
    return typeof stored === 'string' ? stored : (stored?.data ?? null);
  });
  expect(token).toBeTruthy();
  await logout(page);
  // 退出登录 ended the session on the server too: the old token is refused
  const after = await fetch(`${stack.url}/api/members/me`, { headers: { authorization: `Bearer ${token}` } });
  expect(after.status).toBe(401);

  await loginAs(page, 'login-demo-officer-base');
  await page.locator('#tile-officer').waitFor();
  await shot('11-home-officer');
  await page.locator('#tile-officer').click();
  await page.locator('#officer-programs').waitFor();
  const workbench = await visibleText(page);
  expect(workbench).toContain('江城机械厂工会');
  expect(workbench).toContain('困难职工帮扶');
  await shot('12-officer-workbench');

  await page.goBack();
  await logout(page);
  await loginAs(page, 'login-demo-worker-1');
  await page.locator('.page-title', { hasText: '张建国' }).waitFor();
  expect(await page.locator('#tile-officer').count()).toBe(0);
  expect(await visibleText(page)).not.toContain('工会干部工作台');
  await shot('13-home-worker');
});

it('长辈版 makes the main text at least 18px and tap targets at least 60px high, and is remembered', async () => {
  const { page, shot } = phone;
  // measured on the home page that is showing (Taro keeps hidden tab pages in the DOM)
  const measure = () =>
    page.evaluate(() => {
      const tile = document.querySelector('#tile-aid') as HTMLElement;
      const toggle = document.querySelector('#elder-toggle-home') as HTMLElement;
      const shell = tile.closest('.shell') as HTMLElement;
      const s = getComputedStyle(shell);
      return {
        text: parseFloat(s.fontSize),
        lineHeight: parseFloat(s.lineHeight) / parseFloat(s.fontSize),
        tileHeight: tile.getBoundingClientRect().height,
        toggleHeight: toggle.getBoundingClientRect().height,
      };
    });

  const normal = await measure();
  expect(normal.toggleHeight).toBeGreaterThanOrEqual(44);
  expect(normal.lineHeight).toBeGreaterThanOrEqual(1.3);
  await expect(page.locator('#elder-toggle-home').innerText()).resolves.toContain('未开启');

  await page.locator('#elder-toggle-home').click();
  await expect(page.locator('#elder-toggle-home').innerText()).resolves.toContain('已开启');
  const elder = await measure();
  expect(elder.text).toBeGreaterThanOrEqual(18);
  expect(elder.text).toBeGreaterThan(normal.text);
  expect(elder.toggleHeight).toBeGreaterThanOrEqual(60);
  expect(elder.tileHeight).toBeGreaterThanOrEqual(60);
  expect(elder.lineHeight).toBeGreaterThanOrEqual(1.3);
  await shot('14-home-elder');

  // remembered across a restart, and the same switch in 我的 says so
  await page.reload();
  await page.locator('#elder-toggle-home').waitFor();
  await expect(page.locator('#elder-toggle-home').innerText()).resolves.toContain('已开启');
  expect((await measure()).text).toBeGreaterThanOrEqual(18);
  await tab(page, '我的').click();
  await expect(page.locator('#elder-toggle-mine').innerText()).resolves.toContain('已开启');
  await shot('15-mine-elder');
  await page.locator('#elder-toggle-mine').click();
  await expect(page.locator('#elder-toggle-mine').innerText()).resolves.toContain('未开启');
});

/** The full ID number is not on screen, not in the page source, not in any field, not in storage. */
async function expectNowhere(full: string) {
  const { page } = phone;
  expect(await visibleText(page)).not.toContain(full);
  expect(await page.content()).not.toContain(full);
  const values = await page.evaluate(() =>
    Array.from(document.querySelectorAll('input')).map((i) => i.value),
  );
  expect(values.join(' ')).not.toContain(full);
  const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  expect(storage).not.toContain(full);
}
