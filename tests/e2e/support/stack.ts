/**
 * What an e2e test runs against: the H5 build served by the real dev server (every function
 * under /api, devdb in memory, demo data seeded, dev login on), exactly as `npm start` serves it.
 * `db` lets a test arrange what other features would have written (e.g. a notification).
 */
import { MongoClient, type Db } from 'mongodb';
import { startDevServer } from '../../../cloud/dev/server';
import { ensureH5Build } from './h5-build';

export interface E2eStack {
  url: string;
  db: Db;
  stop(): Promise<void>;
}

export async function startE2eStack(): Promise<E2eStack> {
  const h5Dir = await ensureH5Build();
  const server = await startDevServer({ port: 0, devLogin: true, seed: true, h5Dir });
  const client = new MongoClient(server.mongoUri);
  await client.connect();
  return {
    url: server.url,
    db: client.db(server.config.dbName),
    async stop() {
      await client.close();
      await server.stop();
    },
  };
}
