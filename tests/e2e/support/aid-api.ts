/**
 * Arranging 困难帮扶 cases through the API, for e2e steps that are not the point of a test (each
 * journey then sets up its own case instead of relying on an earlier test): sign in by openid
 * (dev login), register a worker, apply, and act as an officer at the case's current version.
 */
import { idNumberCheckChar } from '../../../src/contracts/idNumber';
import { CURRENT_CONSENT_VERSION } from '../../../src/contracts/members';
import type { E2eStack } from './stack';

export const VISIT = { date: '2026-11-20', findings: '入户核实，情况属实。' };

/** A complete application: 2 people, 24 000 元 a year, submitted at once. */
export const APPLICATION = {
  householdSize: 2,
  annualIncomeFen: 2_400_000,
  rigidExpenseFen: 0,
  mainCause: 'unemployment',
  householdMembers: [{ relation: '女儿', age: 12, workStatus: 'student', annualIncomeFen: 0 }],
  description: '工厂停产后失业，女儿上初中，靠打零工维持生活。',
  bankAccount: '6217001234567890',
  submit: true,
};

export function aidApi(stack: E2eStack, prefix: string) {
  let keys = 0;
  let ids = 0;

  async function tokenOf(openid: string): Promise<string> {
    const r = await fetch(`${stack.url}/api/auth/dev-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid }),
    });
    return ((await r.json()) as { token: string }).token;
  }

  async function call(openid: string, method: string, url: string, body?: unknown) {
    const r = await fetch(stack.url + url, {
      method,
      headers: {
        authorization: `Bearer ${await tokenOf(openid)}`,
        'content-type': 'application/json',
        'idempotency-key': `e2e-${prefix}-${process.pid}-${++keys}`,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await r.json()) as { version?: number; id?: string; status?: string };
    if (!r.ok) throw new Error(`${method} ${url}: ${r.status} ${JSON.stringify(json)}`);
    return json;
  }

  return {
    call,

    /** A new member with a complete real-name profile in 江城机械厂工会 (the demo officers' 基层). */
    async registerWorker(openid: string, name: string): Promise<void> {
      // a different valid ID number per worker of this run
      const id17 = '33010619690415' + String(100 + ((process.pid + ++ids * 37) % 900));
      await call(openid, 'PUT', '/api/members/me', {
        name,
        idNumber: id17 + idNumberCheckChar(id17),
        phone: '13912345678',
        orgId: 'c1d1t1b1',
        consentVersion: CURRENT_CONSENT_VERSION,
      });
    },

    async applyAs(openid: string, over: Record<string, unknown> = {}): Promise<string> {
      return (await call(openid, 'POST', '/api/aid/cases', { ...APPLICATION, ...over })).id!;
    },

    /** `action` by `openid` at the case's current version. */
    async act(openid: string, id: string, action: string, extra: Record<string, unknown> = {}) {
      const current = await call(openid, 'GET', `/api/aid/cases/${id}`);
      return call(openid, 'POST', `/api/aid/cases/${id}/transitions`, {
        action,
        version: current.version,
        ...extra,
      });
    },

    /** Through home visit and the three approvals, to 公示 (0 days locally). */
    async toPublicity(id: string): Promise<void> {
      await this.act('demo-officer-base', id, 'record_visit', { visit: VISIT });
      await this.act('demo-officer-base', id, 'approve');
      await this.act('demo-officer-town', id, 'approve');
      // the approving level fixes the yearly amount: 4 000 元
      await this.act('demo-officer-city', id, 'approve', { category: 'relative', amountFen: 400_000 });
    },
  };
}
