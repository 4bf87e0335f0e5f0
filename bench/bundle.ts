/** Bundles a function entry the way a deploy would (esbuild, one CommonJS file for Node 20). */
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

export async function bundleFunction(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: EXTERNAL,
    logLevel: 'error',
  });
}
