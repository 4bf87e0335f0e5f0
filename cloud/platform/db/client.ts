/**
 * One MongoClient per process, created on first use and reused by every request (a cloud
 * function instance keeps it across invocations). Indexes are ensured once per process, all
 * collections at once, beside the first request rather than in front of it.
 */
import { MongoClient, type Db } from 'mongodb';
import { getConfig } from '../config/config';
import { ensureIndexes } from './indexes';

let clientPromise: Promise<{ client: MongoClient; db: Db }> | undefined;
let indexes: Promise<void> | undefined;

async function connect(): Promise<{ client: MongoClient; db: Db }> {
  const config = getConfig();
  if (!config.mongoUri)
    throw new Error('No database configured: set MONGODB_URI (npm start starts devdb for you)');
  const client = new MongoClient(config.mongoUri, { serverSelectionTimeoutMS: 5000, maxPoolSize: 20 });
  await client.connect();
  const db = client.db(config.dbName);
  indexes = ensureIndexes(db).catch((e: unknown) => console.error('ensuring indexes failed', e));
  return { client, db };
}

export async function getDb(): Promise<Db> {
  clientPromise ??= connect().catch((e: unknown) => {
    clientPromise = undefined; // a later request may try again
    throw e;
  });
  return (await clientPromise).db;
}

/** Resolves once this process's indexes are ensured (the dev server waits for them). */
export async function indexesEnsured(): Promise<void> {
  await getDb();
  await indexes;
}

export async function getClient(): Promise<MongoClient> {
  await getDb();
  return (await clientPromise!).client;
}

export async function closeDb(): Promise<void> {
  const current = clientPromise;
  clientPromise = undefined;
  if (current) await (await current).client.close();
}
