import type { Db } from 'mongodb';
import type { Logger } from '../log/logger';
import type { AppConfig } from '../config/config';
import type { Caller } from '../auth/caller';

/** Everything a route handler may use, typed once (no globals, no `req` digging in handlers). */
export interface RequestContext<Body = unknown, Auth extends Caller | null = Caller | null> {
  requestId: string;
  log: Logger;
  config: AppConfig;
  db: Db;
  caller: Auth;
  body: Body;
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  header(name: string): string | undefined;
  /**
   * With an Idempotency-Key: an id (24 hex digits) that every retry of this request gets, so a
   * handler that creates something can name it by it and find it again (http/idempotency.ts)
   */
  operationId?: string;
}

export interface RouteResult {
  status?: number;
  body: unknown;
  /** binary answers (file downloads) instead of JSON; sent as an attachment named `filename` */
  raw?: { contentType: string; bytes: Buffer; filename: string };
}
