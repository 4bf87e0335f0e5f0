/**
 * What an e2e test runs against: the H5 build served by the real dev server (every function
 * under /api, devdb in memory, demo data seeded, dev login on), exactly as `npm start` serves it.
 */
import { startDevServer } from '../../../cloud/dev/server';
import { ensureH5Build } from './h5-build';

export interface E2eStack {
  url: string;
  stop(): Promise<void>;
}

export async function startE2eStack(): Promise<E2eStack> {
  const h5Dir = await ensureH5Build();
  const server = await startDevServer({ port: 0, devLogin: true, seed: true, h5Dir });
  return { url: server.url, stop: () => server.stop() };
}
