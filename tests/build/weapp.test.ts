/**
 * The mini program builds, and fits WeChat's package limits: the
 * main package — everything outside the subpackage roots — and each subpackage ≤ 2 MB, all
 * together ≤ 20 MB (the stricter limit for service-provider builds). It carries the package
 * settings WeChat recommends: each tab preloads the subpackages its entries open, and code is
 * injected lazily. The build is the one production build of this jest run, shared with the
 * weapp tests (tests/support/weapp-build.ts). Sizes are printed here; `npm run bench:weapp`
 * writes them to docs/benchmarks.md. The main package must also stay within our own budget of
 * 1 MB, and the tab bar's icons are PNGs in the main package, as WeChat requires.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { kb, packageSizes, readAppJson, subpackagesOf, type AppJson } from '../../bench/weapp-packages';
import { ensureWeappBuild, type WeappBuild } from '../support/weapp-build';

const MB = 1024 * 1024;
const ROOT_DIR = path.resolve(__dirname, '../..');

const EXPECTED_SUBPACKAGES = [
  'packages/profile',
  'packages/officer',
  'packages/aid',
  'packages/bursary',
  'packages/competition',
  'packages/card',
  'packages/checkin',
  'packages/scanner',
];

/** What each tab's entries open (home's service tiles, the aid case a message links to, 实名信息). */
const TAB_LEADS_TO: Record<string, string[]> = {
  'pages/home/index': [
    'packages/aid',
    'packages/bursary',
    'packages/competition',
    'packages/card',
    'packages/checkin',
  ],
  'pages/messages/index': ['packages/aid'],
  'pages/mine/index': ['packages/profile'],
};

describe('weapp build', () => {
  let build: WeappBuild;
  let appJson: AppJson;
  let out: string;

  beforeAll(async () => {
    build = await ensureWeappBuild();
    out = build.dir;
    appJson = readAppJson(out);
  }, 300_000);

  it('builds without errors and writes every page of the main package', () => {
    expect(build.output).not.toMatch(/\bERROR in\b|编译失败|Build failed/i);
    for (const page of appJson.pages) {
      for (const ext of ['js', 'json', 'wxml'])
        expect(existsSync(path.join(out, `${page}.${ext}`))).toBe(true);
    }
  });

  it('keeps the tabBar pages and login in the main package', () => {
    expect(appJson.pages).toEqual(
      expect.arrayContaining([
        'pages/home/index',
        'pages/messages/index',
        'pages/mine/index',
        'pages/login/index',
      ]),
    );
    expect(appJson.tabBar?.list.map((t) => t.pagePath)).toEqual([
      'pages/home/index',
      'pages/messages/index',
      'pages/mine/index',
    ]);
  });

  it('gives every tab an icon and a current-tab icon: small PNGs in the main package', () => {
    const subs = subpackagesOf(appJson).map((s) => s.root.replace(/\/$/, ''));
    for (const tab of appJson.tabBar?.list ?? []) {
      for (const icon of [tab.iconPath, tab.selectedIconPath]) {
        expect(icon).toMatch(/\.png$/);
        const file = path.join(out, icon!);
        expect(existsSync(file)).toBe(true);
        // a real PNG, within WeChat's 40 KB for tab icons, outside every subpackage
        expect(readFileSync(file).subarray(1, 4).toString('ascii')).toBe('PNG');
        expect(statSync(file).size).toBeLessThanOrEqual(40 * 1024);
        expect(subs.some((root) => icon!.startsWith(`${root}/`))).toBe(false);
      }
    }
    expect(appJson.tabBar?.list).toHaveLength(3);
  });

  it('lists every feature as a subpackage, with its pages built', () => {
    const subs = subpackagesOf(appJson);
    expect(subs.map((s) => s.root).sort()).toEqual([...EXPECTED_SUBPACKAGES].sort());
    for (const s of subs) {
      for (const page of s.pages) expect(existsSync(path.join(out, s.root, `${page}.js`))).toBe(true);
    }
    // features must not leak into the main package's page list
    expect(appJson.pages.every((p) => p.startsWith('pages/'))).toBe(true);
  });

  it('preloads, while each tab shows, the subpackages its entries open, within 2 MB per tab', () => {
    const rules = appJson.preloadRule ?? {};
    const roots = subpackagesOf(appJson).map((s) => s.root);
    const sizes = packageSizes(out);
    for (const [tab, leadsTo] of Object.entries(TAB_LEADS_TO)) {
      const rule = rules[tab];
      expect(rule).toBeDefined();
      expect([...rule.packages].sort()).toEqual([...leadsTo].sort());
      expect(rule.network ?? 'wifi').toBe('all');
      const preloaded = sizes.subpackages
        .filter((s) => rule.packages.includes(s.root))
        .reduce((n, s) => n + s.size, 0);
      expect(preloaded).toBeLessThanOrEqual(2 * MB);
    }
    // a rule naming a page or a package that does not exist would be ignored by WeChat
    for (const [page, rule] of Object.entries(rules)) {
      expect(appJson.pages).toContain(page);
      for (const p of rule.packages) expect(roots).toContain(p);
    }
  });

  it('keeps the browser camera reader (ZXing) out of the mini program, which scans with WeChat’s scanCode', () => {
    const js = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? js(path.join(dir, e.name)) : e.name.endsWith('.js') ? [path.join(dir, e.name)] : [],
      );
    // a message of ZXing's QR detector: in its H5 chunk, nowhere in the mini program
    const detector = path.join(ROOT_DIR, 'node_modules/@zxing/library/esm/core/qrcode/detector/Detector.js');
    expect(readFileSync(detector, 'utf8')).toContain('Dimensions could be not found');
    const leaks = js(out).filter((f) => readFileSync(f, 'utf8').includes('Dimensions could be not found'));
    expect(leaks).toEqual([]);
  });

  it('injects code lazily: only the components a page renders', () => {
    expect(appJson.lazyCodeLoading).toBe('requiredComponents');
  });

  it('keeps the main package and every subpackage within 2 MB, and the whole app within 20 MB', () => {
    const sizes = packageSizes(out);
    console.log(
      `weapp build ${(build.ms / 1000).toFixed(1)} s; main package ${kb(sizes.main)}; ` +
        sizes.subpackages.map((s) => `${s.root} ${kb(s.size)}`).join(', ') +
        `; total ${kb(sizes.total)}`,
    );
    expect(sizes.main).toBeGreaterThan(0);
    expect(sizes.main).toBeLessThanOrEqual(1 * MB); // our budget; WeChat allows 2 MB
    for (const s of sizes.subpackages) {
      expect(s.size).toBeGreaterThan(0);
      expect(s.size).toBeLessThanOrEqual(2 * MB);
    }
    expect(sizes.total).toBeLessThanOrEqual(20 * MB);
  });
});
