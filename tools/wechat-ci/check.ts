/**
 * `npm run check:weapp`: WeChat's own checks of the production weapp build, offline, as an
 * upload from WeChat DevTools would run them (CI runs this after `npm test`):
 *  - app.json and every page's .json against WeChat's schema (getCompiledResult);
 *  - the code-quality checks that concern this app (checkCodeQuality): main package under
 *    1.5 MB, lazy code loading on, no main-package code or component used only by a
 *    subpackage, no unused components or files.
 * Prints what WeChat reported and exits 1 on a failed check. Writes nothing.
 */
import { buildWeapp, loadWechatCi, packageSizesOf, schemaProblem, weappProject } from './index';

const MUST_PASS = [
  'PACKAGE_SIZE_LIMIT',
  'LAZYCODE_LOADING_OPEN',
  'CONTAINS_OTHER_PKG_JS',
  'CONTAINS_OTHER_PKG_COMPONENTS',
  'CONTAINS_UNUSED_COMPONENTS',
  'CONTAINS_UNUSED_CODES',
];

async function main(): Promise<number> {
  const ci = loadWechatCi();
  buildWeapp();
  const project = weappProject(ci);
  const problems: string[] = [];

  const schema = await schemaProblem(ci, project);
  if (schema) problems.push(`WeChat's schema check refused the build: ${schema}`);
  else console.log('schema: app.json and every page and component .json pass');

  const items = await ci.checkCodeQuality(project);
  for (const name of MUST_PASS) {
    const item = items.find((i) => i.name === name);
    if (!item) problems.push(`checkCodeQuality no longer reports ${name}`);
    else if (!item.success)
      problems.push(`checkCodeQuality ${name}: ${item.text} ${JSON.stringify(item.detail ?? '')}`);
  }
  const sizes = packageSizesOf(items);
  console.log(
    'checkCodeQuality package sizes: ' +
      Object.entries(sizes)
        .map(([k, v]) => `${k === '__APP__' ? 'main' : k.replace(/\/$/, '')} ${(v / 1024).toFixed(1)} KB`)
        .join(', '),
  );
  for (const i of items.filter((i) => !MUST_PASS.includes(i.name ?? '') && !i.success))
    console.log(`note (not failed on): ${i.name}: ${i.text}`);

  for (const p of problems) console.error(p);
  console.log(problems.length ? `check:weapp: ${problems.length} failed` : 'check:weapp: all passed');
  return problems.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
