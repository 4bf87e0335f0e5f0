/**
 * Builds for benchmarks: a function bundled as a deploy bundles it (tools/functions-build; use
 * its `buildFunction` for the whole deploy build, code cache included), from this worktree or
 * from the source tree of an older commit.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export { bundleFunction } from '../tools/functions-build/bundle';

/**
 * The source tree of a commit, for building an older version beside this one (bench/ab.ts):
 * the commit's files in a temporary directory, with this worktree's node_modules.
 */
export function sourceAt(ref: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `bench-src-${ref.replace(/[^\w.-]/g, '_')}-`));
  const tar = execFileSync('git', ['archive', '--format=tar', ref], { maxBuffer: 1 << 30 });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  symlinkSync(path.resolve('node_modules'), path.join(dir, 'node_modules'));
  return dir;
}
