/**
 * The H5 build the e2e tests drive. Built when dist/h5/index.html is missing or older than the
 * sources (src/, config/), or once per jest run when E2E_REBUILD=1. A directory lock keeps parallel test files from building at once.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { withBuildLock } from '../../support/build-lock';

const run = promisify(execFile);
export const ROOT = path.resolve(__dirname, '../../..');
export const H5_DIR = path.join(ROOT, 'dist/h5');
const LOCK = path.join(ROOT, 'dist/.h5-build.lock');
// E2E_REBUILD=1 rebuilds once per jest run, not once per test file: test files run in worker
// processes of one jest parent, which the stamp names
const STAMP = path.join(ROOT, 'dist/.h5-build-run');
const RUN_ID = String(process.env.JEST_WORKER_ID ? process.ppid : process.pid);

function rebuiltInThisRun(): boolean {
  try {
    return readFileSync(STAMP, 'utf8') === RUN_ID;
  } catch {
    return false;
  }
}

/** Newest modification time of the sources the H5 build is made from. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** dist/h5 is missing, older than src/ or config/, or a rebuild was asked for. */
function needsBuild(index: string): boolean {
  if (!existsSync(index)) return true;
  if (process.env.E2E_REBUILD === '1') return !rebuiltInThisRun();
  const built = statSync(index).mtimeMs;
  return ['src', 'config'].some((d) => newestSource(path.join(ROOT, d)) > built);
}

export async function ensureH5Build(): Promise<string> {
  const index = path.join(H5_DIR, 'index.html');
  if (!needsBuild(index)) return H5_DIR;
  await withBuildLock(LOCK, 'H5', async () => {
    if (!needsBuild(index)) return;
    await run(path.join(ROOT, 'node_modules/.bin/taro'), ['build', '--type', 'h5'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', TARO_ENV: 'h5' },
      maxBuffer: 64 * 1024 * 1024,
    });
    writeFileSync(STAMP, RUN_ID);
  });
  if (!existsSync(index)) throw new Error('taro build --type h5 finished without dist/h5/index.html');
  return H5_DIR;
}
