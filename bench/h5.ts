/**
 * `npm run bench:h5`: Lighthouse 12.2.3 in its default mobile mode (a mid-range phone, 4× CPU
 * slowdown, simulated slow 4G) on the H5 app's first screens, login and home, served by
 * `npm start` exactly as a user gets them (fresh production build, compressed, cold cache).
 * Writes performance, accessibility and best-practices scores and the bytes transferred to
 * docs/benchmarks.md, with a verdict on the aims (performance ≥ 90, accessibility ≥ 95,
 * first screen ≤ 250 KB transferred).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Flags, Result } from 'lighthouse';
import { fmt, table, writeSection } from './report';

const ROOT = path.resolve(__dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const AIM = { performance: 90, accessibility: 95, transferKB: 250 };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** `npm start` on a free port with its own data directory; resolves once it prints its URL. */
async function startApp(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['cloud/dev/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('is running')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`npm start exited (${code}) before it was ready:\n${out}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

interface PageFigures {
  name: string;
  performance: number;
  accessibility: number;
  bestPractices: number;
  transferKB: number;
  scriptKB: number;
  requests: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
}

/** The whole report, to read what limits a score: test-output/bench-h5/<page>.json. */
function keepReport(name: string, lhr: Result): void {
  const dir = path.join(ROOT, 'test-output/bench-h5');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(lhr, null, 1));
}

function figures(name: string, lhr: Result): PageFigures {
  keepReport(name, lhr);
  const score = (c: string) => Math.round((lhr.categories[c]?.score ?? 0) * 100);
  const items = ((lhr.audits['network-requests']?.details as { items?: unknown[] } | undefined)?.items ??
    []) as { transferSize?: number; resourceType?: string }[];
  const bytes = (pred: (i: (typeof items)[number]) => boolean) =>
    items.filter(pred).reduce((n, i) => n + (i.transferSize ?? 0), 0) / 1024;
  const ms = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
  return {
    name,
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    transferKB: bytes(() => true),
    scriptKB: bytes((i) => i.resourceType === 'Script'),
    requests: items.length,
    fcpMs: ms('first-contentful-paint'),
    lcpMs: ms('largest-contentful-paint'),
    tbtMs: ms('total-blocking-time'),
  };
}

/** The failed audits that cost the most, for the verdict. */
function limits(lhr: Result): string[] {
  const perf = lhr.categories.performance?.auditRefs ?? [];
  return perf
    .filter((r) => r.weight > 0 && (lhr.audits[r.id]?.score ?? 1) < 0.9)
    .sort((a, b) => b.weight - a.weight)
    .map((r) => `${lhr.audits[r.id].title} ${lhr.audits[r.id].displayValue ?? ''}`.trim());
}

async function main(): Promise<void> {
  if (process.env.BENCH_H5_SKIP_BUILD !== '1') {
    console.log('building the H5 app (production)…');
    const r = spawnSync(path.join(ROOT, 'node_modules/.bin/taro'), ['build', '--type', 'h5'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', TARO_ENV: 'h5' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (r.status !== 0) throw new Error('taro build --type h5 failed');
  }
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const puppeteer = await import('puppeteer-core');

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-h5-'));
  const app = await startApp(dataDir);
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
  const results: { figures: PageFigures; limits: string[] }[] = [];
  try {
    const page = await browser.newPage();
    const flags: Flags = {
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
      logLevel: 'error',
    };

    // login, as a signed-out visitor sees it: storage and cache cleared by Lighthouse
    const login = await lighthouse(`${app.url}/#/pages/login/index`, flags, undefined, page);
    results.push({ figures: figures('login', login!.lhr), limits: limits(login!.lhr) });

    // home, signed in as a demo worker: the session is put in storage, the HTTP cache emptied
    const res = await fetch(`${app.url}/api/auth/dev-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid: 'demo-worker-1' }),
    });
    const session = (await res.json()) as { token: string; member: unknown };
    await page.goto(`${app.url}/api/health`);
    await page.evaluate((s) => {
      localStorage.clear();
      localStorage.setItem('session.token', JSON.stringify({ data: s.token }));
      localStorage.setItem('session.member', JSON.stringify({ data: s.member }));
    }, session);
    const cdp = await page.createCDPSession();
    await cdp.send('Network.clearBrowserCache');
    const home = await lighthouse(
      `${app.url}/#/pages/home/index`,
      { ...flags, disableStorageReset: true },
      undefined,
      page,
    );
    results.push({ figures: figures('home', home!.lhr), limits: limits(home!.lhr) });
  } finally {
    await browser.disconnect();
    chrome.kill();
    app.child.kill('SIGTERM');
    await new Promise((r) => app.child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }

  for (const { figures: f, limits: l } of results) {
    console.log(
      `${f.name}: performance ${f.performance}, accessibility ${f.accessibility}, best practices ${f.bestPractices}; ` +
        `${fmt(f.transferKB)} KB in ${f.requests} requests (script ${fmt(f.scriptKB)} KB); ` +
        `FCP ${fmt(f.fcpMs, 0)} ms, LCP ${fmt(f.lcpMs, 0)} ms, TBT ${fmt(f.tbtMs, 0)} ms` +
        (l.length ? `; below 0.9: ${l.join('; ')}` : ''),
    );
  }
  const met = (pred: (f: PageFigures) => boolean) => results.every((r) => pred(r.figures));
  const aims = [
    ['performance ≥ 90 on both', met((f) => f.performance >= AIM.performance)],
    ['accessibility ≥ 95 on both', met((f) => f.accessibility >= AIM.accessibility)],
    ['first screen ≤ 250 KB transferred on both', met((f) => f.transferKB <= AIM.transferKB)],
  ] as const;
  const verdict = aims.map(([aim, ok]) => `${aim}: ${ok ? 'met' : 'not met'}`).join('; ');
  const lowest = results
    .filter((r) => r.limits.length)
    .map((r) => `${r.figures.name}: ${r.limits.slice(0, 4).join('; ')}`);

  writeSection(
    'H5 first screen (Lighthouse, mobile)',
    [
      'Written by `npm run bench:h5`: a fresh production `taro build --type h5` served by `npm start` (compressed,',
      'cold HTTP cache), Lighthouse 12.2.3 in its default mobile mode (Moto G Power–sized screen, 4× CPU slowdown,',
      'simulated slow 4G: 150 ms RTT, 1.6 Mbps). Login as a signed-out visitor; home signed in as `demo-worker-1`.',
      'One run each on a shared 2-core machine: scores move by a few points between runs.',
      '',
      table(
        [
          'page',
          'performance',
          'accessibility',
          'best practices',
          'transferred',
          'of it script',
          'requests',
          'FCP',
          'LCP',
          'TBT',
        ],
        results.map(({ figures: f }) => [
          f.name,
          f.performance,
          f.accessibility,
          f.bestPractices,
          `${fmt(f.transferKB)} KB`,
          `${fmt(f.scriptKB)} KB`,
          f.requests,
          `${fmt(f.fcpMs / 1000, 2)} s`,
          `${fmt(f.lcpMs / 1000, 2)} s`,
          `${fmt(f.tbtMs, 0)} ms`,
        ]),
      ),
      '',
      `Aims: ${verdict}.`,
      lowest.length ? `Performance audits below 0.9 (heaviest first): ${lowest.join(' · ')}.` : '',
    ].join('\n'),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
