/**
 * Every page of app.json, subpackages included, renders in WeChat's component framework with
 * the real Taro runtime and React, signed in against the real local API: a page fails when its
 * code throws, when it logs console.error or console.warn, or when it shows no text.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStack, type Stack } from '../support/api-stack';
import { ensureWeappBuild } from '../support/weapp-build';
import { MiniProgram, pageRoutes, sourcePageRoutes } from './support/miniprogram';
import { localPhone } from './support/wx-local';

let stack: Stack;
let mp: MiniProgram;
let routes: string[] = [];

beforeAll(async () => {
  const [build, s] = await Promise.all([ensureWeappBuild(), startStack({ seed: true })]);
  stack = s;
  routes = pageRoutes(build.dir);
  const phone = localPhone({
    apiUrl: stack.url,
    wechat: stack.server.wechat!,
    user: 'demo-officer-base',
    tmpDir: mkdtempSync(path.join(os.tmpdir(), 'weapp-render-')),
  });
  mp = MiniProgram.launch(build.dir, phone.wx);
  const login = await mp.reLaunch('/pages/login/index');
  await login.tap('wx-login');
  await mp.current.waitFor(() => mp.current.route === 'pages/home/index');
}, 300_000);

afterAll(async () => {
  await mp?.close();
  await stack?.stop();
});

const SOURCE_ROUTES = sourcePageRoutes();

it('builds app.json with every page the source declares (17 today), main package and subpackages', () => {
  expect(routes).toEqual(SOURCE_ROUTES);
  expect(routes.length).toBeGreaterThanOrEqual(17);
});

describe.each(SOURCE_ROUTES)('page %s', (route) => {
  it('renders text with no error or warning', async () => {
    mp.problems.length = 0;
    const page = await mp.reLaunch(`/${route}`);
    await mp.settle(150);
    expect(mp.current.route).toBe(route);
    expect(page.text()).not.toBe('');
    mp.assertNoProblems();
  });
});
