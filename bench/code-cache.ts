/**
 * A V8 code cache built at bundle time, for Node 20 targets (Node 22 has
 * `module.enableCompileCache`; Node 20 does not). A small loader compiles the bundle with
 * `vm.Script` and the cache beside it; the cache is made by a fresh process that loads the bundle
 * through the same loader (and, given an event, answers one request first, so the functions the first
 * request compiles are in the cache too: that needs a database at build time), then saves `script.createCachedData()`. The cache
 * fits only the Node (V8) version and flags that made it: V8 rejects any other, and the loader
 * then compiles from source as usual. Measured by `npm run bench:ab` (docs/benchmarks.md).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const KEY = "Symbol.for('bench.codeCacheScript')";

const loaderSource = (bundleName: string) => `'use strict';
// Compiles ${bundleName} with the V8 code cache beside it (bench/code-cache.ts).
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { wrap } = require('node:module');
const file = path.join(__dirname, ${JSON.stringify(bundleName)});
let cachedData;
try {
  cachedData = fs.readFileSync(file + '.v8cache');
} catch {}
const script = new vm.Script(wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
globalThis[${KEY}] = script;
const m = { exports: {} };
script.runInThisContext()(m.exports, require, m, file, __dirname);
module.exports = m.exports;
`;

const BUILD = `
const fs = require('node:fs');
const [loader, cacheFile, event] = process.argv.slice(1);
const { handler } = require(loader);
const save = () => {
  fs.writeFileSync(cacheFile, globalThis[${KEY}].createCachedData());
  process.exit(0);
};
if (event) handler(JSON.parse(event), {}).then(save);
else save();
`;

const CHECK = `require(process.argv[1]); process.stdout.write(String(globalThis[${KEY}].cachedDataRejected));`;

/**
 * Writes `<bundle>.v8cache` and a loader beside the bundle; returns the loader's path (it
 * exports what the bundle exports). Throws when V8 would not take the cache.
 */
export function withCodeCache(bundle: string, env: NodeJS.ProcessEnv, warmEvent?: unknown): string {
  const loader = bundle.replace(/\.js$/, '.cached.js');
  writeFileSync(loader, loaderSource(path.basename(bundle)));
  const args = ['-e', BUILD, loader, `${bundle}.v8cache`, ...(warmEvent ? [JSON.stringify(warmEvent)] : [])];
  execFileSync(process.execPath, args, { env, stdio: 'inherit' });
  const rejected = execFileSync(process.execPath, ['-e', CHECK, loader], { env });
  if (String(rejected) !== 'false') throw new Error(`V8 rejected the code cache of ${bundle}`);
  return loader;
}
