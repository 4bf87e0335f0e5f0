/**
 * WeChat's miniprogram-ci, offline. It is about 275 MB installed (beside the app's ~745 MB of
 * node_modules), so it is not one of the app's dependencies: it lives in this folder with its
 * own package.json and lockfile and is installed on first use (`npm ci` here, ~1.5 min).
 *
 * Offline use, as checked: every call wants an appid and a private key (dummies do), the
 * project's attributes are given (`DefaultProjectAttr`) instead of fetched from WeChat, and
 * the one request it still makes (an extension white list) goes to a proxy on loopback that
 * refuses it, so nothing leaves the machine. Scripts must end with process.exit(): it leaves a
 * file watcher running.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const HERE = __dirname;
export const ROOT = path.resolve(HERE, '../..');

export interface CodeQualityItem {
  name?: string;
  success?: boolean;
  text?: string;
  detail?: unknown;
}

export interface WechatCi {
  Project: new (options: Record<string, unknown>) => unknown;
  DefaultProjectAttr: unknown;
  proxy(url: string): void;
  getCompiledResult(options: Record<string, unknown>): Promise<Record<string, string | Buffer>>;
  checkCodeQuality(project: unknown): Promise<CodeQualityItem[]>;
}

export function loadWechatCi(): WechatCi {
  if (!existsSync(path.join(HERE, 'node_modules/miniprogram-ci/package.json'))) {
    console.log('installing miniprogram-ci into tools/wechat-ci (once, about 275 MB)');
    const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: HERE, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('npm ci in tools/wechat-ci failed');
  }
  const ci = createRequire(path.join(HERE, 'package.json'))('miniprogram-ci') as WechatCi;
  ci.proxy('http://127.0.0.1:9');
  return ci;
}

/**
 * The project as WeChat DevTools opens it: the repository root, whose project.config.json
 * points at dist/weapp.
 */
export function weappProject(ci: WechatCi): unknown {
  return new ci.Project({
    appid: 'wx0000000000000000',
    type: 'miniProgram',
    projectPath: ROOT,
    privateKey: 'offline-check-needs-no-key',
    ignores: ['node_modules/**/*'],
    attr: async () => ci.DefaultProjectAttr,
  });
}

/**
 * app.json and every page's and component's .json checked against WeChat's schema, as an
 * upload would: null when all pass, else WeChat's message (file, field, what it needs).
 */
export async function schemaProblem(ci: WechatCi, project: unknown): Promise<string | null> {
  try {
    await ci.getCompiledResult({ project, version: '0.0.0', setting: { es6: false, minify: false } });
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** The sizes WeChat's code-quality check counts per package (bytes), keyed as it names them. */
export function packageSizesOf(items: CodeQualityItem[]): Record<string, number> {
  const item = items.find((i) => i.name === 'PACKAGE_SIZE_LIMIT');
  return (item?.detail ?? {}) as Record<string, number>;
}

/** A fresh production weapp build (dist/weapp), so what is checked is what the sources make. */
export function buildWeapp(): string {
  const dist = path.join(ROOT, 'dist/weapp');
  const r = spawnSync(path.join(ROOT, 'node_modules/.bin/taro'), ['build', '--type', 'weapp'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', TARO_ENV: 'weapp' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`taro build --type weapp failed:\n${r.stdout}${r.stderr}`);
  return dist;
}
