/** Bundles a function entry the way a deploy would (esbuild, one CommonJS file for Node 20). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

// optional peers of the mongodb driver that a deploy leaves out
const EXTERNAL = [
  'kerberos',
  '@mongodb-js/zstd',
  'snappy',
  'socks',
  'aws4',
  'mongodb-client-encryption',
  'gcp-metadata',
  '@aws-sdk/credential-providers',
];

/** `root`: the source tree to bundle from (default: this worktree). */
export async function bundleFunction(entry: string, outfile: string, root = process.cwd()): Promise<void> {
  await build({
    absWorkingDir: root,
    entryPoints: [path.join(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: EXTERNAL,
    logLevel: 'error',
  });
}

/**
 * The source tree of a commit, for bundling an older build beside this one (bench/ab.ts):
 * the commit's files in a temporary directory, with this worktree's node_modules.
 */
export function sourceAt(ref: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `bench-src-${ref.replace(/[^\w.-]/g, '_')}-`));
  const tar = execFileSync('git', ['archive', '--format=tar', ref], { maxBuffer: 1 << 30 });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  symlinkSync(path.resolve('node_modules'), path.join(dir, 'node_modules'));
  return dir;
}
