/**
 * A V8 code cache made at build time, for Node 20 (which has no `module.enableCompileCache`;
 * Node 22 does). Beside the bundle `function.js` go `function.js.v8cache` and the entry
 * `index.js`: a loader that compiles the bundle with `vm.Script` and the cache, so a cold start
 * skips most of parsing and compiling (measured: docs/benchmarks.md, A/B rows "code cache").
 *
 * The cache is made by a fresh process of the Node that runs the build, after loading the bundle
 * (no database needed). V8 takes it only on the same Node (V8) version and flags: build on the
 * runtime's exact Node. On another, the loader does not read it, compiles from source as without
 * it (measured: no slower), and logs one warning line per cold start, so the mismatch shows.
 * V8 checks a cache's version, flags and source length but not its bytes: a damaged cache, or one
 * made for another bundle of the same length, would crash the process. So the build stamps the
 * bundle with a build id and the loader with it and the cache's SHA-256 (0.8 ms to check), and
 * the loader uses the cache only when both match.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const BUNDLE = 'function.js';
export const CACHE = 'function.js.v8cache';
export const ENTRY = 'index.js';

interface Stamp {
  /** the Node that made the cache */
  builtBy: string;
  /** written at the end of the bundle too: the cache is only for that bundle */
  build: string;
  /** of the cache file: V8 does not check a cache's bytes, and damaged ones crash it */
  sha256: string;
}

const loaderSource = ({ builtBy, build, sha256 }: Stamp) => `'use strict';
// The function's entry (tools/functions-build/code-cache.ts): compiles ${BUNDLE} with the V8 code
// cache made with it on Node ${builtBy}; on any other Node, or with another bundle or a damaged
// cache, compiles it without (and says so once).
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { wrap } = require('node:module');
const BUILT_BY = ${JSON.stringify(builtBy)};
const BUILD = ${JSON.stringify(build)};
const CACHE_SHA256 = ${JSON.stringify(sha256)};
const file = path.join(__dirname, ${JSON.stringify(BUNDLE)});
const source = fs.readFileSync(file, 'utf8');
const warn = (msg) =>
  process.stdout.write(JSON.stringify({ level: 40, time: Date.now(), msg, builtBy: BUILT_BY, node: process.version }) + '\\n');
let cachedData;
if (process.version !== BUILT_BY) warn("code cache not used: built by another Node; build on the runtime's Node");
else if (!source.endsWith('\\n// build ' + BUILD + '\\n')) warn('code cache not used: made for another bundle');
else {
  let cache;
  try {
    cache = fs.readFileSync(path.join(__dirname, ${JSON.stringify(CACHE)}));
  } catch {
    warn('code cache missing: compiling without it');
  }
  if (cache && crypto.createHash('sha256').update(cache).digest('hex') === CACHE_SHA256) cachedData = cache;
  else if (cache) warn('code cache damaged: compiling without it');
}
const script = new vm.Script(wrap(source), { filename: file, cachedData });
if (cachedData && script.cachedDataRejected) warn('code cache rejected by V8 (other flags?): compiling without it');
const bundle = { exports: {} };
script.runInThisContext()(bundle.exports, require, bundle, file, __dirname);
module.exports = bundle.exports;
`;

// loads the bundle as the loader does, then saves what V8 compiled
const MAKE_CACHE = `
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { wrap } = require('node:module');
const [file, cacheFile] = process.argv.slice(1);
const script = new vm.Script(wrap(fs.readFileSync(file, 'utf8')), { filename: file });
const bundle = { exports: {} };
script.runInThisContext()(bundle.exports, require, bundle, file, path.dirname(file));
fs.writeFileSync(cacheFile, script.createCachedData());
process.exit(0);
`;

/**
 * Writes the cache and the loader beside `dir/function.js`; returns the loader's path. The
 * bundle is loaded with a production configuration of placeholders (loading reads the
 * configuration and connects to nothing).
 */
export function addCodeCache(dir: string): string {
  const env = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    MONGODB_URI: 'mongodb://build.invalid:27017',
    JWT_SECRET: randomBytes(32).toString('hex'),
    PII_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'silent',
  };
  const build = randomBytes(8).toString('hex');
  appendFileSync(path.join(dir, BUNDLE), `\n// build ${build}\n`);
  execFileSync(process.execPath, ['-e', MAKE_CACHE, path.join(dir, BUNDLE), path.join(dir, CACHE)], {
    env,
    stdio: 'inherit',
  });
  const sha256 = createHash('sha256')
    .update(readFileSync(path.join(dir, CACHE)))
    .digest('hex');
  const loader = path.join(dir, ENTRY);
  writeFileSync(loader, loaderSource({ builtBy: process.version, build, sha256 }));
  return loader;
}

/** Without a code cache: the entry just requires the bundle. */
export function addPlainEntry(dir: string): string {
  const loader = path.join(dir, ENTRY);
  writeFileSync(loader, `'use strict';\nmodule.exports = require('./${BUNDLE}');\n`);
  return loader;
}
