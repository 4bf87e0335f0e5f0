/**
 * Sizes of a built mini program's packages as WeChat counts them: the main package is every
 * file outside the subpackage roots, each subpackage everything under its root. Used by the
 * build test (limits) and by `npm run bench:weapp` (the figures in docs/benchmarks.md).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface AppJson {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
  subpackages?: { root: string; pages: string[] }[];
  tabBar?: { list: { pagePath: string; text?: string; iconPath?: string; selectedIconPath?: string }[] };
  preloadRule?: Record<string, { network?: 'all' | 'wifi'; packages: string[] }>;
  lazyCodeLoading?: string;
}

export interface PackageSizes {
  main: number;
  subpackages: { root: string; size: number }[];
  total: number;
}

export function readAppJson(dist: string): AppJson {
  return JSON.parse(readFileSync(path.join(dist, 'app.json'), 'utf8')) as AppJson;
}

export function subpackagesOf(app: AppJson): { root: string; pages: string[] }[] {
  return app.subPackages ?? app.subpackages ?? [];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

export function packageSizes(dist: string): PackageSizes {
  const roots = subpackagesOf(readAppJson(dist)).map((s) => s.root.replace(/\/$/, ''));
  const all = filesUnder(dist).map((f) => ({
    rel: path.relative(dist, f).split(path.sep).join('/'),
    size: statSync(f).size,
  }));
  const under = (root: string) => all.filter((f) => f.rel.startsWith(`${root}/`));
  return {
    main: all.filter((f) => !roots.some((r) => f.rel.startsWith(`${r}/`))).reduce((n, f) => n + f.size, 0),
    subpackages: roots.map((root) => ({ root, size: under(root).reduce((n, f) => n + f.size, 0) })),
    total: all.reduce((n, f) => n + f.size, 0),
  };
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
