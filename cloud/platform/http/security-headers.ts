/**
 * Security headers, one middleware for the API (every function app) and one for the H5 app's
 * static files (the dev server; a production static host sets the same, see README):
 *  - X-Content-Type-Options: nosniff: a browser takes the declared type, never guesses HTML;
 *  - no framing (frame-ancestors 'none' and X-Frame-Options for older browsers): no clickjacking;
 *  - Referrer-Policy: no-referrer: ids in the app's URLs do not travel to other sites;
 *  - Content-Security-Policy: the API answers JSON and files, so it allows nothing; the app runs
 *    only its own scripts (Taro's components set inline styles, hence 'unsafe-inline' for styles
 *    only), shows its own images, data: icons and blob: photos, talks to its own origin, and reads
 *    blob: URLs (an H5 upload fetches the chosen photo from one).
 *    Taro's H5 tab bar items are `<a href="javascript:;">`: that one no-op URL is allowed by its
 *    hash ('unsafe-hashes' admits nothing else), so a tap on a tab is not a policy violation;
 *  - Strict-Transport-Security in production, where the site is served over HTTPS.
 * File downloads add their own (Content-Disposition, a sandboxing policy): see create-app.ts.
 */
import type { ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';

const API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

// sha256 of `javascript:;`, the href of Taro's tab bar items
const TABBAR_HREF_HASH = "'sha256-lfXlPY3+MCPOPb4mrw1Y961+745U3WlDQVcOXdchSQc='";

const APP_POLICY = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-hashes' ${TABBAR_HREF_HASH}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' blob:", // Taro's H5 uploadFile reads the chosen photo's blob: URL by XHR
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** A downloaded file is never a page: nothing in it runs, even opened directly. */
export const DOWNLOAD_POLICY = "default-src 'none'; sandbox; frame-ancestors 'none'";

/** The headers of a policy as one list, made once. */
function headersOf(policy: string): [string, string][] {
  return Object.entries({
    'Content-Security-Policy': policy,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
  });
}

const API_HEADERS = headersOf(API_POLICY);

function setHeaders(res: ServerResponse, always: [string, string][], production: boolean): void {
  for (const [name, value] of always) res.setHeader(name, value);
  // a year, as browsers' preload lists ask; only over HTTPS, i.e. in production
  if (production) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
}

/** The API's headers on one answer (a function app sets them as it starts each request: create-app.ts). */
export function setApiSecurityHeaders(res: ServerResponse, production: boolean): void {
  setHeaders(res, API_HEADERS, production);
}

/** `production` is asked per request: a function app is built before its configuration is read. */
function headers(policy: string, production: () => boolean): RequestHandler {
  const always = headersOf(policy);
  return (_req, res, next) => {
    setHeaders(res, always, production());
    next();
  };
}

export const apiSecurityHeaders = (production: () => boolean) => headers(API_POLICY, production);
export const appSecurityHeaders = (production: () => boolean) => headers(APP_POLICY, production);
