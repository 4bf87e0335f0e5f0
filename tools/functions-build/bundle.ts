/**
 * How a function is bundled for deploy: esbuild, one CommonJS file for Node 20, the mongodb
 * driver's optional peers left out. `import()` is turned into `require()` (the bundle runs
 * through a `vm.Script` with a code cache, see code-cache.ts, where a real `import()` would fail).
 */
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

/** `root`: the source tree to bundle from (default: the current directory). */
export async function bundleFunction(entry: string, outfile: string, root = process.cwd()): Promise<void> {
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
}
