/**
 * The server under load: `npm start` (cloud/dev/start.ts) as its own process, with a temporary
 * DATA_DIR and a free port, so the load generator and the server do not share an event loop.
 * It runs from a scratch directory holding a placeholder H5 page: the load never asks for the
 * H5 app, and `npm start` would otherwise build it first (a minute of CPU before the run).
 * Node runs tsx's loader directly (not the `tsx` binary, which forks a grandchild), so a signal
 * reaches the server itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(__dirname, '../..');
/** tsx's loader by file URL: the server's working directory is outside the repository */
const TSX = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

export interface RunningServer {
  url: string;
  dataDir: string;
  proc: ChildProcess;
  /** lines the server logged at warn level or above (errors it could not answer cleanly) */
  problems: string[];
  /** CPU seconds the server process has used so far (user + system) */
  cpuSeconds(): number;
  /** SIGTERM: the server closes its connections, devdb and the journal */
  stop(): Promise<void>;
}

/** utime + stime of a process, from /proc (clock ticks of 1/100 s on Linux). */
function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** @param profileDir when set, the server writes a V8 CPU profile there when it stops */
export async function startServer(profileDir?: string): Promise<RunningServer> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'bench-load-'));
  const dataDir = path.join(scratch, 'data');
  mkdirSync(path.join(scratch, 'dist/h5'), { recursive: true });
  writeFileSync(path.join(scratch, 'dist/h5/index.html'), '<!doctype html><title>bench</title>');
  const port = await freePort();
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const proc = spawn(process.execPath, [...profile, '--import', TSX, path.join(ROOT, 'cloud/dev/start.ts')], {
    cwd: scratch,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      TSX_TSCONFIG_PATH: path.join(ROOT, 'tsconfig.json'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const problems: string[] = [];
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
    const onLine = (line: string) => {
      const m = /is running: (http:\/\/\S+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      } else if (line.startsWith('{')) problems.push(line);
    };
    let pending = '';
    const read = (chunk: Buffer) => {
      out += String(chunk);
      pending += String(chunk);
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      lines.forEach(onLine);
    };
    proc.stdout!.on('data', read);
    proc.stderr!.on('data', read);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${out}`));
    });
  });
  return {
    url,
    dataDir,
    proc,
    problems,
    cpuSeconds: () => processCpuSeconds(proc.pid!),
    async stop() {
      proc.kill('SIGTERM');
      await exited;
    },
  };
}
