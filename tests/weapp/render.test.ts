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
import { localPhone, type LocalPhone } from './support/wx-local';

let stack: Stack;
let mp: MiniProgram;
let phone: LocalPhone;
let routes: string[] = [];
/** pages that show one case open with a real one: the officer's own draft, and one in their queue */
const QUERY: Record<string, string> = {};

async function arrangeCase(openid: string, submit: boolean): Promise<string> {
  const r = await stack.call<{ id: string }>('POST', '/api/aid/cases', {
    token: await stack.login(openid),
    headers: { 'idempotency-key': `weapp-render-${openid}-${process.pid}` },
    body: {
      householdSize: 2,
      annualIncomeFen: 2_400_000,
      rigidExpenseFen: 0,
      mainCause: 'unemployment',
      householdMembers: [{ relation: '女儿', age: 12, workStatus: 'student', annualIncomeFen: 0 }],
      description: '工厂停产后失业，女儿上初中，靠打零工维持生活。',
      bankAccount: '6217001234567890',
      submit,
    },
  });
  if (r.status >= 300)
    throw new Error(`arranging a case for ${openid}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id;
}

/**
 * The competition pages open on the seeded competition, the signed-in officer registered in it
 * (so the ticket page has a ticket of theirs to draw).
 */
async function arrangeCompetitionPages(): Promise<void> {
  const token = await stack.login('demo-officer-base');
  const list = await stack.call<{ items: { id: string; events: { id: string }[] }[] }>(
    'GET',
    '/api/competitions?open=1',
    { token },
  );
  const c = list.body.items[0];
  if (!c) throw new Error('the seed has no open competition');
  const reg = await stack.call<{ id: string }>('POST', `/api/competitions/${c.id}/registrations`, {
    token,
    headers: { 'idempotency-key': `weapp-render-competition-${process.pid}` },
    body: { eventId: c.events[1].id },
  });
  if (reg.status >= 300)
    throw new Error(`registering the officer: ${reg.status} ${JSON.stringify(reg.body)}`);
  for (const route of [
    'packages/competition/pages/detail/index',
    'packages/competition/pages/results/index',
    'packages/officer/pages/competition-manage/index',
    'packages/officer/pages/competition-scores/index',
    'packages/scanner/pages/index/index',
    'packages/scanner/pages/venue/index',
  ])
    QUERY[route] = `?id=${c.id}`;
  QUERY['packages/competition/pages/ticket/index'] = `?id=${c.id}&rid=${reg.body.id}`;
}

beforeAll(async () => {
  const [build, s] = await Promise.all([ensureWeappBuild(), startStack({ seed: true })]);
  stack = s;
  routes = pageRoutes(build.dir);
  QUERY['packages/aid/pages/case/index'] = `?id=${await arrangeCase('demo-officer-base', false)}`;
  QUERY['packages/officer/pages/aid-case/index'] = `?id=${await arrangeCase('demo-worker-1', true)}`;
  await arrangeCompetitionPages();
  phone = localPhone({
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

it('builds app.json with every page the source declares (34 today), main package and subpackages', () => {
  expect(routes).toEqual(SOURCE_ROUTES);
  expect(routes.length).toBeGreaterThanOrEqual(34);
});

describe.each(SOURCE_ROUTES)('page %s', (route) => {
  it('renders text with no error or warning', async () => {
    mp.problems.length = 0;
    const page = await mp.reLaunch(`/${route}${QUERY[route] ?? ''}`);
    // what the page asked the API for has come back and been rendered
    await phone.idle();
    await mp.settle(50);
    expect(mp.current.route).toBe(route);
    expect(page.text()).not.toBe('');
    mp.assertNoProblems();
  });
});
