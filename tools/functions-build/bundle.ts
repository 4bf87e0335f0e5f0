/**
 * How a function is bundled for deploy: esbuild, one CommonJS file for Node 20, the mongodb
 * driver's optional peers left out. `import()` is turned into `require()` (the bundle runs
 * through a `vm.Script` with a code cache, see code-cache.ts, where a real `import()` would fail).
 * The bundle is then made ASCII only (ascii-source.ts), so V8 keeps it one byte per character.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { asciiSource } from './ascii-source';

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

/**
 * `root`: the source tree to bundle from (default: the current directory); `asciiOnly: false`
 * leaves the bundle as esbuild writes it (for measuring what ASCII-only saves).
 */
export async function bundleFunction(
  entry: string,
  outfile: string,
  root = process.cwd(),
  { asciiOnly = true } = {},
): Promise<void> {
  await build({
    absWorkingDir: root,
    entryPoints: [path.join(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    supported: { 'dynamic-import': false },
    external: EXTERNAL,
    logLevel: 'error',
  });
  if (asciiOnly) writeFileSync(outfile, asciiSource(readFileSync(outfile, 'utf8')));
}
