import serverless from 'serverless-http';
import type express from 'express';

/**
 * The deployable entry of a function: serverless-http around its app. The gateway routes
 * `/api/<name>/*` to it; `basePath` strips that prefix as the dev server's mount does.
 */
export function toHandler(name: string, app: express.Express): serverless.Handler {
  return serverless(app, { basePath: `/api/${name}` });
}
