/**
 * The load generator's HTTP client: one request, timed, its outcome recorded under a route
 * label (the path with ids replaced), never throwing: a request that got no answer within
 * `timeoutMs` counts as `timeout`, as a phone giving up would.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { LoadStats } from './stats';

/** The fields of JSON answers the load reads (a login, a case, a list, an error). */
export interface Body {
  token?: string;
  member?: { id: string };
  id?: string;
  status?: string;
  version?: number;
  suggestedCategory?: string;
  items?: { id: string; status: string }[];
  actions?: string[];
  error?: { code: string };
}

export interface Answer {
  status: number;
  /** the error code of an error answer */
  code: string | null;
  body: Body;
  replayed: boolean;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  idempotencyKey?: string;
  /** the route label to record under (default: the path with ids and query values replaced) */
  route?: string;
}

export const newKey = () => `load-${randomBytes(12).toString('hex')}`;

function label(method: string, path: string): string {
  const [p, q] = path.split('?');
  const route = p.replace(/\/[a-f0-9]{24}(?=\/|$)/g, '/:id');
  const query = q ? `?${q.replace(/=[^&]*/g, (m) => (/^=(1)$/.test(m) ? m : '=…'))}` : '';
  return `${method} ${route}${query}`;
}

export class LoadClient {
  constructor(
    private readonly base: string,
    private readonly stats: LoadStats,
    private readonly timeoutMs: number,
  ) {}

  async call(method: string, path: string, opts: CallOptions = {}): Promise<Answer | null> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
    const route = opts.route ?? label(method, path);
    const started = performance.now();
    try {
      const res = await fetch(this.base + path, {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await res.text();
      const ms = performance.now() - started;
      let body: Body = {};
      try {
        body = text ? (JSON.parse(text) as Body) : {};
      } catch {
        body = {};
      }
      const code = body?.error?.code ?? null;
      this.stats.record(route, ms, code ? `${res.status} ${code}` : String(res.status));
      return { status: res.status, code, body, replayed: res.headers.get('idempotent-replayed') === 'true' };
    } catch (e) {
      const ms = performance.now() - started;
      const name = (e as Error)?.name;
      this.stats.record(route, ms, name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network');
      return null;
    }
  }
}
