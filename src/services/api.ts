/**
 * One typed client for the cloud API, around Taro.request:
 *  - base URL fixed at build time (API_BASE: '' in H5, the server's URL in the mini program),
 *  - `Authorization: Bearer <token>` when signed in; a 401 clears the session and opens login,
 *  - every POST/PUT/PATCH/DELETE carries an `Idempotency-Key` made once per logical submit and
 *    reused by the automatic retries, so a retried request cannot act twice,
 *  - retries (with a short back-off, same key) only when the request never got an answer, the
 *    gateway or the database was unavailable for a moment (502/503/504), or the same request is
 *    still being worked on (409 REQUEST_IN_PROGRESS: the retry then gets its answer); any other
 *    4xx is the server's final word,
 *  - any error becomes an ApiError with the server's stable code and plain Chinese message.
 */
import Taro from '@tarojs/taro';
import { ERRORS, isErrorBody, type ErrorCode } from '../contracts/errors';
import { getToken, goToLogin } from './session';
import { newIdempotencyKey } from './idempotency-key';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Codes the client adds to the server's table, for failures that never reached it. */
export type ClientErrorCode = 'NETWORK' | 'BAD_RESPONSE';

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    /** HTTP status; 0 when no answer came back */
    readonly status: number,
    /** the server's facts about the refusal (e.g. the earlier payment a repeat would copy) */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const NETWORK_MESSAGE = '网络不太好，没有连上服务器。请检查网络后再试一次';

export interface RequestOptions {
  body?: unknown;
  /** reuse a key the caller already holds (e.g. one per form submission); otherwise one is made */
  idempotencyKey?: string;
  /** attempts after the first when the network fails; default 2 */
  retries?: number;
}

export { newIdempotencyKey };

const RETRY_STATUSES = new Set([502, 503, 504]);
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function toApiError(status: number, data: unknown): ApiError {
  if (isErrorBody(data)) return new ApiError(data.error.code, data.error.message, status, data.error.details);
  if (status >= 500) return new ApiError('INTERNAL', ERRORS.INTERNAL.message, status);
  return new ApiError('BAD_RESPONSE', ERRORS.INTERNAL.message, status);
}

export async function request<T>(method: HttpMethod, path: string, opts: RequestOptions = {}): Promise<T> {
  const header: Record<string, string> = { Accept: 'application/json' };
  const token = getToken();
  if (token) header.Authorization = `Bearer ${token}`;
  if (method !== 'GET') {
    header['Idempotency-Key'] = opts.idempotencyKey ?? newIdempotencyKey();
    header['Content-Type'] = 'application/json';
  }
  const retries = opts.retries ?? 2;

  for (let attempt = 0; ; attempt++) {
    let res: Taro.request.SuccessCallbackResult<TaroGeneral.IAnyObject | string>;
    try {
      res = await Taro.request<TaroGeneral.IAnyObject | string>({
        url: API_BASE + path,
        method,
        header,
        data: opts.body as TaroGeneral.IAnyObject | undefined,
        dataType: 'json',
        timeout: 15000,
      });
    } catch {
      if (attempt < retries) {
        await wait(400 * 2 ** attempt);
        continue;
      }
      throw new ApiError('NETWORK', NETWORK_MESSAGE, 0);
    }
    const status = res.statusCode;
    if (status >= 200 && status < 300) return res.data as T;
    const inProgress =
      status === 409 && isErrorBody(res.data) && res.data.error.code === 'REQUEST_IN_PROGRESS';
    if ((RETRY_STATUSES.has(status) || inProgress) && attempt < retries) {
      await wait(400 * 2 ** attempt);
      continue;
    }
    const error = toApiError(status, res.data);
    if (status === 401 && !path.startsWith('/api/auth/')) goToLogin();
    throw error;
  }
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) =>
    request<T>('POST', path, { ...opts, body }),
  put: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PUT', path, { ...opts, body }),
  del: <T>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, opts),
};

/** The words to show for any failure (an ApiError's message, or a plain fallback). */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  return ERRORS.INTERNAL.message;
}
