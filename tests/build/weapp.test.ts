/**
 * The mini program builds, and fits WeChat's package limits (DOMAIN.md "WeChat platform
 * limits"): the main package — everything outside the subpackage roots — and each subpackage
 * ≤ 2 MB, all together ≤ 20 MB (the stricter limit for service-provider builds). The sizes
 * are printed and written to docs/benchmarks.md; the main package must also stay within our own
 * budget of 1 MB. The tab bar's icons are PNGs in the main package, as WeChat requires.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { table, writeSection } from '../../bench/report';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const OUT = path.join(ROOT, 'dist/weapp');
const MB = 1024 * 1024;

const EXPECTED_SUBPACKAGES = [
  'packages/profile',
  'packages/officer',
  'packages/aid',
  'packages/bursary',
  'packages/competition',
  'packages/card',
  'packages/checkin',
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

interface AppJson {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
  subpackages?: { root: string; pages: string[] }[];
  tabBar?: { list: { pagePath: string; iconPath?: string; selectedIconPath?: string }[] };
}

describe('weapp build', () => {
  let appJson: AppJson;
  let buildMs = 0;
  let buildOutput = '';

  beforeAll(async () => {
    const started = Date.now();
    const { stdout, stderr } = await run(
      path.join(ROOT, 'node_modules/.bin/taro'),
      ['build', '--type', 'weapp'],
      {
        cwd: ROOT,
        env: { ...process.env, NODE_ENV: 'production', TARO_ENV: 'weapp' },
        maxBuffer: 64 * MB,
      },
    );
    buildMs = Date.now() - started;
    buildOutput = stdout + stderr;
    appJson = JSON.parse(readFileSync(path.join(OUT, 'app.json'), 'utf8'));
  }, 300_000);

  it('builds without errors and writes every page of the main package', () => {
    expect(buildOutput).not.toMatch(/\bERROR in\b|编译失败|Build failed/i);
    for (const page of appJson.pages) {
      for (const ext of ['js', 'json', 'wxml'])
        expect(existsSync(path.join(OUT, `${page}.${ext}`))).toBe(true);
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
    const subs = (appJson.subPackages ?? appJson.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
    for (const tab of appJson.tabBar?.list ?? []) {
      for (const icon of [tab.iconPath, tab.selectedIconPath]) {
        expect(icon).toMatch(/\.png$/);
        const file = path.join(OUT, icon!);
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
    const subs = appJson.subPackages ?? appJson.subpackages ?? [];
    expect(subs.map((s) => s.root).sort()).toEqual([...EXPECTED_SUBPACKAGES].sort());
    for (const s of subs) {
      for (const page of s.pages) expect(existsSync(path.join(OUT, s.root, `${page}.js`))).toBe(true);
    }
    // features must not leak into the main package's page list
    expect(appJson.pages.every((p) => p.startsWith('pages/'))).toBe(true);
  });

  it('keeps the main package within 1 MB (WeChat allows 2), every subpackage within 2 MB, and the whole app within 20 MB', () => {
    const subs = (appJson.subPackages ?? appJson.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
    const all = filesUnder(OUT).map((f) => ({
      rel: path.relative(OUT, f).split(path.sep).join('/'),
      size: statSync(f).size,
    }));
    const sizeOf = (root: string) =>
      all.filter((f) => f.rel === root || f.rel.startsWith(`${root}/`)).reduce((n, f) => n + f.size, 0);
    const subSizes = subs.map((root) => ({ root, size: sizeOf(root) }));
    const main = all
      .filter((f) => !subs.some((root) => f.rel.startsWith(`${root}/`)))
      .reduce((n, f) => n + f.size, 0);
    const total = all.reduce((n, f) => n + f.size, 0);

    console.log(
      `weapp build ${(buildMs / 1000).toFixed(1)} s; main package ${kb(main)}; ` +
        subSizes.map((s) => `${s.root} ${kb(s.size)}`).join(', ') +
        `; total ${kb(total)}`,
    );
    writeSection(
      'weapp package sizes',
      [
        'Written by `tests/build/weapp.test.ts` (`npx jest --selectProjects build`) after a production',
        '`taro build --type weapp`. WeChat limits: 2 MB per package, 20–30 MB in all. Budget: main ≤ 1 MB (checked).',
        '',
        table(
          ['package', 'size', 'limit'],
          [
            ['main (tabBar pages and icons, login, runtime)', kb(main), '2 MB (budget 1 MB)'],
            ...subSizes.map((s) => [s.root, kb(s.size), '2 MB']),
            ['all together', kb(total), '20 MB'],
          ],
        ),
        '',
        `Build time: ${(buildMs / 1000).toFixed(1)} s (one run, shared machine).`,
      ].join('\n'),
    );

    expect(main).toBeGreaterThan(0);
    expect(main).toBeLessThanOrEqual(1 * MB);
    for (const s of subSizes) {
      expect(s.size).toBeGreaterThan(0);
      expect(s.size).toBeLessThanOrEqual(2 * MB);
    }
    expect(total).toBeLessThanOrEqual(20 * MB);
  });
});
