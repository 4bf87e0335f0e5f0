/**
 * One build at a time across jest's workers: a lock directory (mkdir is atomic), waited for in
 * half-second steps for up to 5 minutes, removed when the build ends however it ends.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

export async function withBuildLock<T>(lock: string, what: string, fn: () => Promise<T>): Promise<T> {
  mkdirSync(path.dirname(lock), { recursive: true });
  for (let i = 0; ; i++) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (i > 600)
        throw new Error(`${what} build lock ${lock} held for 5 minutes; remove it if no build runs`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
