/**
 * The screens at WeChat's font sizes (docs/font-sizes.md). In H5 the app's root size is a
 * percentage of the browser's default font size, so a browser set to 16 × WeChat's factor shows
 * what that WeChat setting shows. At each size, in normal mode and in 长辈版, home, the aid form
 * and an officer's case must keep every text whole, every control apart and (长辈版) every text
 * ≥ 18 px: phone.ts `shot` checks each picture (a11y.ts) and fails on any problem.
 */
import { idNumberCheckChar } from '../../src/contracts/idNumber';
import { CURRENT_CONSENT_VERSION } from '../../src/contracts/consentVersion';
import { openPhone } from './support/phone';
import { startE2eStack, type E2eStack } from './support/stack';
import { loginAs, LOGIN_HASH, openFresh, switchUser } from './support/taro';

jest.setTimeout(600_000);

let stack: E2eStack;
let caseId = '';

/**
 * WeChat's sizes (iOS, 375-pt screen; Android reports its own factors): the scale factor is the
 * user's size over the standard 17 px. +3 and the largest a phone reaches (+5 on a 414-pt screen).
 */
const SIZES = [
  { name: 'standard', label: '标准', factor: 1 },
  { name: 'plus3', label: '+3 (21 px)', factor: 21 / 17 },
  { name: 'largest', label: '+5 on a 414-pt phone (25.5 px)', factor: 25.5 / 17 },
];

async function api(method: string, url: string, openid: string, body?: unknown) {
  const login = await fetch(`${stack.url}/api/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid }),
  });
  const { token } = (await login.json()) as { token: string };
  const r = await fetch(stack.url + url, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': `font-sizes-${process.pid}-${method}-${url.replace(/\W/g, '')}`.slice(0, 120),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`${method} ${url}: ${r.status} ${await r.text()}`);
  return (await r.json()) as { id?: string; version?: number };
}

beforeAll(async () => {
  stack = await startE2eStack();
  // a submitted case with its home visit recorded, waiting for the 基层 officer's decision
  const worker = 'e2e-font-sizes-worker';
  const id17 = '33010619650302' + String(100 + (process.pid % 900));
  await api('PUT', '/api/members/me', worker, {
    name: '钱秀珍',
    idNumber: id17 + idNumberCheckChar(id17),
    phone: '13812345678',
    orgId: 'c1d1t1b1',
    consentVersion: CURRENT_CONSENT_VERSION,
  });
  const created = await api('POST', '/api/aid/cases', worker, {
    householdSize: 3,
    annualIncomeFen: 2_600_000,
    rigidExpenseFen: 800_000,
    mainCause: 'illness',
    householdMembers: [
      { relation: '丈夫', age: 58, workStatus: 'unable', annualIncomeFen: 0 },
      { relation: '孙子', age: 9, workStatus: 'student', annualIncomeFen: 0 },
    ],
    description: '丈夫中风后卧床，要人照顾，孙子上小学，家里靠我一份工资。',
    bankAccount: '6217001234567890',
    submit: true,
  });
  caseId = created.id!;
  const current = await api('GET', `/api/aid/cases/${caseId}`, 'demo-officer-base');
  await api('POST', `/api/aid/cases/${caseId}/transitions`, 'demo-officer-base', {
    action: 'record_visit',
    version: current.version,
    visit: { date: '2026-11-20', findings: '入户核实，丈夫卧床，情况属实。' },
  });
}, 300_000);

afterAll(async () => {
  await stack?.stop();
});

describe.each(SIZES)('at WeChat font size $label', ({ name, factor }) => {
  it(`keeps home, the aid form and an officer's case whole and apart, in normal mode and 长辈版`, async () => {
    const phone = await openPhone(`font-sizes/${name}`, { defaultFontPx: Math.round(16 * factor) });
    const { page, shot } = phone;
    try {
      await page.goto(stack.url + '/');
      await page.waitForURL((u) => u.hash.startsWith(LOGIN_HASH));
      await loginAs(page, 'login-demo-worker-1');
      // the root follows the browser's size, as it follows WeChat's in the mini program
      const root = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      expect(root).toBe(Math.round(16 * factor));
      await shot('01-home');

      await openFresh(page, stack.url, '/packages/aid/pages/apply/index');
      await page.locator('#member-add').click();
      await page.locator('#member-0').waitFor();
      await shot('02-aid-form');

      await switchUser(page, stack.url, 'login-demo-officer-base');
      await openFresh(page, stack.url, `/packages/officer/pages/aid-case/index?id=${caseId}`);
      await page.locator('#officer-case-head').waitFor();
      await shot('03-officer-case');
    } finally {
      await phone.close();
    }
  });
});
