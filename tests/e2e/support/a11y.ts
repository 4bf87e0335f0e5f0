/**
 * What every e2e screenshot also checks (phone.ts `shot`), on the page as the user sees it:
 *  - axe-core: no serious or critical violation, except the Taro findings in a11y-exclusions.ts;
 *  - tap targets: ≥ 44 px (the tab bar ≥ 48 px), in 长辈版 ≥ 60 × 60 px;
 *  - 长辈版: every text a user reads ≥ 18 px, headings and key figures ≥ 24 px;
 *  - layout: no text cut off or running off the screen, no control overlapping another.
 * Each returns problems in words; an empty list means the page passed.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { A11Y_EXCLUSIONS } from './a11y-exclusions';

/** Anything a finger taps: the app's role=button views, chips, inputs, tab bar items. */
export const CONTROLS =
  '[role="button"], [role="switch"], [role="radio"], [role="checkbox"], [role="link"], taro-input-core, taro-textarea-core, .weui-tabbar__item';
const HEADINGS = '.page-title, .section-title, .tile-title, .login-title, .strong-inline';

export async function axeProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
  const problems: string[] = [];
  for (const v of results.violations) {
    if (v.impact !== 'serious' && v.impact !== 'critical') continue;
    for (const node of v.nodes) {
      const target = node.target.map(String).join(' ');
      const excluded = await page.evaluate(
        ({ target, selectors }) => {
          const el = document.querySelector(target);
          return !!el && selectors.some((s) => el.matches(s) || el.closest(s) !== null);
        },
        { target, selectors: A11Y_EXCLUSIONS.filter((e) => e.rule === v.id).map((e) => e.selector) },
      );
      if (!excluded)
        problems.push(`axe ${v.id} (${v.impact}) at ${target}: ${v.help} — ${node.html.slice(0, 160)}`);
    }
  }
  return problems;
}

/** Layout and size checks run in the page; `elder` adds the 长辈版 floors. */
export async function layoutProblems(page: Page, elder: boolean): Promise<string[]> {
  return page.evaluate(
    ({ elder, controls, headings }) => {
      const problems: string[] = [];
      const shown = (el: Element) =>
        el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) &&
        el.getBoundingClientRect().width > 0 &&
        !el.closest('[aria-hidden="true"]');
      const name = (el: Element) =>
        (el.id ? `#${el.id} ` : '') +
        `"${(el as HTMLElement).innerText?.replace(/\s+/g, ' ').slice(0, 24) ?? ''}"`;
      const px = (el: Element) => parseFloat(getComputedStyle(el).fontSize);
      const viewport = document.documentElement.clientWidth;

      // text: sizes (长辈版) and running off the screen
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const seen = new Set<Element>();
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || seen.has(el) || !n.textContent?.trim() || !shown(el)) continue;
        if (el.closest('script, style, svg')) continue;
        seen.add(el);
        if (elder && px(el) < 18) problems.push(`text under 18 px in 长辈版: ${name(el)} ${px(el)} px`);
        const range = document.createRange();
        range.selectNodeContents(n);
        const r = range.getBoundingClientRect();
        if (r.right > viewport + 1 || r.left < -1) problems.push(`text runs off the screen: ${name(el)}`);
      }
      for (const el of Array.from(document.querySelectorAll('*'))) {
        if (!shown(el)) continue;
        const cs = getComputedStyle(el);
        const clips = cs.overflowX === 'hidden' || cs.overflowX === 'clip' || cs.textOverflow === 'ellipsis';
        const h = el as HTMLElement;
        if (clips && h.innerText?.trim() && h.scrollWidth > h.clientWidth + 1)
          problems.push(`text cut off: ${name(el)} (${h.scrollWidth} px in ${h.clientWidth} px)`);
      }
      if (elder) {
        for (const el of Array.from(document.querySelectorAll('input, textarea')))
          if (shown(el) && px(el) < 18)
            problems.push(`input text under 18 px in 长辈版: ${name(el.parentElement!)}`);
        for (const el of Array.from(document.querySelectorAll(headings)))
          if (shown(el) && px(el) < 24)
            problems.push(`heading or key figure under 24 px in 长辈版: ${name(el)} ${px(el)} px`);
      }

      // tap targets and overlaps
      // the part of each control that can be seen: a page scrolls under the tab bar inside its
      // own scrolling box, so what is scrolled away is clipped, not overlapping
      const visibleRect = (el: Element) => {
        const r = el.getBoundingClientRect();
        let { left, top, right, bottom } = r;
        for (let a = el.parentElement; a; a = a.parentElement) {
          const cs = getComputedStyle(a);
          if (cs.overflowX === 'visible' && cs.overflowY === 'visible') continue;
          const c = a.getBoundingClientRect();
          left = Math.max(left, c.left);
          top = Math.max(top, c.top);
          right = Math.min(right, c.right);
          bottom = Math.min(bottom, c.bottom);
        }
        return { left, top, right, bottom };
      };
      const boxes = Array.from(document.querySelectorAll(controls))
        .filter(shown)
        .map((el) => ({ el, r: el.getBoundingClientRect(), seen: visibleRect(el) }));
      for (const { el, r } of boxes) {
        const tab = el.matches('.weui-tabbar__item');
        const min = elder ? 60 : tab ? 48 : 44;
        if (r.height < min - 0.5)
          problems.push(`tap target ${r.height.toFixed(1)} px high (< ${min}): ${name(el)}`);
        if (elder && r.width < 60 - 0.5)
          problems.push(`tap target ${r.width.toFixed(1)} px wide (< 60): ${name(el)}`);
      }
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i];
          const b = boxes[j];
          if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
          const w = Math.min(a.seen.right, b.seen.right) - Math.max(a.seen.left, b.seen.left);
          const hgt = Math.min(a.seen.bottom, b.seen.bottom) - Math.max(a.seen.top, b.seen.top);
          if (w > 1 && hgt > 1) problems.push(`controls overlap: ${name(a.el)} and ${name(b.el)}`);
        }
      }
      return problems;
    },
    { elder, controls: CONTROLS, headings: HEADINGS },
  );
}

/** Whether the app shows 长辈版 now (PageShell's class on the page's frame). */
export async function isElder(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.classList.contains('elder'));
}

/**
 * Switches 长辈版 as another tab of the app would (the stored switch, then the storage event
 * the app listens to), and waits until the page has taken it.
 */
export async function switchElder(page: Page, on: boolean): Promise<void> {
  await page.evaluate((on) => {
    localStorage.setItem('display.elder', JSON.stringify({ data: on }));
    window.dispatchEvent(new StorageEvent('storage', { key: 'display.elder', storageArea: localStorage }));
  }, on);
  await page.waitForFunction(
    (on) =>
      document.documentElement.classList.contains('elder') === on &&
      Array.from(document.querySelectorAll('.shell'))
        .filter((el) => el.checkVisibility())
        .every((el) => el.classList.contains('elder') === on),
    on,
  );
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}
