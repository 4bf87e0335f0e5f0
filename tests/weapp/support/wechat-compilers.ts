/**
 * WeChat's own template and style compilers, `wcc` (WXML/WXS → JS) and `wcsc` (WXSS → JS), as
 * shipped for Linux x86-64 in the `miniprogram-compiler` package. Their files arrive without
 * the execute bit (npm here runs no install scripts); `ensureWechatCompilers` sets it on a
 * fresh copy that replaces the file, never on the file in place: node_modules may be
 * hard-linked into other checkouts.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, readdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';

const BIN = path.join(path.dirname(require.resolve('miniprogram-compiler/package.json')), 'bin/linux');
export const WCC = path.join(BIN, 'wcc');
export const WCSC = path.join(BIN, 'wcsc');

function makeExecutable(file: string): void {
  const st = statSync(file);
  if ((st.mode & 0o111) === 0o111 && st.nlink === 1) return;
  const copy = `${file}.${process.pid}.tmp`;
  copyFileSync(file, copy);
  chmodSync(copy, 0o755);
  renameSync(copy, file);
}

export function ensureWechatCompilers(): void {
  if (process.platform !== 'linux' || process.arch !== 'x64')
    throw new Error(
      `WeChat's wcc/wcsc ship for Linux x86-64 only (this is ${process.platform} ${process.arch})`,
    );
  makeExecutable(WCC);
  makeExecutable(WCSC);
}

/** Files under `dir` (relative, '/'-separated, sorted) whose names end with `ext`. */
export function filesWithExt(dir: string, ext: string, under = ''): string[] {
  return readdirSync(path.join(dir, under), { withFileTypes: true })
    .flatMap((e) => {
      const rel = under ? `${under}/${e.name}` : e.name;
      if (e.isDirectory()) return filesWithExt(dir, ext, rel);
      return rel.endsWith(ext) ? [rel] : [];
    })
    .sort();
}

export interface CompileResult {
  ok: boolean;
  /** the compiler's own message (file:line and what it expected) when it refused */
  message: string;
  output: string;
}

function runCompiler(bin: string, args: string[], cwd: string): CompileResult {
  const r = spawnSync(bin, args, { cwd, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
  if (r.error) throw r.error;
  const message = `${r.stderr ?? ''}${r.status === 0 ? '' : (r.stdout ?? '')}`.trim();
  return { ok: r.status === 0, message, output: r.stdout ?? '' };
}

/**
 * All .wxml and .wxs files of a mini program in one `wcc` run, as WeChat DevTools does (a
 * template may import another): `wcc -d -cc <components> <files…> -gn $gwx`.
 */
export function compileWxml(dist: string): CompileResult & { files: string[] } {
  const files = [...filesWithExt(dist, '.wxml'), ...filesWithExt(dist, '.wxs')];
  return { ...runCompiler(WCC, ['-d', '-cc', '0', ...files, '-gn', '$gwx'], dist), files };
}

/**
 * All .wxss files in one `wcsc` run: `wcsc -db -pc <n> <page and component styles> <the rest>`,
 * where a page or component style is one with a .json beside it (app.wxss counts, app.json).
 */
export function compileWxss(dist: string): CompileResult & { files: string[]; pageStyles: string[] } {
  const files = filesWithExt(dist, '.wxss');
  const pageStyles = files.filter((f) => existsSync(path.join(dist, f.replace(/\.wxss$/, '.json'))));
  const rest = files.filter((f) => !pageStyles.includes(f));
  const result = runCompiler(WCSC, ['-db', '-pc', String(pageStyles.length), ...pageStyles, ...rest], dist);
  return { ...result, files, pageStyles };
}
