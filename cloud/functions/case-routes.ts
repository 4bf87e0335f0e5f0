/**
 * The routes every review program serves for its cases, declared once (each program's app adds
 * its own beside them): under `path`,
 *  - POST   path              create (Idempotency-Key), 201;
 *  - GET    path?mine=1       the caller's own cases; ?queue=1 one page of an officer's level
 *                             (officers only), the query read with the program's schema;
 *  - GET    path/:id          one case, as the caller may read it;
 *  - PUT    path/:id          the owner's change while the case is editable;
 *  - POST   path/:id/transitions  an action (Idempotency-Key);
 *  - POST   path/:id/reveal   an officer reads a personal value in full, with a purpose (the
 *                             kit's rule: a reviewer, in a state the table says needs it, within
 *                             the hourly limit, audited), when the program's table reveals any.
 * The program says how each is done; what each body may hold is its contract's schema.
 */
import type { Db } from 'mongodb';
import type { ZodMiniType } from 'zod/mini';
import type { ErrorCode } from '../../src/contracts/errors';
import { CaseRevealSchema } from '../../src/contracts/privacy';
import type { CaseReveal } from '../core/workflow/case-flow';
import { queueParamsOf } from '../core/workflow/queue';
import type { Caller } from '../platform/auth/caller';
import { piiCipherFor } from '../platform/crypto/pii';
import { AppError } from '../platform/http/app-error';
import type { RequestContext } from '../platform/http/context';
import { route, type Route } from '../platform/http/route';
import { parseQuery } from '../platform/http/query';

type Run<B> = (ctx: RequestContext<B, Caller>) => Promise<unknown>;
interface BodyRoute<B> {
  body: ZodMiniType<B>;
  fieldErrors?: Partial<Record<string, ErrorCode>>;
  run: Run<B>;
}

type ListQuery = Parameters<typeof queueParamsOf>[0] & { mine?: string; queue?: string };

export interface CaseRoutes<C, U, T, Q extends ListQuery> {
  create: BodyRoute<C>;
  list: {
    query: ZodMiniType<Q>;
    mine: (db: Db, caller: Caller) => Promise<unknown>;
    /** `params`: the kit's narrowing (org, days, page); `query`: the program's own filters too */
    queue: (db: Db, caller: Caller, params: ReturnType<typeof queueParamsOf>, query: Q) => Promise<unknown>;
  };
  read: (db: Db, caller: Caller, id: string) => Promise<unknown>;
  update: BodyRoute<U>;
  transition: BodyRoute<T>;
  reveal?: CaseReveal;
}

export function caseRoutes<C, U, T, Q extends ListQuery>(path: string, p: CaseRoutes<C, U, T, Q>): Route[] {
  const one = `${path}/:id`;
  return [
    route<C>({
      method: 'post',
      path,
      auth: 'member',
      body: p.create.body,
      fieldErrors: p.create.fieldErrors,
      idempotent: true,
      handler: async (ctx) => ({ status: 201, body: await p.create.run(ctx) }),
    }),
    route({
      method: 'get',
      path,
      auth: 'member',
      handler: async ({ db, caller, query }) => {
        const q = parseQuery(p.list.query, query);
        if (q.mine === '1') return { body: await p.list.mine(db, caller) };
        if (q.queue !== '1') throw new AppError('VALIDATION_FAILED', '请说明要查看“我的申请”还是“待办”');
        if (!caller.roles.includes('officer')) throw new AppError('FORBIDDEN');
        return { body: await p.list.queue(db, caller, queueParamsOf(q), q) };
      },
    }),
    route({
      method: 'get',
      path: one,
      auth: 'member',
      handler: async ({ db, caller, params }) => ({ body: await p.read(db, caller, params.id) }),
    }),
    route<U>({
      method: 'put',
      path: one,
      auth: 'member',
      body: p.update.body,
      fieldErrors: p.update.fieldErrors,
      handler: async (ctx) => ({ body: await p.update.run(ctx) }),
    }),
    route<T>({
      method: 'post',
      path: `${one}/transitions`,
      auth: 'member',
      body: p.transition.body,
      fieldErrors: p.transition.fieldErrors,
      idempotent: true,
      handler: async (ctx) => ({ body: await p.transition.run(ctx) }),
    }),
    ...(p.reveal ? [revealRoute(one, p.reveal)] : []),
  ];
}

function revealRoute(one: string, reveal: CaseReveal): Route {
  return route({
    method: 'post',
    path: `${one}/reveal`,
    auth: 'officer',
    body: CaseRevealSchema,
    handler: async ({ db, config, caller, params, body, requestId }) => {
      const cipher = piiCipherFor(config.piiKey);
      const value = await reveal(db, caller, params.id, body, {
        requestId,
        perHour: config.revealsPerHour,
        decrypt: (v) => cipher.decrypt(v),
      });
      return { body: { value } };
    },
  });
}
