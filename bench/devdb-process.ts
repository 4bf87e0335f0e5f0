/** devdb as its own process (`cloud/devdb/cli.ts`, in memory, a free port), as a deployed database is. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export async function startDevDbProcess(): Promise<{ uri: string; proc: ChildProcess }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'cloud/devdb/cli.ts', '--port', '0'], {
    cwd: path.resolve(__dirname, '..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const uri = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (chunk) => {
      out += String(chunk);
      const m = /ready (mongodb:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    proc.once('exit', (code) => reject(new Error(`devdb exited with ${code}`)));
  });
  return { uri, proc };
}
