/**
 * WeChat's own compilers accept the built mini program: every template (.wxml, .wxs) compiles
 * with `wcc` and every stylesheet (.wxss) with `wcsc`, as WeChat DevTools compiles them before
 * upload. A refused file fails with the compiler's message, which names the file and line.
 */
import { ensureWeappBuild } from '../support/weapp-build';
import { compileWxml, compileWxss, ensureWechatCompilers } from './support/wechat-compilers';

let dist: string;

beforeAll(async () => {
  dist = (await ensureWeappBuild()).dir;
  ensureWechatCompilers();
}, 300_000);

it('compiles every .wxml and .wxs file with wcc', () => {
  const r = compileWxml(dist);
  if (!r.ok) throw new Error(`wcc refused the templates of dist/weapp:\n${r.message}`);
  expect(r.files.filter((f) => f.endsWith('.wxml')).length).toBeGreaterThanOrEqual(18);
  // the compiled code holds an entry for each template it was given
  for (const f of r.files) expect(r.output).toContain(f.endsWith('.wxs') ? `p_${f}` : `'${f}'`);
});

it('compiles every .wxss file with wcsc', () => {
  const r = compileWxss(dist);
  if (!r.ok) throw new Error(`wcsc refused the styles of dist/weapp:\n${r.message}`);
  // wcsc answers `key=value=…`: one entry per page or component stylesheet
  const keys = r.output.split('=').filter((_, i) => i % 2 === 0);
  for (const f of r.pageStyles) expect(keys).toContain(f);
  expect(r.pageStyles).toContain('app.wxss');
});
