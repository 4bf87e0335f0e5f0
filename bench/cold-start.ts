/**
 * Cold start: a new Node process loads a bundled function and answers its first request
 * through the handler (for `members`: connect to MongoDB, verify the token, read the member).
 * Several targets (the app, its baselines) are measured interleaved: every run starts each
 * target once, in an order that rotates from run to run, so load from elsewhere on a shared
 * machine hits them alike and none is always first. Compare targets by the median of their
 * per-run ratios (report.ts `medianRatio`).
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

// the answer goes to fd 3, so the function's own log lines (stdout) are not in the way
const INVOKE = `
const { handler } = require(process.argv[1]);
handler(JSON.parse(process.argv[2]), {}).then((r) => {
  const cpu = process.cpuUsage();
  require('node:fs').writeSync(3, r.statusCode + ' ' + (cpu.user + cpu.system) / 1000 + '\\n');
  process.exit(0);
});
`;

export function v2Get(rawPath: string, token?: string) {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString: '',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    requestContext: { http: { method: 'GET', path: rawPath, sourceIp: '127.0.0.1' }, stage: '$default' },
    isBase64Encoded: false,
  };
}

export interface ColdTarget {
  name: string;
  /** a CommonJS file exporting `handler` (bench/bundle.ts) */
  bundle: string;
  event: unknown;
}

/** Milliseconds from spawning `node` to the first answer's status code (on fd 3). */
export function coldStartOnce(
  bundle: string,
  event: unknown,
  env: NodeJS.ProcessEnv,
): Promise<{ ms: number; cpuMs: number; status: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['-e', INVOKE, bundle, JSON.stringify(event)], {
      env,
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdio[3]!.on('data', (d) => {
      out += String(d);
      const ms = performance.now() - t0;
      if (out.endsWith('\n')) {
        const [status, cpuMs] = out.trim().split(' ');
        resolve({ ms, cpuMs: Number(cpuMs), status });
      }
    });
    child.stderr!.on('data', (d) => (err += String(d)));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (!out.endsWith('\n')) reject(new Error(`child exited ${code} without answering: ${err}`));
    });
  });
}

/** Wall-clock and CPU milliseconds of a target's cold starts, in run order. */
export interface ColdFigures {
  ms: number[];
  /** CPU time (user + system) the new process used until it answered: less moved by others' load */
  cpuMs: number[];
}

/** `runs` cold starts of each target, interleaved. */
export async function coldStarts(
  targets: ColdTarget[],
  opts: { runs: number; env: NodeJS.ProcessEnv },
): Promise<Record<string, ColdFigures>> {
  const out: Record<string, ColdFigures> = Object.fromEntries(
    targets.map((t) => [t.name, { ms: [], cpuMs: [] }]),
  );
  for (let run = 0; run < opts.runs; run++) {
    for (let k = 0; k < targets.length; k++) {
      const t = targets[(run + k) % targets.length];
      const r = await coldStartOnce(t.bundle, t.event, opts.env);
      if (r.status !== '200') throw new Error(`${t.name} answered ${r.status}`);
      out[t.name].ms.push(r.ms);
      out[t.name].cpuMs.push(r.cpuMs);
    }
  }
  return out;
}
