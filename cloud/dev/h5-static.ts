/**
 * How the H5 build (dist/h5) is served: compressed (brotli or gzip, as the browser accepts),
 * files whose name carries a content hash (js/app.1a2b3c4d.js, css/…, static/…) cached for a
 * year as immutable, and everything else — index.html above all — revalidated on every load,
 * so a new build reaches phones at once while the unchanged chunks stay in their cache.
 * README "Serving dist/h5" says the same for a CDN or another web server.
 */
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import compression from 'compression';
import express, { type RequestHandler } from 'express';

/** `name.<8 hex>.ext`, as config/index.ts names the H5 build's chunks and assets. */
const HASHED = /\.[0-9a-f]{8}\.[a-z0-9]+$/i;

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

export function isHashedAsset(file: string): boolean {
  return HASHED.test(path.basename(file));
}

/** Compresses every compressible answer (the API's JSON too): brotli when accepted, else gzip. */
export function compressResponses(): RequestHandler {
  return compression({ threshold: 1024 });
}

export function serveH5(h5Dir: string): RequestHandler {
  return express.static(h5Dir, {
    index: 'index.html',
    setHeaders(res: ServerResponse, file: string) {
      res.setHeader('Cache-Control', isHashedAsset(file) ? IMMUTABLE : REVALIDATE);
    },
  });
}
