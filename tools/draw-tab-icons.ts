/**
 * Draws the tab bar icons (src/assets/tabbar/*.png) from the outlines below, in Chromium:
 * WeChat's tabBar takes only PNG/JPG files from the main package (81×81 px recommended,
 * ≤ 40 KB each). The current tab is drawn filled, the others as outlines, so the difference
 * is in the shape and not only in the colour. Run `npx tsx tools/draw-tab-icons.ts` after
 * changing an outline; the PNGs are committed.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const OUT = path.resolve(__dirname, '../src/assets/tabbar');
const SIZE = 81;
const COLOR = '#4a4a4a'; // tokens.scss $muted, the tab label colour
const ACTIVE = '#b3261e'; // $primary, the current tab's label colour

/** 24×24 outlines; `fill` parts are filled only on the current tab. */
const ICONS: Record<string, { outline: string; fill: string }> = {
  home: {
    outline: '<path d="M2.5 11.5 12 3l9.5 8.5M5 9.5V21h5v-6h4v6h5V9.5"/>',
    fill: '<path d="M5 9.6 12 3.4l7 6.2V21h-5v-6h-4v6H5z"/>',
  },
  messages: {
    outline:
      '<path d="M4 4h16a1.5 1.5 0 0 1 1.5 1.5v10A1.5 1.5 0 0 1 20 17h-9l-5 4v-4H4a1.5 1.5 0 0 1-1.5-1.5v-10A1.5 1.5 0 0 1 4 4z"/><path d="M7 9h10M7 12.5h6"/>',
    fill: '<path d="M4 4h16a1.5 1.5 0 0 1 1.5 1.5v10A1.5 1.5 0 0 1 20 17h-9l-5 4v-4H4a1.5 1.5 0 0 1-1.5-1.5v-10A1.5 1.5 0 0 1 4 4z"/>',
  },
  mine: {
    outline: '<circle cx="12" cy="8" r="4.2"/><path d="M3.8 21.2c0-4.6 3.7-8 8.2-8s8.2 3.4 8.2 8"/>',
    fill: '<circle cx="12" cy="8" r="4.2"/><path d="M3.8 21.2c0-4.6 3.7-8 8.2-8s8.2 3.4 8.2 8z"/>',
  },
};

function svg(name: string, active: boolean): string {
  const { outline, fill } = ICONS[name];
  const color = active ? ACTIVE : COLOR;
  // on the current tab the filled shape sits under the outline; the inner lines of the bubble
  // are then drawn in white so they stay visible
  const lines = active ? outline.replace(/<path d="M7 9h10M7 12.5h6"\/>/, '') : outline;
  const whiteLines = active && name === 'messages' ? '<path d="M7 9h10M7 12.5h6" stroke="#fff"/>' : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 24 24"
    fill="none" stroke="${color}" stroke-width="1.9" stroke-linecap="round" stroke-linejoin="round">
    ${active ? `<g fill="${color}" stroke="none">${fill}</g>` : ''}${lines}${whiteLines}</svg>`;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
  for (const name of Object.keys(ICONS)) {
    for (const active of [false, true]) {
      await page.setContent(
        `<html><body style="margin:0;background:transparent">${svg(name, active)}</body></html>`,
      );
      const file = path.join(OUT, `${name}${active ? '-active' : ''}.png`);
      await page.locator('svg').screenshot({ path: file, omitBackground: true });
      console.log(file);
    }
  }
  await browser.close();
}

void main();
