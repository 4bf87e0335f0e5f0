/**
 * Driving Taro's H5 components: they are custom elements (taro-input-core wraps a real
 * <input>, taro-view-core is a tappable View), so the app gives ids to what tests touch.
 */
import type { Locator, Page } from 'playwright-core';

export const LOGIN_HASH = '#/pages/login/index';

/** The real <input> inside a Taro <Input id=…>. */
export function input(page: Page, id: string): Locator {
  return page.locator(`#${id} input, input#${id}`).first();
}

export async function typeInto(page: Page, id: string, value: string): Promise<void> {
  const field = input(page, id);
  await field.fill('');
  await field.pressSequentially(value);
}

/** An item of the H5 tab bar, by its label. */
export function tab(page: Page, label: string): Locator {
  return page.locator('.weui-tabbar__item', { hasText: label });
}

/** The text a reader actually sees (no hidden pages of the router); a no-break space reads as a space. */
export async function visibleText(page: Page): Promise<string> {
  return (await page.evaluate(() => document.body.innerText)).replace(/\u00a0/g, ' ');
}

/** The text of one element as a reader sees it (a no-break space reads as a space). */
export async function textIn(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).innerText()).replace(/\u00a0/g, ' ');
}

export async function logout(page: Page): Promise<void> {
  await tab(page, '我的').click();
  await page.locator('#entry-logout').click();
  await page.waitForURL((u) => u.hash.startsWith(LOGIN_HASH));
}

export async function loginAs(page: Page, buttonId: string): Promise<void> {
  await page.locator(`#${buttonId}`).click();
  await page.locator('#tile-aid').waitFor();
}

/** The signed-in member's id, from the session the app keeps in Taro storage (localStorage in H5). */
export async function signedInMemberId(page: Page): Promise<string> {
  const id = await page.evaluate(() => {
    const raw = localStorage.getItem('session.member');
    if (!raw) return null;
    const stored = JSON.parse(raw) as { data?: { id?: string }; id?: string };
    return stored.data?.id ?? stored.id ?? null;
  });
  if (!id) throw new Error('no signed-in member in storage');
  return id;
}

let reloads = 0;

/** Opens a page by its route with a fresh load (a clean page stack, as after reopening the app). */
export async function openFresh(page: Page, baseUrl: string, route: string): Promise<void> {
  await page.goto(`${baseUrl}/?open=${++reloads}#${route}`);
}

/** Signs out through 我的 → 退出登录 and signs in as another demo account. */
export async function switchUser(page: Page, baseUrl: string, buttonId: string): Promise<void> {
  await openFresh(page, baseUrl, '/pages/mine/index');
  await page.locator('#entry-logout').click();
  await page.waitForURL((u) => u.hash.startsWith(LOGIN_HASH));
  await loginAs(page, buttonId);
}

/**
 * Signs in as any openid (dev login) with a fresh phone: storage cleared (no draft, no 长辈版, no
 * session of an earlier test), the session the app keeps put in place, the home page opened.
 * Lets each journey start on its own instead of after the one before.
 */
export async function signInAs(page: Page, baseUrl: string, openid: string): Promise<void> {
  const r = await fetch(`${baseUrl}/api/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid }),
  });
  if (!r.ok) throw new Error(`dev-login ${openid}: ${r.status}`);
  const { token, member } = (await r.json()) as { token: string; member: unknown };
  await openFresh(page, baseUrl, LOGIN_HASH.slice(1));
  await page.evaluate(
    ([t, m]) => {
      localStorage.clear();
      // Taro H5 keeps each storage value as {"data": value}
      localStorage.setItem('session.token', JSON.stringify({ data: t }));
      localStorage.setItem('session.member', JSON.stringify({ data: m }));
    },
    [token, member] as const,
  );
  await openFresh(page, baseUrl, '/pages/home/index');
  await page.locator('#tile-aid').waitFor();
}
