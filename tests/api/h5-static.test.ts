/**
 * The H5 build as the local server hands it to a phone on a slow line: compressed, hashed
 * chunks cached for good, index.html checked again on every load (cloud/dev/h5-static.ts).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startStack, type Stack } from '../support/api-stack';

const H5 = path.resolve(__dirname, '../../test-output/api-h5-static');
// a chunk of the size and repetitiveness of real minified code
const CHUNK = Array.from({ length: 2000 }, (_, i) => `function f${i}(a){return a+${i}}`).join(';');

let stack: Stack;
beforeAll(async () => {
  rmSync(H5, { recursive: true, force: true });
  mkdirSync(path.join(H5, 'js'), { recursive: true });
  writeFileSync(path.join(H5, 'index.html'), '<!doctype html><title>工会服务</title>');
  writeFileSync(path.join(H5, 'js/app.0a1b2c3d.js'), CHUNK);
  stack = await startStack({ h5Dir: H5 });
});
afterAll(() => stack.stop());

function get(url: string, acceptEncoding: string, token?: string) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
  }>((resolve, reject) => {
    const req = request(
      stack.url + url,
      {
        headers: {
          'accept-encoding': acceptEncoding,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (d: Buffer) => parts.push(d));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts) }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('serving the H5 build', () => {
  it('sends a hashed chunk brotli-compressed to a browser that accepts it, cached for a year', async () => {
    const r = await get('/js/app.0a1b2c3d.js', 'gzip, deflate, br');
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(r.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(r.body).toString()).toBe(CHUNK);
    expect(r.body.length).toBeLessThan(CHUNK.length / 4);
  });

  it('falls back to gzip for a browser without brotli', async () => {
    const r = await get('/js/app.0a1b2c3d.js', 'gzip');
    expect(r.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(r.body).toString()).toBe(CHUNK);
  });

  it('sends the bytes as they are to a client that accepts no compression', async () => {
    const r = await get('/js/app.0a1b2c3d.js', 'identity');
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.body.toString()).toBe(CHUNK);
  });

  it('has index.html checked again on every load, so a new build is seen at once', async () => {
    for (const url of ['/', '/index.html']) {
      const r = await get(url, 'br');
      expect(r.status).toBe(200);
      expect(r.headers['cache-control']).toBe('no-cache');
      expect(r.headers['cache-control']).not.toMatch(/immutable|max-age=[1-9]/);
    }
  });

  it('compresses a large API answer as well, and leaves the API uncached', async () => {
    const r = await get('/api/orgs', 'br', await stack.login('demo-worker-1'));
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(brotliDecompressSync(r.body).toString())).toBeTruthy();
  });
});
