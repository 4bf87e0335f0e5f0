/**
 * The H5 build the e2e tests drive. Built once when dist/h5/index.html is missing, or again
 * when E2E_REBUILD=1. A directory lock keeps parallel test files from building at once.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const ROOT = path.resolve(__dirname, '../../..');
export const H5_DIR = path.join(ROOT, 'dist/h5');
const LOCK = path.join(ROOT, 'dist/.h5-build.lock');

let rebuiltInThisProcess = false;

async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  mkdirSync(path.dirname(LOCK), { recursive: true });
  for (let i = 0; ; i++) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (i > 600) throw new Error(`H5 build lock ${LOCK} held for 5 minutes; remove it if no build runs`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

export async function ensureH5Build(): Promise<string> {
  const index = path.join(H5_DIR, 'index.html');
  const wanted = process.env.E2E_REBUILD === '1' && !rebuiltInThisProcess;
  if (existsSync(index) && !wanted) return H5_DIR;
  await withLock(async () => {
    if (existsSync(index) && !wanted) return;
    await run(path.join(ROOT, 'node_modules/.bin/taro'), ['build', '--type', 'h5'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', TARO_ENV: 'h5' },
      maxBuffer: 64 * 1024 * 1024,
    });
    rebuiltInThisProcess = true;
  });
  if (!existsSync(index)) throw new Error('taro build --type h5 finished without dist/h5/index.html');
  return H5_DIR;
}
