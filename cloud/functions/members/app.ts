import * as z from 'zod/mini';
import { UpdateProfileSchema } from '../../../src/contracts/members';
import { createFunctionApp } from '../../platform/http/create-app';
import { route } from '../../platform/http/route';
import { piiCipherFor } from '../../platform/crypto/pii';
import { getMe, recordConsent, revealIdNumber, updateProfile } from '../../core/members/service';
import { findOrg } from '../../core/orgs/repository';

const ConsentSchema = z.strictObject({ version: z.string().check(z.minLength(1), z.maxLength(32)) });

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
        handler: async ({ db, config, caller, params, requestId }) => ({
          body: await revealIdNumber(db, piiCipherFor(config.piiKey), caller, params.id, requestId),
        }),
      }),
    ],
  });
}
