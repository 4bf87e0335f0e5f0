import * as z from 'zod/mini';
import {
  AID_STATUS_TEXT,
  AID_STATUSES,
  CATEGORY_TEXT,
  CreateAidCaseSchema,
  HARDSHIP_CATEGORIES,
  HARDSHIP_CAUSES,
  MAX_YEARLY_FEN,
  ObjectionSchema,
  PaymentSchema,
  TransitionSchema,
  UpdateAidCaseSchema,
} from '../../../src/contracts/aid';
import { caseListQueryFields } from '../../../src/contracts/workflow';
import { createFunctionApp } from '../../platform/http/create-app';
import { route } from '../../platform/http/route';
import { caseRoutes } from '../case-routes';
import { piiCipherFor } from '../../platform/crypto/pii';
import {
  addObjection,
  assessForCaller,
  createCase,
  getCase,
  revealCaseField,
  transitionCase,
  updateCase,
} from '../../core/aid/service';
import { aidCaseLists, publicityList, reviewsDue } from '../../core/aid/queries';
import { reviewProgressSender, type ReviewProgram } from '../../core/notifications/review-progress';

const AssessmentSchema = z.strictObject({
  householdSize: z.number().check(z.int(), z.minimum(1), z.maximum(20)),
  annualIncomeFen: z.number().check(z.int(), z.minimum(0), z.maximum(MAX_YEARLY_FEN)),
  rigidExpenseFen: z.number().check(z.int(), z.minimum(0), z.maximum(MAX_YEARLY_FEN)),
  mainCause: z.enum(HARDSHIP_CAUSES),
});

const QueueQuerySchema = z.object({
  ...caseListQueryFields,
  status: z.optional(z.enum(AID_STATUSES)),
  category: z.optional(z.enum(HARDSHIP_CATEGORIES)),
});

const AID_PROGRESS: ReviewProgram = { name: '困难帮扶申请', statusText: AID_STATUS_TEXT };

export function createAidApp() {
  return createFunctionApp({
    name: 'aid',
    routes: [
      route({
        method: 'post',
        path: '/assessment',
        auth: 'member',
        body: AssessmentSchema,
        handler: async ({ db, caller, body }) => {
          const a = await assessForCaller(db, caller, body);
          return { body: { ...a, categoryText: CATEGORY_TEXT[a.suggestedCategory] } };
        },
      }),
      ...caseRoutes('/cases', {
        create: {
          body: CreateAidCaseSchema,
          run: ({ db, config, caller, body, requestId, operationId }) =>
            createCase(db, piiCipherFor(config.piiKey), caller, body, requestId, operationId),
        },
        list: { query: QueueQuerySchema, ...aidCaseLists },
        read: getCase,
        update: {
          body: UpdateAidCaseSchema,
          run: ({ db, config, caller, params, body, requestId }) =>
            updateCase(db, piiCipherFor(config.piiKey), caller, params.id, body, requestId),
        },
        transition: {
          body: TransitionSchema,
          run: (ctx) =>
            transitionCase(ctx.db, ctx.caller, ctx.params.id, ctx.body, {
              publicityDays: ctx.config.aidPublicityDays,
              requestId: ctx.requestId,
              afterNotify: reviewProgressSender(ctx, AID_PROGRESS),
            }),
        },
        reveal: revealCaseField,
      }),
      route({
        method: 'post',
        path: '/cases/:id/payments',
        auth: 'officer',
        body: PaymentSchema,
        fieldErrors: { amountFen: 'AMOUNT_INVALID' },
        idempotent: true,
        handler: async (ctx) => ({
          body: await transitionCase(
            ctx.db,
            ctx.caller,
            ctx.params.id,
            {
              action: 'record_payment',
              version: ctx.body.version,
              payment: {
                amountFen: ctx.body.amountFen,
                kind: ctx.body.kind,
                confirmedRepeat: ctx.body.confirmRepeat === true,
              },
            },
            {
              publicityDays: ctx.config.aidPublicityDays,
              requestId: ctx.requestId,
              afterNotify: reviewProgressSender(ctx, AID_PROGRESS),
            },
          ),
        }),
      }),
      route({
        method: 'post',
        path: '/cases/:id/objections',
        auth: 'member',
        body: ObjectionSchema,
        idempotent: true,
        handler: async ({ db, config, caller, params, body, requestId }) => ({
          status: 201,
          body: await addObjection(db, caller, params.id, body, {
            requestId,
            perDay: config.objectionsPerDay,
          }),
        }),
      }),
      route({
        method: 'get',
        path: '/publicity',
        auth: 'member',
        handler: async ({ db }) => ({ body: await publicityList(db) }),
      }),
      route({
        method: 'get',
        path: '/reviews-due',
        auth: 'officer',
        handler: async ({ db, caller }) => ({ body: await reviewsDue(db, caller) }),
      }),
    ],
  });
}
