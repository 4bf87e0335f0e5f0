import * as z from 'zod/mini';
import { IdentityDecisionSchema, UpdateProfileSchema } from '../../../src/contracts/members';
import { MemberRevealSchema } from '../../../src/contracts/privacy';
import { createFunctionApp } from '../../platform/http/create-app';
import { route } from '../../platform/http/route';
import { parseQuery } from '../../platform/http/query';
import { piiCipherFor } from '../../platform/crypto/pii';
import { getMe, recordConsent, revealIdNumber, updateProfile } from '../../core/members/service';
import { officerScope } from '../../platform/auth/org-scope';
import { revealReport } from '../../core/privacy/reveals';
import { findOrg } from '../../core/orgs/repository';

const ConsentSchema = z.strictObject({ version: z.string().check(z.minLength(1), z.maxLength(32)) });

const ReportQuerySchema = z.object({
  page: z.optional(z.string().check(z.regex(/^[1-9]\d{0,4}$/))),
  pageSize: z.optional(z.string().check(z.regex(/^([1-9]|[1-4]\d|50)$/))),
});

export function createMembersApp() {
  return createFunctionApp({
    name: 'members',
    routes: [
      route({
        method: 'get',
        path: '/me',
        auth: 'member',
        handler: async ({ db, caller }) => ({ body: await getMe(db, caller) }),
      }),
      route({
        method: 'put',
        path: '/me',
        auth: 'member',
        body: UpdateProfileSchema,
        fieldErrors: { idNumber: 'ID_NUMBER_INVALID', phone: 'PHONE_INVALID', name: 'NAME_INVALID' },
        handler: async ({ db, config, caller, body, requestId }) => ({
          body: await updateProfile(db, piiCipherFor(config.piiKey), caller, body, requestId),
        }),
      }),
      route({
        method: 'post',
        path: '/me/consent',
        auth: 'member',
        body: ConsentSchema,
        idempotent: true,
        handler: async ({ db, caller, body, requestId }) => ({
          body: await recordConsent(db, caller, body.version, requestId),
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
      route({
        method: 'post',
        path: '/:id/id-number/reveal',
        auth: 'officer',
        body: MemberRevealSchema,
        handler: async ({ db, config, caller, params, body, requestId }) => ({
          body: await revealIdNumber(db, piiCipherFor(config.piiKey), caller, params.id, body, {
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
        handler: async ({ db, caller }) => {
          const { listIdentityChanges } = await import('../../core/members/identity-queue');
          return { body: await listIdentityChanges(db, caller) };
        },
      }),
      route({
        method: 'post',
        path: '/:id/identity-change',
        auth: 'officer',
        body: IdentityDecisionSchema,
        idempotent: true,
        handler: async ({ db, caller, params, body, requestId }) => {
          const { decideIdentityChange } = await import('../../core/members/identity-queue');
          return { body: await decideIdentityChange(db, caller, params.id, body, requestId) };
        },
      }),
    ],
  });
}
