/**
 * Test support: a hardship-aid case taken through the review through the real API, for the tests
 * of what happens on the way (returns, payments, objections, reveals). Each step checks it was
 * taken, so a test fails where its journey breaks, not later.
 */
import type { Stack } from './api-stack';
import { registeredWorker } from './people';

export const VISIT = { date: '2026-11-20', findings: '入户核实：家中三口人，丈夫住院，情况属实。' };

/** 3 people, 30 000 元 a year, 6 000 元 刚性支出: 深度困难 in 江城 */
export const APPLICATION = {
  householdSize: 3,
  annualIncomeFen: 3_000_000,
  rigidExpenseFen: 600_000,
  mainCause: 'illness',
  secondaryCauses: ['schooling'],
  description: '丈夫患病住院，孩子上学，家里只有我一份收入。',
  bankAccount: '6222021234567890123',
};

export function aidJourney(stack: Stack, prefix: string) {
  let n = 0;
  const officers: Record<'base' | 'town' | 'city', string> = { base: '', town: '', city: '' };

  async function signIn(): Promise<void> {
    for (const level of ['base', 'town', 'city'] as const)
      officers[level] = await stack.login(`demo-officer-${level}`);
  }

  /** A new worker of 江城机械厂工会 (or `orgId`) with a real-name profile. */
  const worker = (orgId = 'c1d1t1b1') => registeredWorker(stack, `${prefix}-${++n}`, orgId);

  async function apply(token: string, over: Record<string, unknown> = {}, submit = true): Promise<string> {
    const r = await stack.call('POST', '/api/aid/cases', {
      token,
      body: { ...APPLICATION, ...over, submit },
    });
    if (r.status !== 201) throw new Error(`apply: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.id as string;
  }

  const view = async (token: string, id: string) => {
    const r = await stack.call('GET', `/api/aid/cases/${id}`, { token });
    if (r.status !== 200) throw new Error(`view: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  /** One transition at the case's current version (read by the caller); the answer as it came. */
  async function act(token: string, id: string, action: string, extra: Record<string, unknown> = {}) {
    const { version } = await view(token, id);
    return stack.call('POST', `/api/aid/cases/${id}/transitions`, {
      token,
      body: { action, version, ...extra },
    });
  }

  /** The same, failing the test unless it was taken. */
  async function step(token: string, id: string, action: string, extra: Record<string, unknown> = {}) {
    const r = await act(token, id, action, extra);
    if (r.status !== 200) throw new Error(`${action}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  /** From submitted to the 街道 (visit recorded, 基层 approved). */
  async function toTown(id: string) {
    await step(officers.base, id, 'record_visit', { visit: VISIT });
    return step(officers.base, id, 'approve', { comment: '情况属实' });
  }

  /** On to 公示, the approving level fixing `amountFen` a year. */
  async function toPublicity(id: string, amountFen = 300_000) {
    await toTown(id);
    await step(officers.town, id, 'approve');
    return step(officers.city, id, 'approve', { category: 'deep', amountFen });
  }

  /** On file (公示 is 0 days on the test server). */
  async function toFiled(id: string, amountFen = 300_000) {
    await toPublicity(id, amountFen);
    return step(officers.city, id, 'file');
  }

  async function pay(token: string, id: string, amountFen: number, kind = 'living') {
    const { version } = await view(token, id);
    return stack.call('POST', `/api/aid/cases/${id}/payments`, { token, body: { amountFen, kind, version } });
  }

  return { officers, signIn, worker, apply, view, act, step, toTown, toPublicity, toFiled, pay };
}
