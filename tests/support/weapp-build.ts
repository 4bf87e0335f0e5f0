/**
 * The production weapp build (`taro build --type weapp` → dist/weapp), made once per jest run
 * and shared: the build test checks it and measures it, the weapp tests compile and run it.
 * Whichever test file asks first builds it under a directory lock; the others wait and read
 * what it recorded (build time and output) from test-output/weapp-build.json. The jest run is
 * named by TEST_RUN_ID, which tests/support/global-setup.ts sets before any worker starts.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { withBuildLock } from './build-lock';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
export const WEAPP_DIR = path.join(ROOT, 'dist/weapp');
const LOCK = path.join(ROOT, 'dist/.weapp-build.lock');
const RECORD = path.join(ROOT, 'test-output/weapp-build.json');

export interface WeappBuild {
  dir: string;
  /** wall time of the build, ms */
  ms: number;
  /** what taro printed (stdout + stderr) */
  output: string;
  runId: string;
}

function runId(): string {
  // without the global setup (a file run on its own by some other runner): one build per process
  return process.env.TEST_RUN_ID ?? `pid-${process.pid}`;
}

function recorded(): WeappBuild | null {
  try {
    const r = JSON.parse(readFileSync(RECORD, 'utf8')) as WeappBuild;
    return r.runId === runId() && existsSync(path.join(WEAPP_DIR, 'app.json')) ? r : null;
  } catch {
    return null;
  }
}

/** The build of this jest run: made now if no test file has made it yet. */
export async function ensureWeappBuild(): Promise<WeappBuild> {
  const done = recorded();
  if (done) return done;
  return withBuildLock(LOCK, 'weapp', async () => {
    const again = recorded();
    if (again) return again;
    const started = Date.now();
    let output = '';
    try {
      const r = await run(path.join(ROOT, 'node_modules/.bin/taro'), ['build', '--type', 'weapp'], {
        cwd: ROOT,
        env: { ...process.env, NODE_ENV: 'production', TARO_ENV: 'weapp' },
        maxBuffer: 64 * 1024 * 1024,
      });
      output = r.stdout + r.stderr;
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string; message: string };
      throw new Error(
        `taro build --type weapp failed: ${err.message}\n${err.stdout ?? ''}${err.stderr ?? ''}`,
      );
    }
    const build: WeappBuild = { dir: WEAPP_DIR, ms: Date.now() - started, output, runId: runId() };
    mkdirSync(path.dirname(RECORD), { recursive: true });
    writeFileSync(RECORD, JSON.stringify(build));
    return build;
  });
}
