/**
 * The people of a load run: new workers who sign in and register at the same moment (the burst
 * a 金秋助学 morning brings), and the seeded officers of the 机械厂 → 花园街道 → 市总 chain, whose
 * accounts several officer users share (as colleagues at one desk would).
 */
import { performance } from 'node:perf_hooks';
import { CURRENT_CONSENT_VERSION } from '../../src/contracts/members';
import { idNumberCheckChar } from '../../src/contracts/idNumber';
import type { LoadClient } from './http';

export interface Worker {
  n: number;
  token: string;
  memberId: string;
}

export type Level = 'base' | 'town' | 'approver';

export const OFFICER_OPENIDS: Record<Level, string> = {
  base: 'demo-officer-base',
  town: 'demo-officer-town',
  approver: 'demo-officer-city',
};

/** Every worker registers with the base union the base officer reviews. */
export const WORKER_ORG = 'c1d1t1b1';

const DIGITS = '零一二三四五六七八九';
const nameOf = (n: number) => `职工${String(n).replace(/\d/g, (d) => DIGITS[Number(d)])}`;

/** A valid ID number, different for every n (birth dates one day apart from 1970). */
function idNumberOf(n: number): string {
  const born = new Date(Date.UTC(1970, 0, 1) + n * 86_400_000);
  const ymd = born.toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `330106${ymd}${String(100 + (n % 900)).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

async function register(client: LoadClient, n: number, runId: string): Promise<Worker | null> {
  const login = await client.call('POST', '/api/auth/dev-login', { body: { openid: `load-${runId}-${n}` } });
  if (login?.status !== 200) return null;
  const profile = await client.call('PUT', '/api/members/me', {
    token: login.body.token!,
    body: {
      name: nameOf(n),
      idNumber: idNumberOf(n),
      phone: `137${String(n).padStart(8, '0')}`,
      orgId: WORKER_ORG,
      consentVersion: CURRENT_CONSENT_VERSION,
    },
  });
  if (profile?.status !== 200) return null;
  return { n, token: login.body.token!, memberId: login.body.member!.id };
}

export interface Burst {
  workers: Worker[];
  /** workers who did not get through at the first attempt and registered on a retry */
  retried: number;
  ms: number;
}

/** All workers sign in and register at once; whoever failed tries again, one at a time. */
export async function registerAll(client: LoadClient, count: number, runId: string): Promise<Burst> {
  const started = performance.now();
  const first = await Promise.all(Array.from({ length: count }, (_, n) => register(client, n, runId)));
  const ms = performance.now() - started;
  const workers: Worker[] = [];
  let retried = 0;
  for (let n = 0; n < count; n++) {
    let w = first[n];
    for (let attempt = 0; !w && attempt < 20; attempt++) {
      await new Promise((r) => setTimeout(r, 250));
      w = await register(client, n, runId);
      if (w) retried++;
    }
    if (!w) throw new Error(`worker ${n} could not register`);
    workers.push(w);
  }
  return { workers, retried, ms };
}

export async function officerTokens(client: LoadClient): Promise<Record<Level, string>> {
  const out = {} as Record<Level, string>;
  for (const level of Object.keys(OFFICER_OPENIDS) as Level[]) {
    const r = await client.call('POST', '/api/auth/dev-login', { body: { openid: OFFICER_OPENIDS[level] } });
    if (r?.status !== 200) throw new Error(`officer ${level} could not sign in`);
    out[level] = r.body.token!;
  }
  return out;
}
