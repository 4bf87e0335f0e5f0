/**
 * Debian's Chromium, driven by playwright-core, as a phone (390×844 CSS px at 2×, touch):
 * a fresh profile per test file, screenshots under test-output/e2e/<test>/<step>.png.
 * Every screenshot is also an accessibility check of the page, in the mode it is in and in the
 * other one (normal / 长辈版): see a11y.ts. A page with problems fails the test at that step.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from './h5-build';
import { axeProblems, isElder, layoutProblems, switchElder } from './a11y';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const PHONE = { width: 390, height: 844 };

export interface Phone {
  context: BrowserContext;
  page: Page;
  /**
   * full-page screenshot test-output/e2e/<test>/<step>.png, and <step>.elder.png (or
   * .normal.png) in the other mode; throws when either mode has accessibility problems, or when
   * the page's Content-Security-Policy blocked anything
   */
  shot(step: string): Promise<string>;
  close(): Promise<void>;
}

export interface PhoneOptions {
  /** the browser's default font size, whole px (16 unless the user changed it): H5's WeChat font size */
  defaultFontPx?: number;
  /** more Chromium flags, e.g. a fake camera fed from a file (--use-file-for-fake-video-capture) */
  extraArgs?: string[];
}

export async function openPhone(testName: string, opts: PhoneOptions = {}): Promise<Phone> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'e2e-chromium-'));
  const shotDir = path.join(ROOT, 'test-output/e2e', testName);
  rmSync(shotDir, { recursive: true, force: true });
  mkdirSync(shotDir, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, ...(opts.extraArgs ?? [])],
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  context.setDefaultTimeout(15_000);
  // the app runs under the server's Content-Security-Policy: anything it blocks is a bug
  const blocked: string[] = [];
  context.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) blocked.push(msg.text());
  });
  const page = context.pages()[0] ?? (await context.newPage());
  if (opts.defaultFontPx) {
    // the browser's font-size setting (Chrome: Settings → Appearance → Font size; whole px), for this tab
    try {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Page.setFontSizes', {
        fontSizes: { standard: Math.round(opts.defaultFontPx), fixed: 13 },
      });
    } catch (e) {
      await context.close();
      throw e;
    }
  }
  return {
    context,
    page,
    async shot(step: string) {
      // every step a test looks at is also one where the policy blocked nothing so far
      if (blocked.length) throw new Error(`the Content-Security-Policy blocked:\n${blocked.join('\n')}`);
      const elder = await isElder(page);
      const problems = await checkAndPicture(page, path.join(shotDir, `${step}.png`), elder);
      await switchElder(page, !elder);
      const other = path.join(shotDir, `${step}.${elder ? 'normal' : 'elder'}.png`);
      problems.push(...(await checkAndPicture(page, other, !elder)));
      await switchElder(page, elder);
      if (problems.length)
        throw new Error(`${testName}/${step}: accessibility problems\n${problems.join('\n')}`);
      return path.join(shotDir, `${step}.png`);
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The checks of a11y.ts on the page as it is, then its full-page picture. */
async function checkAndPicture(page: Page, file: string, elder: boolean): Promise<string[]> {
  const mode = elder ? '长辈版' : 'normal';
  const problems = [...(await axeProblems(page)), ...(await layoutProblems(page, elder))].map(
    (p) => `[${mode}] ${p}`,
  );
  // Taro H5 scrolls inside the page element, not the window: grow the window to the page's
  // height for the picture so the whole page is in it, then give the phone its size back
  // height, plus the tab bar's, which stays fixed at the bottom over the page
  const height = await page.evaluate(() => {
    const tabBar = document.querySelector<HTMLElement>('.taro-tabbar__tabbar');
    const below = tabBar && tabBar.offsetParent !== null ? tabBar.offsetHeight : 0;
    return Math.max(
      window.innerHeight,
      ...Array.from(document.querySelectorAll<HTMLElement>('.taro_page'))
        .filter((el) => el.offsetParent !== null || getComputedStyle(el).display !== 'none')
        .map((el) => el.scrollHeight + below),
    );
  });
  const size = page.viewportSize() ?? PHONE;
  if (height > size.height) await page.setViewportSize({ width: size.width, height: Math.min(height, 8000) });
  await page.screenshot({ path: file, fullPage: true });
  if (height > size.height) await page.setViewportSize(size);
  return problems;
}
