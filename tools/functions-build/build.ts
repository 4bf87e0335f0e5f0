/**
 * `npm run build:functions [-- <name>…] [--no-code-cache]`: every deployable function (or the
 * named ones) bundled into out/functions/<name>/: `index.js` (the entry: handler `index.handler`,
 * and `index.sweepHandler` for files), `function.js` (the bundle) and `function.js.v8cache` (a V8
 * code cache, code-cache.ts). Run it on the Node version the functions run on (`node -v`).
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { FUNCTIONS } from '../../cloud/functions/registry';
import { bundleFunction } from './bundle';
import { addCodeCache, addPlainEntry, BUNDLE, CACHE } from './code-cache';

export interface BuildOptions {
  /** the source tree (default: the current directory) */
  root?: string;
  codeCache?: boolean;
  /** default true: the bundle in ASCII only (ascii-source.ts) */
  asciiOnly?: boolean;
}

/** Builds one function entry into `dir`; returns the entry file to load (index.js). */
export async function buildFunction(entry: string, dir: string, opts: BuildOptions = {}): Promise<string> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await bundleFunction(entry, path.join(dir, BUNDLE), opts.root, { asciiOnly: opts.asciiOnly });
  return opts.codeCache === false ? addPlainEntry(dir) : addCodeCache(dir);
}

const kb = (file: string) => `${(statSync(file).size / 1024).toFixed(0)} KB`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const codeCache = !args.includes('--no-code-cache');
  const names = args.filter((a) => !a.startsWith('--'));
  const unknown = names.filter((n) => !FUNCTIONS.some((f) => f.name === n));
  if (unknown.length) throw new Error(`no function named ${unknown.join(', ')}`);
  for (const { name } of FUNCTIONS.filter((f) => names.length === 0 || names.includes(f.name))) {
    const dir = path.resolve('out/functions', name);
    await buildFunction(`cloud/functions/${name}/index.ts`, dir, { codeCache });
    const cache = codeCache ? `, code cache ${kb(path.join(dir, CACHE))} for Node ${process.version}` : '';
    console.log(`${name}: out/functions/${name}/ (bundle ${kb(path.join(dir, BUNDLE))}${cache})`);
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
