import {
  BursaryListQuerySchema,
  BursaryTransitionSchema,
  CreateApplicationSchema,
  CreateCampaignSchema,
  UpdateApplicationSchema,
} from '../../../src/contracts/bursary';
import { createCampaign, currentCampaign } from '../../core/bursary/campaigns';
import { myApplications, officerQueue, publicityList } from '../../core/bursary/queries';
import {
  createApplication,
  getApplication,
  transitionApplication,
  updateApplication,
} from '../../core/bursary/service';
import { queueParamsOf } from '../../core/workflow/queue';
import { piiCipherFor } from '../../platform/crypto/pii';
import { AppError } from '../../platform/http/app-error';
import { createFunctionApp } from '../../platform/http/create-app';
import { route } from '../../platform/http/route';

/** 金秋助学: campaigns, a child's registration, its review on the kit, and the 公示 list. */
export function createBursaryApp() {
  return createFunctionApp({
    name: 'bursary',
    routes: [
      route({
        method: 'get',
        path: '/campaigns/current',
        auth: 'member',
        handler: async ({ db, caller }) => ({ body: await currentCampaign(db, caller) }),
      }),
      route({
        method: 'post',
        path: '/campaigns',
        auth: 'officer',
        body: CreateCampaignSchema,
        idempotent: true,
        handler: async ({ db, caller, body, requestId }) => ({
          status: 201,
          body: await createCampaign(db, caller, body, requestId),
        }),
      }),
      route({
        method: 'post',
        path: '/applications',
        auth: 'member',
        body: CreateApplicationSchema,
        fieldErrors: { childIdNumber: 'ID_NUMBER_INVALID', guardianConsent: 'CONSENT_REQUIRED' },
        idempotent: true,
        handler: async ({ db, config, caller, body, requestId }) => ({
          status: 201,
          body: await createApplication(db, piiCipherFor(config.piiKey), caller, body, requestId),
        }),
      }),
      route({
        method: 'get',
        path: '/applications',
        auth: 'member',
        handler: async ({ db, caller, query }) => {
          const parsed = BursaryListQuerySchema.safeParse(query);
          if (!parsed.success) throw new AppError('VALIDATION_FAILED', '查询条件不正确');
          const q = parsed.data;
          if (q.mine === '1') return { body: await myApplications(db, caller) };
          if (q.queue !== '1') throw new AppError('VALIDATION_FAILED', '请说明要查看“我的申请”还是“待办”');
          if (!caller.roles.includes('officer')) throw new AppError('FORBIDDEN');
          return {
            body: await officerQueue(db, caller, { ...queueParamsOf(q), status: q.status, level: q.level }),
          };
        },
      }),
      route({
        method: 'get',
        path: '/applications/:id',
        auth: 'member',
        handler: async ({ db, caller, params }) => ({ body: await getApplication(db, caller, params.id) }),
      }),
      route({
        method: 'put',
        path: '/applications/:id',
        auth: 'member',
        body: UpdateApplicationSchema,
        handler: async ({ db, caller, params, body, requestId }) => ({
          body: await updateApplication(db, caller, params.id, body, requestId),
        }),
      }),
      route({
        method: 'post',
        path: '/applications/:id/transitions',
        auth: 'member',
        body: BursaryTransitionSchema,
        fieldErrors: { amountFen: 'AMOUNT_INVALID' },
        idempotent: true,
        handler: async ({ db, caller, params, body, requestId }) => ({
          body: await transitionApplication(db, caller, params.id, body, { requestId }),
        }),
      }),
      route({
        method: 'get',
        path: '/publicity',
        auth: 'member',
        handler: async ({ db }) => ({ body: await publicityList(db) }),
      }),
    ],
  });
}
