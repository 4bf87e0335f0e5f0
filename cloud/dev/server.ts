/**
 * The local stack in one process: devdb (or MONGODB_URI), the fake WeChat API, every function
 * mounted at /api/<name>, and the H5 build at `/`. `npm start` and the api/e2e tests use it.
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { loadConfig, setConfig, type AppConfig } from '../platform/config/config';
import { closeDb, getDb } from '../platform/db/client';
import { ensureIndexes } from '../platform/db/indexes';
import { AppError } from '../platform/http/app-error';
import { apiSecurityHeaders, appSecurityHeaders } from '../platform/http/security-headers';
import { FUNCTIONS } from '../functions/registry';
import { startFakeWechat, type FakeWechat } from './fake-wechat-server';
import { seedIfEmpty } from './seed';
import { compressResponses, serveH5 } from './h5-static';

export interface DevServerOptions {
  port?: number;
  host?: string;
  mongoUri?: string;
  /** devdb keeps its files here (DATA_DIR/db); absent → devdb in memory */
  dataDir?: string;
  devLogin?: boolean;
  seed?: boolean;
  h5Dir?: string;
  /** extra environment-style settings (e.g. WECHAT_API_BASE) */
  env?: NodeJS.ProcessEnv;
  /** the WeChat stand-in lets WeChat DevTools' wx.login codes in as one local user (npm start) */
  acceptDevtoolsLogin?: boolean;
}

/** The member WeChat DevTools signs in as against the local WeChat stand-in. */
export const DEVTOOLS_OPENID = 'devtools-user';

export interface DevServer {
  url: string;
  mongoUri: string;
  config: AppConfig;
  wechat: FakeWechat | null;
  stop(): Promise<void>;
}

export async function startDevServer(opts: DevServerOptions = {}): Promise<DevServer> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env };
  if (opts.dataDir) env.DATA_DIR = opts.dataDir;
  if (opts.mongoUri) env.MONGODB_URI = opts.mongoUri;
  env.DEV_LOGIN = (opts.devLogin ?? true) ? '1' : '0';
  const production = env.NODE_ENV === 'production';
  // the local demo walks a case from application to payment without waiting out the 公示
  if (!production) env.AID_PUBLICITY_DAYS ??= '0';
  const base = loadConfig(env);

  let stopDb: (() => Promise<void>) | undefined;
  let mongoUri: string;
  if (base.mongoUri) {
    mongoUri = base.mongoUri;
  } else {
    const { startDevDb } = await import('../devdb/index');
    const dbpath = opts.dataDir ? path.join(base.dataDir, 'db') : undefined;
    const devdb = await startDevDb({ port: 0, ...(dbpath ? { dbpath } : {}) });
    mongoUri = devdb.uri;
    stopDb = devdb.stop;
  }

  // the WeChat stand-in and the demo data are for local work: production talks to WeChat and
  // keeps its database as it finds it (the stand-in's `dev-` codes would be a login bypass)
  let wechat: FakeWechat | null = null;
  let wechatConfig = base.wechat;
  if (!env.WECHAT_API_BASE && !production) {
    wechat = await startFakeWechat({
      appId: base.wechat.appId,
      secret: base.wechat.secret,
      ...(opts.acceptDevtoolsLogin ? { devtoolsOpenid: DEVTOOLS_OPENID } : {}),
    });
    wechatConfig = { ...base.wechat, apiBase: wechat.baseUrl };
  }
  const config: AppConfig = { ...base, mongoUri, wechat: wechatConfig };
  setConfig(config);
  const db = await getDb();
  await ensureIndexes(db); // what `npm run db:indexes` does before a deploy
  if (opts.seed ?? !production) await seedIfEmpty(db, config);

  const app = express();
  app.disable('x-powered-by');
  app.use(compressResponses());
  for (const fn of FUNCTIONS) app.use(`/api/${fn.name}`, fn.createApp());
  app.use(
    '/api',
    apiSecurityHeaders(() => production),
    (_req, res) => {
      const e = new AppError('ROUTE_NOT_FOUND');
      res.status(e.status).json({ error: { code: e.code, message: e.message } });
    },
  );
  const h5Dir = opts.h5Dir ?? path.resolve('dist/h5');
  // the app's own security headers before its files (the API's come with each function app)
  if (existsSync(h5Dir)) app.use(appSecurityHeaders(() => production));
  if (existsSync(h5Dir)) app.use(serveH5(h5Dir));

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(opts.port ?? config.port, opts.host ?? '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    mongoUri,
    config,
    wechat,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await closeDb();
      await wechat?.stop();
      await stopDb?.();
    },
  };
}
