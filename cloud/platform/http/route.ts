import type { ZodMiniType } from 'zod/mini';
import type { ErrorCode } from '../../../src/contracts/errors';
import type { Caller } from '../auth/caller';
import type { RequestContext, RouteResult } from './context';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface BaseRoute<Body> {
  method: Method;
  path: string;
  /**
   * the body schema (strict: unknown fields are refused); absent → the body must be empty. Or a
   * function that loads it on the route's first request: a function whose cold start should not
   * load zod and the contracts for its other routes (members: GET /me) declares its schemas so.
   */
  body?: ZodMiniType<Body> | (() => Promise<ZodMiniType<Body>>);
  /** a more precise error code per top-level body field, e.g. { idNumber: 'ID_NUMBER_INVALID' } */
  fieldErrors?: Partial<Record<string, ErrorCode>>;
  /** honour Idempotency-Key: a retried request gets the first answer and changes nothing */
  idempotent?: boolean;
  /** the body is raw bytes (uploads): the handler receives a Buffer, read up to this limit */
  raw?: { limit: string };
}

export type Route<Body = unknown> =
  | (BaseRoute<Body> & {
      auth: 'public';
      handler: (ctx: RequestContext<Body, Caller | null>) => Promise<RouteResult>;
    })
  | (BaseRoute<Body> & {
      auth: 'member' | 'officer';
      handler: (ctx: RequestContext<Body, Caller>) => Promise<RouteResult>;
    });

/** Keeps the body type of each route while collecting routes of different bodies in one list. */
export function route<Body>(r: Route<Body>): Route<unknown> {
  return r as Route<unknown>;
}

/**
 * A route's body schema (undefined for a route without a body); a promise of it only when it is
 * declared as a loader, so a request to any other route awaits nothing for it.
 */
export function bodySchemaOf(r: Route): ZodMiniType<unknown> | undefined | Promise<ZodMiniType<unknown>> {
  return typeof r.body === 'function' ? r.body() : r.body;
}
