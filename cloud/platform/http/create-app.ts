/**
 * The one factory every cloud function uses: a request id of its own (request-id.ts), JSON body limit, JSON logs (log/logger.ts), JWT auth,
 * body validation with the shared zod schemas, Idempotency-Key, and one error mapper that
 * turns everything into `{ error: { code, message } }` with a stable code and the right status.
 */
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Db } from 'mongodb';
import type { ZodMiniType } from 'zod/mini';
import { ERRORS, type ErrorCode } from '../../../src/contracts/errors';
import { getConfig, type AppConfig } from '../config/config';
import { getDb } from '../db/client';
import { createLogger, type LogDestination, type Logger } from '../log/logger';
import { isTransientDbError, RETRY_AFTER_SECONDS } from '../db/transient-errors';
import { loadCaller } from '../auth/load-caller';
import { verifySessionToken } from '../auth/token';
import type { Caller } from '../auth/caller';
import { AppError } from './app-error';
import type { RequestContext, RouteResult } from './context';
import { idempotencyScope, runIdempotent } from './idempotency';
import { clientRequestIdOf, newRequestId } from './request-id';
import { DOWNLOAD_POLICY, setApiSecurityHeaders } from './security-headers';
import { sendJson } from './json-answer';
import { bodySchemaOf, type Route } from './route';

export const BODY_LIMIT = '64kb';
const HAS_CJK = /[\u4e00-\u9fa5]/;

export interface FunctionAppOptions {
  /** for logs: the function's name */
  name: string;
  routes: Route[];
}

let rootLogger: Logger | undefined;
let logDestination: LogDestination | undefined;
function logger(): Logger {
  rootLogger ??= createLogger(getConfig().logLevel, logDestination);
  return rootLogger;
}

/** Where logs go (stdout when unset); tests read them to check what is never logged. */
export function setLogDestination(destination: LogDestination | undefined): void {
  logDestination = destination;
  rootLogger = undefined;
}

/**
 * The request's logger (its function, its request id, the client's own id when well-formed),
 * made on first use: most requests log nothing but their finish line, and none when logs are off.
 */
function requestLog(fn: string, res: Response): Logger {
  if (!res.locals.log) {
    const clientRequestId = clientRequestIdOf(res.req.get('x-request-id'));
    res.locals.log = logger().child({
      fn,
      requestId: res.locals.requestId as string,
      ...(clientRequestId ? { clientRequestId } : {}),
    });
  }
  return res.locals.log as Logger;
}

function authenticate(req: Request, db: Db, config: AppConfig): Promise<Caller> {
  const header = req.get('authorization');
  if (!header) throw new AppError('UNAUTHENTICATED');
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new AppError('TOKEN_INVALID');
  const claims = verifySessionToken(match[1], config.jwtSecret);
  return loadCaller(db, claims, config.sessions.officerSeconds);
}

function validationError(route: Route, issues: { path: PropertyKey[]; message: string }[]): AppError {
  const details = issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message }));
  const first = issues[0];
  const field = first?.path[0];
  const code: ErrorCode = (typeof field === 'string' && route.fieldErrors?.[field]) || 'VALIDATION_FAILED';
  const message = first && HAS_CJK.test(first.message) ? first.message : ERRORS[code].message;
  return new AppError(code, message, details);
}

function parseBody(route: Route, schema: ZodMiniType<unknown> | undefined, raw: unknown): unknown {
  if (route.raw) {
    if (!Buffer.isBuffer(raw) || raw.length === 0) throw new AppError('VALIDATION_FAILED', '没有收到文件');
    return raw;
  }
  if (!schema) {
    // no body, or `{}` (what many clients send for an empty POST); `[]` is content, and refused
    const empty =
      raw === undefined ||
      (typeof raw === 'object' && raw !== null && !Array.isArray(raw) && Object.keys(raw).length === 0);
    if (!empty) throw new AppError('VALIDATION_FAILED', '这个操作不需要提交内容');
    return undefined;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationError(route, parsed.error.issues);
  return parsed.data;
}

/**
 * What a handler gets: one object per run, its getters on the prototype; the query is parsed
 * and the logger made only when a handler asks.
 */
class Context implements RequestContext<unknown, Caller | null> {
  constructor(
    private readonly fn: string,
    private readonly req: Request,
    private readonly res: Response,
    readonly config: AppConfig,
    readonly db: Db,
    readonly caller: Caller | null,
    readonly body: unknown,
    readonly params: Record<string, string>,
    readonly operationId: string | undefined,
  ) {}
  get requestId(): string {
    return this.res.locals.requestId as string;
  }
  get query(): Record<string, string | undefined> {
    return this.req.query as Record<string, string | undefined>;
  }
  get log(): Logger {
    return requestLog(this.fn, this.res);
  }
  /** an own function, not a method: handlers take it out of the context (`{ header }`) */
  readonly header = (name: string): string | undefined => this.req.get(name);
}

/**
 * What every answer of a function carries, set as its request starts: the security headers, the
 * server's request id, no caching, and the finish line in the log when logs are on. Called by the
 * route's first handler, or by the not-found and error handlers for a request no route took; not
 * a middleware of its own, as each layer express walks costs every request (docs/benchmarks.md).
 */
function startRequest(fn: string, req: Request, res: Response): void {
  if (res.locals.requestId) return;
  setApiSecurityHeaders(res, getConfig().production);
  const requestId = newRequestId();
  res.locals.requestId = requestId;
  res.setHeader('X-Request-Id', requestId);
  res.setHeader('Cache-Control', 'no-store');
  if (logger().isLevelEnabled('info')) {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      requestLog(fn, res).info(
        { method: req.method, path: req.originalUrl.split('?')[0], status: res.statusCode, ms },
        'request',
      );
    });
  }
}

