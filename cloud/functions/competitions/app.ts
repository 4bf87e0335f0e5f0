/** 劳动竞赛 / 技能比武: the routes of docs/competitions.md, each a thin call into cloud/core/competitions. */
import * as z from 'zod/mini';
import {
  CheckinSchema,
  CheckinSyncSchema,
  CreateCompetitionSchema,
  JudgesSchema,
  NominateSchema,
  RegisterSchema,
  ScoreEntrySchema,
  SelfCheckinSchema,
} from '../../../src/contracts/competitions';
import { createFunctionApp } from '../../platform/http/create-app';
import { route } from '../../platform/http/route';
import { parseQuery } from '../../platform/http/query';
import { AppError } from '../../platform/http/app-error';
import { piiCipherFor } from '../../platform/crypto/pii';
import { officerScope } from '../../platform/auth/org-scope';
import {
  createCompetition,
  getCompetition,
  listEntered,
  listManaged,
  listOpen,
  setJudges,
} from '../../core/competitions/service';
import {
  cancelRegistration,
  candidates,
  getTicket,
  listRegistrations,
  nominate,
  register,
} from '../../core/competitions/registration';
import { scanTicket, selfCheckIn, syncScans, venueCodeFor } from '../../core/competitions/checkin';
import { offlinePack } from '../../core/competitions/offline-pack';
import { enterScores, getResults, publishResults } from '../../core/competitions/results';
import { exportResults } from '../../core/competitions/export';

const ListQuerySchema = z.object({
  open: z.optional(z.literal('1')),
  mine: z.optional(z.literal('1')),
  manage: z.optional(z.literal('1')),
});
const flag = (v: string | undefined) => v === '1';
const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function createCompetitionsApp() {
  return createFunctionApp({
    name: 'competitions',
    routes: [
      route({
        method: 'post',
        path: '/',
        auth: 'officer',
        body: CreateCompetitionSchema,
        idempotent: true,
        handler: async ({ db, config, caller, body, requestId, operationId }) => ({
          status: 201,
          body: await createCompetition(
            db,
            piiCipherFor(config.piiKey),
            caller,
            body,
            requestId,
            operationId,
          ),
        }),
      }),
      route({
        method: 'get',
        path: '/',
        auth: 'member',
        handler: async ({ db, caller, query }) => {
          const q = parseQuery(ListQuerySchema, query);
          if (flag(q.open)) return { body: await listOpen(db, caller) };
          if (flag(q.mine)) return { body: await listEntered(db, caller) };
          if (flag(q.manage)) {
            officerScope(caller);
            return { body: await listManaged(db, caller) };
          }
          throw new AppError('VALIDATION_FAILED', '请说明要查看“可报名的”“我报名的”还是“我管理的”竞赛');
        },
      }),
      route({
        method: 'get',
        path: '/:id',
        auth: 'member',
        handler: async ({ db, caller, params }) => ({ body: await getCompetition(db, caller, params.id) }),
      }),
      route({
        method: 'post',
        path: '/:id/registrations',
        auth: 'member',
        body: RegisterSchema,
        idempotent: true,
        handler: async ({ db, config, caller, params, body, requestId, operationId }) => ({
          status: 201,
          body: await register(db, piiCipherFor(config.piiKey), caller, params.id, body.eventId, {
            requestId,
            operationId,
          }),
        }),
      }),
      route({
        method: 'post',
        path: '/:id/nominations',
        auth: 'officer',
        body: NominateSchema,
        idempotent: true,
        handler: async ({ db, caller, params, body, requestId, operationId }) => ({
          status: 201,
          body: await nominate(db, caller, params.id, body, { requestId, operationId }),
        }),
      }),
      route({
        method: 'get',
        path: '/:id/candidates',
        auth: 'officer',
        handler: async ({ db, caller, params, query }) => ({
          body: await candidates(db, caller, params.id, text(query.q)),
        }),
      }),
      route({
        method: 'get',
        path: '/:id/registrations',
        auth: 'member',
        handler: async ({ db, caller, params, query }) => ({
          body: await listRegistrations(db, caller, params.id, query.mine === '1'),
        }),
      }),
      route({
        method: 'delete',
        path: '/:id/registrations/:rid',
        auth: 'member',
        handler: async ({ db, caller, params, requestId }) => ({
          body: await cancelRegistration(db, caller, params.id, params.rid, requestId),
        }),
      }),
      route({
        method: 'get',
        path: '/:id/registrations/:rid/ticket',
        auth: 'member',
        handler: async ({ db, config, caller, params }) => ({
          body: await getTicket(db, piiCipherFor(config.piiKey), caller, params.id, params.rid),
        }),
      }),
      route({
        method: 'post',
        path: '/:id/checkins',
        auth: 'officer',
        body: CheckinSchema,
        handler: async ({ db, caller, params, body, requestId }) => ({
          body: await scanTicket(db, caller, params.id, body, requestId),
        }),
      }),
      route({
        method: 'get',
        path: '/:id/offline-pack',
        auth: 'officer',
        handler: async ({ db, caller, params }) => ({ body: await offlinePack(db, caller, params.id) }),
      }),
      route({
        method: 'post',
        path: '/:id/checkins/sync',
        auth: 'officer',
        body: CheckinSyncSchema,
        handler: async ({ db, caller, params, body, requestId }) => ({
          body: await syncScans(db, caller, params.id, body.items, requestId),
        }),
      }),
      route({
        method: 'get',
        path: '/:id/venue-code',
        auth: 'officer',
        handler: async ({ db, config, caller, params, query }) => ({
          body: await venueCodeFor(db, piiCipherFor(config.piiKey), caller, params.id, text(query.list)),
        }),
      }),
      route({
        method: 'post',
        path: '/:id/self-checkins',
        auth: 'member',
        body: SelfCheckinSchema,
        handler: async ({ db, config, caller, params, body, requestId }) => ({
          body: await selfCheckIn(db, piiCipherFor(config.piiKey), caller, params.id, body, requestId),
        }),
      }),
      route({
        method: 'put',
        path: '/:id/judges',
        auth: 'officer',
        body: JudgesSchema,
        handler: async ({ db, caller, params, body, requestId }) => ({
          body: await setJudges(db, caller, params.id, body.judgeIds, requestId),
        }),
      }),
      route({
        method: 'post',
        path: '/:id/scores',
        auth: 'officer',
        body: ScoreEntrySchema,
        handler: async ({ db, caller, params, body, requestId }) => ({
          body: await enterScores(db, caller, params.id, body, requestId),
        }),
      }),
      route({
        method: 'get',
        path: '/:id/results',
        auth: 'member',
        handler: async ({ db, caller, params }) => ({ body: await getResults(db, caller, params.id) }),
      }),
      route({
        method: 'post',
        path: '/:id/results/publish',
        auth: 'officer',
        handler: async ({ db, caller, params, requestId }) => ({
          body: await publishResults(db, caller, params.id, requestId),
        }),
      }),
      route({
        method: 'get',
        path: '/:id/results/export',
        auth: 'officer',
        handler: async ({ db, caller, params, requestId }) => {
          const { bytes, filename } = await exportResults(db, caller, params.id, requestId);
          return { body: null, raw: { contentType: XLSX, bytes, filename } };
        },
      }),
    ],
  });
}
