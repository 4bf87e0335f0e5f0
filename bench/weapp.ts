/**
 * `npm run bench:weapp`: a production weapp build, timed, and its package sizes twice — as the
 * files on disk add up (what the build test holds to WeChat's limits) and as WeChat's own
 * code-quality check (miniprogram-ci checkCodeQuality, offline) counts them — written to
 * docs/benchmarks.md.
 */
import { kb, packageSizes } from './weapp-packages';
import { table, writeSection } from './report';
import { buildWeapp, loadWechatCi, packageSizesOf, weappProject } from '../tools/wechat-ci';

async function main(): Promise<void> {
  const ci = loadWechatCi();
  const started = Date.now();
  const dist = buildWeapp();
  const buildMs = Date.now() - started;
  const disk = packageSizes(dist);
  const wechat = packageSizesOf(await ci.checkCodeQuality(weappProject(ci)));
  const wechatKb = (key: string) => (wechat[key] === undefined ? '—' : kb(wechat[key]));
  const wechatTotal = Object.values(wechat).reduce((n, v) => n + v, 0);

  const rows = [
    [
      'main (tabBar pages, login, runtime)',
      kb(disk.main),
      wechatKb('__APP__'),
      '2 MB (aim 1 MB; WeChat advises 1.5 MB)',
    ],
    ...disk.subpackages.map((s) => [s.root, kb(s.size), wechatKb(`${s.root}/`), '2 MB']),
    ['all together', kb(disk.total), kb(wechatTotal), '20 MB'],
  ];
  console.log(table(['package', 'files on disk', 'WeChat checkCodeQuality', 'limit'], rows));
  writeSection(
    'weapp package sizes',
    [
      'Written by `npm run bench:weapp` after a production `taro build --type weapp`. "Files on disk" adds up',
      'dist/weapp (main = everything outside the subpackage roots), as `tests/build/weapp.test.ts` holds it to the',
      "limits; the next column is what WeChat's own code-quality check (miniprogram-ci `checkCodeQuality`, offline)",
      'counts for each package. WeChat limits: 2 MB per package, 20–30 MB in all. Budget: main ≤ 1 MB.',
      '',
      table(['package', 'files on disk', 'WeChat checkCodeQuality', 'limit'], rows),
      '',
      `Build time: ${(buildMs / 1000).toFixed(1)} s (one run, shared machine).`,
    ].join('\n'),
  );
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
