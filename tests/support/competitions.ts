/** Test support for competitions: a competition made through the real API, and its times. */
import type { Stack } from './api-stack';

const HOUR = 3_600_000;
export const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString();

/** Open for registration now, starting in two days, with 叉车 and 焊工; fields overridable. */
export function competitionBody(overrides: Record<string, unknown> = {}) {
  return {
    title: '2026年职工技能比武',
    kind: 'skill',
    venue: '江城职业技术学院实训楼',
    startsAt: inHours(48),
    registrationOpensAt: inHours(-1),
    registrationClosesAt: inHours(24),
    events: [
      { name: '叉车', capacity: 50 },
      { name: '焊工', capacity: 50 },
    ],
    ...overrides,
  };
}

export interface MadeCompetition {
  id: string;
  events: { id: string; name: string }[];
  publicKey: string;
}

export async function makeCompetition(
  stack: Stack,
  officerToken: string,
  overrides: Record<string, unknown> = {},
): Promise<MadeCompetition> {
  const r = await stack.call('POST', '/api/competitions', {
    token: officerToken,
    body: competitionBody(overrides),
  });
  if (r.status !== 201) throw new Error(`competition: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as MadeCompetition;
}

let keys = 0;
/** Registers the worker for an event and returns the answer. */
export function registerFor(
  stack: Stack,
  token: string,
  competitionId: string,
  eventId: string,
  key?: string,
) {
  return stack.call('POST', `/api/competitions/${competitionId}/registrations`, {
    token,
    body: { eventId },
    headers: { 'idempotency-key': key ?? `reg-${process.pid}-${++keys}-${Date.now()}` },
  });
}

let nonces = 0;
export const newNonce = () => `nonce-${process.pid}-${++nonces}-${Math.random().toString(36).slice(2, 10)}`;
