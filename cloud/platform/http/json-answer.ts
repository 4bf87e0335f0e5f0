/**
 * A JSON answer, written directly: what express's `res.json` sends (the body as UTF-8 JSON, its
 * type and length, no body for HEAD) without the content-type parsing and charset lookups it
 * repeats on every answer, which cost a function about 10 µs a request (docs/benchmarks.md).
 */
import type { Request, Response } from 'express';

const JSON_TYPE = 'application/json; charset=utf-8';

export function sendJson(req: Request, res: Response, status: number, body: unknown): void {
  // like express: `undefined` is sent as an empty body, not as the text "undefined"
  const text = JSON.stringify(body) ?? '';
  res.statusCode = status;
  res.setHeader('Content-Type', JSON_TYPE);
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(req.method === 'HEAD' ? undefined : text);
}
