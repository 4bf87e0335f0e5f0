import type { Db } from 'mongodb';
import type { Logger } from 'pino';
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
}

export interface RouteResult {
  status?: number;
  body: unknown;
  /** binary answers (file downloads) instead of JSON; sent as an attachment named `filename` */
  raw?: { contentType: string; bytes: Buffer; filename: string };
}
