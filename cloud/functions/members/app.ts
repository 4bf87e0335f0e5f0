/**
 * The `members` function. GET /me is most of its traffic and every worker's first request, so a
 * cold start loads only what it needs (the member's view and the cached org tree): every other
 * route loads its body schema (zod and the contracts) and its service on its own first request.
 * Measured in docs/benchmarks.md ("members: cold start").
 */
import type { IdentityDecisionInput, UpdateProfileInput } from '../../../src/contracts/members';
import type { MemberRevealInput } from '../../../src/contracts/privacy';
import { createFunctionApp } from '../../platform/http/create-app';
import { route } from '../../platform/http/route';
import { memberView } from '../../core/members/view';
import { findOrg } from '../../core/orgs/repository';

const contracts = () => import('../../../src/contracts/members');
const schemas = () => import('./schemas');
const service = () => import('../../core/members/service');
const identityQueue = () => import('../../core/members/identity-queue');
const pii = async (key: Buffer) => (await import('../../platform/crypto/pii')).piiCipherFor(key);

export function createMembersApp() {
  return createFunctionApp({
    name: 'members',
    routes: [
      route({
        method: 'get',
        path: '/me',
        auth: 'member',
        // the caller's record was read when the request was authenticated: no second read
        handler: async ({ db, caller }) => ({ body: await memberView(db, caller.record) }),
      }),
      route<UpdateProfileInput>({
        method: 'put',
        path: '/me',
        auth: 'member',
        body: async () => (await contracts()).UpdateProfileSchema,
        fieldErrors: { idNumber: 'ID_NUMBER_INVALID', phone: 'PHONE_INVALID', name: 'NAME_INVALID' },
        handler: async ({ db, config, caller, body, requestId }) => ({
          body: await (await service()).updateProfile(db, await pii(config.piiKey), caller, body, requestId),
        }),
      }),
      route<{ version: string }>({
        method: 'post',
        path: '/me/consent',
        auth: 'member',
        body: async () => (await schemas()).ConsentSchema,
        idempotent: true,
        handler: async ({ db, caller, body, requestId }) => ({
          body: await (await service()).recordConsent(db, caller, body.version, requestId),
        }),
      }),
      route({
        method: 'get',
        path: '/officer/home',
        auth: 'officer',
        handler: async ({ db, caller }) => {
          // officers only: the programs' code (every program's queue queries) loads on an officer's
          // first visit, not in every worker's cold start
          const { officerHome, waitingAcrossPrograms } = await import('../../core/officer/programs');
          return {
            body: {
              org: caller.officerOrgId ? await findOrg(db, caller.officerOrgId) : null,
              programs: await officerHome(db, caller),
              waiting: await waitingAcrossPrograms(db, caller),
            },
          };
        },
      }),
      route<MemberRevealInput>({
        method: 'post',
        path: '/:id/id-number/reveal',
        auth: 'officer',
        body: async () => (await import('../../../src/contracts/privacy')).MemberRevealSchema,
        handler: async ({ db, config, caller, params, body, requestId }) => ({
          body: await (
            await service()
          ).revealIdNumber(db, await pii(config.piiKey), caller, params.id, body, {
            requestId,
            perHour: config.revealsPerHour,
          }),
        }),
      }),
      route({
        method: 'get',
        path: '/reveals',
        auth: 'officer',
        handler: async ({ db, caller, query }) => {
          const [{ parseQuery }, { ReportQuerySchema }, { officerScope }, { revealReport }] =
            await Promise.all([
              import('../../platform/http/query'),
              schemas(),
              import('../../platform/auth/org-scope'),
              import('../../core/privacy/reveals'),
            ]);
          const q = parseQuery(ReportQuerySchema, query);
          const page = Number(q.page ?? 1);
          const pageSize = Number(q.pageSize ?? 20);
          return { body: await revealReport(db, officerScope(caller), { page, pageSize }) };
        },
      }),
      route({
        method: 'get',
        path: '/identity-changes',
        auth: 'officer',
        handler: async ({ db, caller }) => ({
          body: await (await identityQueue()).listIdentityChanges(db, caller),
        }),
      }),
      route<IdentityDecisionInput>({
        method: 'post',
        path: '/:id/identity-change',
        auth: 'officer',
        body: async () => (await contracts()).IdentityDecisionSchema,
        idempotent: true,
        handler: async ({ db, caller, params, body, requestId }) => ({
          body: await (await identityQueue()).decideIdentityChange(db, caller, params.id, body, requestId),
        }),
      }),
    ],
  });
}