function handle(fn: string, route: Route) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      startRequest(fn, req, res);
      const config = getConfig();
      const connected = getDb();
      const db = connected instanceof Promise ? await connected : connected;
      const caller = route.auth === 'public' ? null : await authenticate(req, db, config);
      if (route.auth === 'officer' && !caller!.roles.includes('officer')) throw new AppError('FORBIDDEN');
      // a schema declared as a loader is loaded on the route's first request (route.ts)
      const declared = bodySchemaOf(route);
      const schema = declared instanceof Promise ? await declared : declared;
      const body = parseBody(route, schema, req.body);
      const params = req.params as Record<string, string>;
      const handler = route.handler as (c: RequestContext<unknown, Caller | null>) => Promise<RouteResult>;
      const run = (operationId?: string) =>
        handler(new Context(fn, req, res, config, db, caller, body, params, operationId));
      const key = req.get('idempotency-key');
      let result: RouteResult;
      if (route.idempotent && key !== undefined) {
        const scope = idempotencyScope({
          memberId: caller?.memberId ?? null,
          fn,
          method: route.method,
          routePath: route.path,
          params,
        });
        const r = await runIdempotent({ db, key, scope, body, run });
        if (r.replayed) res.set('Idempotent-Replayed', 'true');
        result = r;
      } else {
        result = await run();
      }
      if (result.raw) {
        // a download is saved, never shown as a page of this site, and nothing in it runs
        res
          .status(result.status ?? 200)
          .attachment(result.raw.filename) // before the type: attachment() types by extension
          .type(result.raw.contentType)
          .set('Content-Security-Policy', DOWNLOAD_POLICY)
          .send(result.raw.bytes);
      } else {
        sendJson(req, res, result.status ?? 200, result.body);
      }
    } catch (e) {
      next(e);
    }
  };
}

function sendError(res: Response, e: AppError): void {
  sendJson(res.req, res, e.status, { error: { code: e.code, message: e.message, details: e.details } });
}

/** The routes a function app serves, as declared (tests walk them to check every endpoint). */
export function routesOf(app: express.Express): readonly Route[] {
  return (app.locals.routes as Route[] | undefined) ?? [];
}

export function createFunctionApp({ name, routes }: FunctionAppOptions): express.Express {
  const app = express();
  app.locals.routes = routes;
  app.disable('x-powered-by');
  app.set('etag', false);
  // JSON bodies only, and only on routes whose method carries one (a GET's body means nothing);
  // an upload route reads its raw body itself (a JSON upload is refused there)
  const jsonBody = express.json({
    limit: BODY_LIMIT,
    strict: true,
    type: ['application/json', 'application/*+json'],
  });
  const start: RequestHandler = (req, res, next) => {
    startRequest(name, req, res); // before the body is read, so a refused body's answer has them too
    next();
  };
  for (const r of routes) {
    const parsers = r.method === 'get' ? [] : [start, jsonBody];
    if (r.raw) parsers.push(express.raw({ type: () => true, limit: r.raw.limit }));
    app[r.method](r.path, ...parsers, handle(name, r));
  }
  app.use((req, res, next) => {
    startRequest(name, req, res);
    next(new AppError('ROUTE_NOT_FOUND'));
  });
  // express recognises an error handler by its four parameters
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    startRequest(name, req, res);
    if (err instanceof AppError) return sendError(res, err);
    const e = err as { type?: string; status?: number };
    if (e?.type === 'entity.parse.failed') return sendError(res, new AppError('BAD_JSON'));
    if (e?.type === 'entity.too.large') return sendError(res, new AppError('BODY_TOO_LARGE'));
    if (e?.status && e.status >= 400 && e.status < 500)
      return sendError(res, new AppError('VALIDATION_FAILED'));
    const log = requestLog(name, res);
    if (isTransientDbError(err)) {
      // the database is unreachable or busy for a moment: the client may send the same request again
      log.warn({ err }, 'database unavailable');
      res.set('Retry-After', String(RETRY_AFTER_SECONDS));
      return sendError(res, new AppError('DB_UNAVAILABLE'));
    }
    log.error({ err }, 'unhandled error');
    sendError(res, new AppError('INTERNAL'));
  });
  return app;
}
