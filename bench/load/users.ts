/**
 * What the virtual users do until the deadline, with a pause between steps:
 *  - a worker with no open case submits one (with an Idempotency-Key; one submission in ten is
 *    sent again with the same key, half of those while the first is still in flight, as a phone
 *    that timed out would); otherwise they read their cases, one case, or their messages, and
 *    now and then withdraw their case (at the version they read) to apply again later;
 *  - an officer reads their level's queue, opens one case and decides on it with the version
 *    they read (基层: home visit, then approve; 街道: approve; 市: approve with a category, file,
 *    pay). Two officers on one case is expected: the second gets VERSION_CONFLICT.
 * Everything a client was told succeeded goes into `Told`, which the invariants check.
 */
import { AID_FINAL_STATUSES, type AidStatus } from '../../src/contracts/aid';
import { newKey, type Answer, type Body, type LoadClient } from './http';
import type { Level, Worker } from './people';

export interface Told {
  /** acknowledged submissions: idempotency key → the case id the client was given */
  cases: Map<string, { id: string; memberId: string }>;
  /** a key answered with two different cases (must stay empty) */
  keyMismatches: string[];
  /** acknowledged decisions: the case is at `version` after `action` */
  decisions: { id: string; version: number; action: string }[];
}

export interface Run {
  client: LoadClient;
  deadline: number;
  thinkMs: [number, number];
  told: Told;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)];
const think = (run: Run) => sleep(run.thinkMs[0] + Math.random() * (run.thinkMs[1] - run.thinkMs[0]));

const application = () => ({
  householdSize: 3,
  annualIncomeFen: 3_000_000,
  rigidExpenseFen: 600_000,
  mainCause: 'illness',
  secondaryCauses: ['schooling'],
  description: '丈夫患病住院，孩子上学，家里只有我一份收入。',
  bankAccount: '6222021234567890123',
  submit: true,
});

interface WorkerState {
  openCase: string | null;
  /** known to have a case open (or unsure): read the list before submitting again */
  unsure: boolean;
}

function noteCreated(run: Run, w: Worker, key: string, a: Answer | null, s: WorkerState): void {
  if (a?.status === 201 && a.body.id) {
    const id = a.body.id;
    const known = run.told.cases.get(key);
    if (known && known.id !== id) run.told.keyMismatches.push(`${key}: ${known.id} then ${id}`);
    run.told.cases.set(key, { id, memberId: w.memberId });
    s.openCase = id;
    s.unsure = false;
  } else {
    s.unsure = true; // AID_CASE_OPEN, a timeout, a 5xx: the list will tell
  }
}

async function submit(run: Run, w: Worker, s: WorkerState): Promise<void> {
  const key = newKey();
  const body = application();
  const send = (route?: string) =>
    run.client.call('POST', '/api/aid/cases', { token: w.token, body, idempotencyKey: key, route });
  const retried = Math.random() < 0.1;
  const inFlight = retried && Math.random() < 0.5;
  const first = send();
  let second: Promise<Answer | null> | null = null;
  if (inFlight) {
    await sleep(Math.random() * 30);
    second = send('POST /api/aid/cases (same key, first in flight)');
  }
  noteCreated(run, w, key, await first, s);
  if (!retried) return;
  let again = second ? await second : await send('POST /api/aid/cases (same key, after answer)');
  // "still in progress" is an honest answer to a retry: ask again shortly, as the app does
  for (let i = 0; again?.code === 'REQUEST_IN_PROGRESS' && i < 20 && Date.now() < run.deadline; i++) {
    await sleep(250);
    again = await send('POST /api/aid/cases (same key, after answer)');
  }
  noteCreated(run, w, key, again, s);
}

async function readMine(run: Run, w: Worker, s: WorkerState): Promise<void> {
  const r = await run.client.call('GET', '/api/aid/cases?mine=1', { token: w.token });
  if (r?.status !== 200) return;
  const open = (r.body.items ?? []).find((c) => !AID_FINAL_STATUSES.includes(c.status as AidStatus));
  s.openCase = open?.id ?? null;
  s.unsure = false;
}

