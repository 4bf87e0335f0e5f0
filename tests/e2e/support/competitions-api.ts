/**
 * Arranging competitions through the API for e2e steps that are not the point of a test: a
 * competition organised by the 街道 demo officer (so the 基层 officer's workers may enter) with
 * the 基层 officer as judge, entries, scores. Built on aid-api.ts's dev-login calls.
 */
import { competitionBody } from '../../support/competitions';
import { aidApi } from './aid-api';
import type { E2eStack } from './stack';

export interface MadeCompetition {
  id: string;
  title: string;
  events: { id: string; name: string }[];
}

export function competitionsApi(stack: E2eStack, prefix: string) {
  const base = aidApi(stack, prefix);
  const { call } = base;

  async function memberId(openid: string): Promise<string> {
    return (await call(openid, 'GET', '/api/members/me')).id!;
  }

  return {
    ...base,
    memberId,

    async create(over: Record<string, unknown> = {}): Promise<MadeCompetition> {
      const judge = await memberId('demo-officer-base');
      return (await call(
        'demo-officer-town',
        'POST',
        '/api/competitions',
        competitionBody({
          onePerPerson: true,
          checkinLists: [
            { key: 'entry', name: '入场' },
            { key: 'goods', name: '领物资' },
          ],
          scoring: {
            parts: [
              { key: 'written', name: '理论', weight: 30 },
              { key: 'practical', name: '实操', weight: 70 },
            ],
            teamBestN: 2,
          },
          judgeIds: [judge],
          ...over,
        }),
      )) as unknown as MadeCompetition;
    },

    async register(openid: string, competitionId: string, eventId: string) {
      return (await call(openid, 'POST', `/api/competitions/${competitionId}/registrations`, {
        eventId,
      })) as unknown as { id: string; status: string };
    },

    async ticketOf(openid: string, competitionId: string, rid: string) {
      return (await call(
        openid,
        'GET',
        `/api/competitions/${competitionId}/registrations/${rid}/ticket`,
      )) as unknown as {
        ticket: string;
        shortCode: string;
      };
    },

    async score(competitionId: string, registrationId: string, parts: Record<string, number>) {
      return call('demo-officer-base', 'POST', `/api/competitions/${competitionId}/scores`, {
        registrationId,
        parts,
      });
    },
  };
}
