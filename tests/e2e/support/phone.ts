/**
 * Debian's Chromium, driven by playwright-core, as a phone (390×844 CSS px at 2×, touch):
 * a fresh profile per test file, screenshots under test-output/e2e/<test>/<step>.png.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from './h5-build';

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
  /** full-page screenshot test-output/e2e/<test>/<step>.png; fails if the page's CSP blocked anything */
  shot(step: string): Promise<string>;
  close(): Promise<void>;
}

export async function openPhone(testName: string): Promise<Phone> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'e2e-chromium-'));
  const shotDir = path.join(ROOT, 'test-output/e2e', testName);
  rmSync(shotDir, { recursive: true, force: true });
  mkdirSync(shotDir, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
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
  return {
    context,
    page,
    async shot(step: string) {
      // every step a test looks at is also one where the policy blocked nothing so far
      if (blocked.length) throw new Error(`the Content-Security-Policy blocked:\n${blocked.join('\n')}`);
      const file = path.join(shotDir, `${step}.png`);
      // Taro H5 scrolls inside the page element, not the window: grow the window to the page's
      // height for the picture so the whole page is in it, then give the phone its size back
      const height = await page.evaluate(() =>
        Math.max(
          window.innerHeight,
          ...Array.from(document.querySelectorAll<HTMLElement>('.taro_page'))
            .filter((el) => el.offsetParent !== null || getComputedStyle(el).display !== 'none')
            .map((el) => el.scrollHeight),
        ),
      );
      const size = page.viewportSize() ?? PHONE;
      if (height > size.height)
        await page.setViewportSize({ width: size.width, height: Math.min(height, 8000) });
      await page.screenshot({ path: file, fullPage: true });
      if (height > size.height) await page.setViewportSize(size);
      return file;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