/** The worker changes their mind: withdraws the open case (if it may still be withdrawn) at the version read. */
async function withdraw(run: Run, w: Worker, s: WorkerState): Promise<void> {
  const view = await run.client.call('GET', `/api/aid/cases/${s.openCase}`, { token: w.token });
  if (view?.status !== 200 || !view.body.actions?.includes('withdraw')) return;
  const r = await run.client.call('POST', `/api/aid/cases/${s.openCase}/transitions`, {
    token: w.token,
    body: { action: 'withdraw', version: view.body.version },
    idempotencyKey: newKey(),
  });
  if (r?.status === 200 && r.body.id && r.body.version) {
    run.told.decisions.push({ id: r.body.id, version: r.body.version, action: 'withdraw' });
    s.openCase = null;
  } else s.unsure = true;
}

export async function workerLoop(run: Run, w: Worker): Promise<void> {
  const s: WorkerState = { openCase: null, unsure: false };
  await think(run); // users arrive spread over the first pause, not all in one instant
  while (Date.now() < run.deadline) {
    if (s.unsure) await readMine(run, w, s);
    else if (!s.openCase && Math.random() < 0.5) await submit(run, w, s);
    else {
      const r = Math.random();
      if (r < 0.4) await readMine(run, w, s);
      else if (r < 0.65 && s.openCase)
        await run.client.call('GET', `/api/aid/cases/${s.openCase}`, { token: w.token });
      else if (r < 0.7 && s.openCase) await withdraw(run, w, s);
      else await run.client.call('GET', '/api/notifications', { token: w.token });
    }
    await think(run);
  }
}

interface Decision {
  path: string;
  body: Record<string, unknown>;
}

function decide(level: Level, view: Body): Decision | null {
  const id = view.id!;
  const version = view.version!;
  const transition = (action: string, extra: Record<string, unknown> = {}) => ({
    path: `/api/aid/cases/${id}/transitions`,
    body: { action, version, ...extra },
  });
  switch (`${level} ${view.status}`) {
    case 'base submitted':
      return transition('record_visit', {
        visit: { date: '2026-11-20', findings: '入户核实：家中三口人，丈夫住院，情况属实。' },
      });
    case 'base base_review':
      return transition('approve', { comment: '情况属实' });
    case 'town town_review':
      return transition('approve');
    case 'approver city_approval':
      return transition('approve', {
        category: view.suggestedCategory === 'none' ? 'deep' : (view.suggestedCategory ?? 'deep'),
      });
    case 'approver publicity':
      return transition('file');
    case 'approver filed':
      return {
        path: `/api/aid/cases/${id}/payments`,
        body: { amountFen: 50_000, kind: 'living', version },
      };
    default:
      return null;
  }
}

export async function officerLoop(run: Run, level: Level, token: string): Promise<void> {
  await think(run);
  while (Date.now() < run.deadline) {
    const queue = await run.client.call('GET', '/api/aid/cases?queue=1&pageSize=20', { token });
    const items = (queue?.status === 200 && queue.body.items) || [];
    if (items.length) {
      await think(run);
      const view = await run.client.call('GET', `/api/aid/cases/${pick(items).id}`, { token });
      const d = view?.status === 200 ? decide(level, view.body) : null;
      if (d) {
        const r = await run.client.call('POST', d.path, { token, body: d.body, idempotencyKey: newKey() });
        if (r?.status === 200 && r.body.id && r.body.version)
          run.told.decisions.push({
            id: r.body.id,
            version: r.body.version,
            action: (d.body.action as string | undefined) ?? 'record_payment',
          });
      }
    }
    await think(run);
  }
}

/** `GET /api/health` every quarter second: does the app still answer while it is busy? */
export async function healthProbe(run: Run): Promise<void> {
  while (Date.now() < run.deadline) {
    await run.client.call('GET', '/api/health');
    await sleep(250);
  }
}
