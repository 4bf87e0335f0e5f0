import serverless from 'serverless-http';
import type express from 'express';
import { getConfig } from '../config/config';

/**
 * Answers the gateway must carry as bytes (base64), not as text: evidence files (image/*,
 * application/pdf, application/octet-stream) and any encoded body. A function, not a list of
 * types: serverless-http turns a list into new regular expressions for every answer.
 */
export function isBinaryAnswer(headers: Record<string, unknown>): boolean {
  if (headers['content-encoding']) return true;
  const type = String(headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
  return type.startsWith('image/') || type === 'application/pdf' || type === 'application/octet-stream';
}

/**
 * The deployable entry of a function: serverless-http around its app. The gateway routes
 * `/api/<name>/*` to it; `basePath` strips that prefix as the dev server's mount does.
 * The configuration is read when the instance starts, so a production function without
 * MONGODB_URI, JWT_SECRET or PII_KEY fails to start instead of failing every request.
 */
export function toHandler(name: string, app: express.Express): serverless.Handler {
  getConfig();
  return serverless(app, { basePath: `/api/${name}`, binary: isBinaryAnswer });
}
