/**
 * Cold start: a new Node process loads a bundled function and answers its first request
 * through the handler (for `members`: connect to MongoDB, ensure indexes, verify the token,
 * one findOne). Baseline: a bare express + serverless-http hello handler, same bundling.
 * Median of N runs each, interleaved so machine noise hits both alike.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { bundleFunction } from './bundle';

const INVOKE = `
const { handler } = require(process.argv[1]);
handler(JSON.parse(process.argv[2]), {}).then((r) => { process.stdout.write(String(r.statusCode)); process.exit(0); });
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

function coldStartOnce(
  bundle: string,
  event: unknown,
  env: NodeJS.ProcessEnv,
): Promise<{ ms: number; status: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['-e', INVOKE, bundle, JSON.stringify(event)], { env });
    let out = '';
    child.stdout.on('data', (d) => {
      out += String(d);
      if (out.length >= 3) resolve({ ms: performance.now() - t0, status: out });
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (out.length < 3) reject(new Error(`child exited ${code} without answering`));
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function measureColdStart(opts: { env: NodeJS.ProcessEnv; token: string; runs: number }) {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-cold-'));
  const members = path.join(dir, 'members.js');
  const hello = path.join(dir, 'hello.js');
  await bundleFunction('cloud/functions/members/index.ts', members);
  await bundleFunction('bench/fixtures/bare-hello.ts', hello);
  const env = { ...process.env, ...opts.env, LOG_LEVEL: 'silent' };
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < opts.runs; i++) {
    const m = await coldStartOnce(members, v2Get('/api/members/me', opts.token), env);
    if (m.status !== '200') throw new Error(`members answered ${m.status}`);
    a.push(m.ms);
    const h = await coldStartOnce(hello, v2Get('/'), env);
    if (h.status !== '200') throw new Error(`hello answered ${h.status}`);
    b.push(h.ms);
  }
  return { membersMs: median(a), helloMs: median(b), ratio: median(a) / median(b), runs: opts.runs };
}
