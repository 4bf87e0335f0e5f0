import {
  BursaryListQuerySchema,
  BursaryTransitionSchema,
  CreateApplicationSchema,
  CreateCampaignSchema,
  UpdateApplicationSchema,
  UpdateCampaignSchema,
  BURSARY_STATUS_TEXT,
} from '../../../src/contracts/bursary';
import { createCampaign, currentCampaign, updateCampaign } from '../../core/bursary/campaigns';
import { applicationLists, publicityList } from '../../core/bursary/queries';
import {
  createApplication,
  getApplication,
  revealApplicantValue,
  transitionApplication,
  updateApplication,
} from '../../core/bursary/service';
import { piiCipherFor } from '../../platform/crypto/pii';
import { createFunctionApp } from '../../platform/http/create-app';
import { route } from '../../platform/http/route';
import { caseRoutes } from '../case-routes';
import { reviewProgressSender, type ReviewProgram } from '../../core/notifications/review-progress';

const BURSARY_PROGRESS: ReviewProgram = { name: '金秋助学申请', statusText: BURSARY_STATUS_TEXT };

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
        method: 'put',
        path: '/campaigns/:id',
        auth: 'officer',
        body: UpdateCampaignSchema,
        idempotent: true,
        handler: async ({ db, caller, params, body, requestId }) => ({
          body: await updateCampaign(db, caller, params.id, body, requestId),
        }),
      }),
      ...caseRoutes('/applications', {
        create: {
          body: CreateApplicationSchema,
          fieldErrors: { childIdNumber: 'ID_NUMBER_INVALID', guardianConsent: 'CONSENT_REQUIRED' },
          run: ({ db, config, caller, body, requestId, operationId }) =>
            createApplication(db, piiCipherFor(config.piiKey), caller, body, requestId, operationId),
        },
        list: { query: BursaryListQuerySchema, ...applicationLists },
        read: getApplication,
        update: {
          body: UpdateApplicationSchema,
          run: ({ db, caller, params, body, requestId }) =>
            updateApplication(db, caller, params.id, body, requestId),
        },
        transition: {
          body: BursaryTransitionSchema,
          fieldErrors: { amountFen: 'AMOUNT_INVALID' },
          run: (ctx) =>
            transitionApplication(ctx.db, ctx.caller, ctx.params.id, ctx.body, {
              requestId: ctx.requestId,
              afterNotify: reviewProgressSender(ctx, BURSARY_PROGRESS),
            }),
        },
        reveal: revealApplicantValue,
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
