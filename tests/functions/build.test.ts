/**
 * The deploy build (`npm run build:functions`, tools/functions-build): a function's entry loads
 * its bundle through the V8 code cache made at build time and answers; on another Node, with a
 * damaged cache or with a bundle the cache was not made for, it compiles without the cache, says
 * so in one log line, and still answers.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startDevDb } from '../../cloud/devdb/index';
import { buildFunction } from '../../tools/functions-build/build';

const DIR = path.resolve('test-output/functions-build/health');
let devdb: Awaited<ReturnType<typeof startDevDb>>;
let entry: string;

beforeAll(async () => {
  devdb = await startDevDb({ port: 0 });
  entry = await buildFunction('cloud/functions/health/index.ts', DIR);
}, 60_000);
afterAll(() => devdb.stop());

const INVOKE = `
const { handler } = require(process.argv[1]);
const path = '/api/health';
handler({ version: '2.0', routeKey: '$default', rawPath: path, rawQueryString: '', headers: {},
  requestContext: { http: { method: 'GET', path, sourceIp: '127.0.0.1' } }, isBase64Encoded: false }, {})
  .then((r) => { console.log(JSON.stringify({ answer: r.statusCode })); process.exit(0); });
`;

/** Runs the built entry in a new Node process (asynchronously: devdb answers from this one). */
function coldStart(): Promise<{ answer?: number; warnings: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', INVOKE, entry], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        MONGODB_URI: devdb.uri,
        JWT_SECRET: randomBytes(32).toString('hex'),
        PII_KEY: randomBytes(32).toString('hex'),
        LOG_LEVEL: 'warn',
      },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.on('error', reject);
    child.on('close', () => {
      const lines = out
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l));
      resolve({
        answer: lines.find((l) => 'answer' in l)?.answer,
        warnings: lines.filter((l) => l.level === 40).map((l) => l.msg),
      });
    });
  });
}

describe('the deploy build', () => {
  it('writes the entry, the bundle and a code cache for this Node', () => {
    expect(entry).toBe(path.join(DIR, 'index.js'));
    expect(existsSync(path.join(DIR, 'function.js'))).toBe(true);
    expect(readFileSync(path.join(DIR, 'function.js.v8cache')).length).toBeGreaterThan(100_000);
    expect(readFileSync(entry, 'utf8')).toContain(JSON.stringify(process.version));
  });

  it('answers through the code cache without a warning', async () => {
    expect(await coldStart()).toEqual({ answer: 200, warnings: [] });
  });

  it('on another Node, compiles without the cache, says so once, and still answers', async () => {
    const source = readFileSync(entry, 'utf8');
    try {
      writeFileSync(entry, source.replace(JSON.stringify(process.version), '"v0.0.0"'));
      const run = await coldStart();
      expect(run.answer).toBe(200);
      expect(run.warnings).toEqual([expect.stringMatching(/^code cache not used/)]);
    } finally {
      writeFileSync(entry, source);
    }
  });

  it('with a damaged cache, compiles without it, says so once, and still answers', async () => {
    const cacheFile = path.join(DIR, 'function.js.v8cache');
    const cache = readFileSync(cacheFile);
    try {
      // V8 checks the header, not the bytes: such a cache would crash the process if used
      writeFileSync(cacheFile, Buffer.concat([cache.subarray(0, 64), randomBytes(cache.length - 64)]));
      const run = await coldStart();
      expect(run.answer).toBe(200);
      expect(run.warnings).toEqual([expect.stringMatching(/^code cache damaged/)]);
    } finally {
      writeFileSync(cacheFile, cache);
    }
  });

  it('with a bundle the cache was not made for, compiles without it, says so once, and still answers', async () => {
    const bundleFile = path.join(DIR, 'function.js');
    const bundle = readFileSync(bundleFile, 'utf8');
    try {
      writeFileSync(bundleFile, bundle.replace(/\n\/\/ build [0-9a-f]+\n$/, '\n// build 0000000000000000\n'));
      const run = await coldStart();
      expect(run.answer).toBe(200);
      expect(run.warnings).toEqual([expect.stringMatching(/^code cache not used: made for another bundle/)]);
    } finally {
      writeFileSync(bundleFile, bundle);
    }
  });
});
