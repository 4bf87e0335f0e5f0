/**
 * One MongoClient per process, created on first use and reused by every request (a cloud
 * function instance keeps it across invocations). A function never creates indexes: they are
 * ensured before a deploy takes traffic (`npm run db:indexes`), see indexes.ts.
 */
import { MongoClient, type Db } from 'mongodb';
import { getConfig } from '../config/config';

let clientPromise: Promise<{ client: MongoClient; db: Db }> | undefined;
/** The connected database, once connected: a request's path awaits nothing for it. */
let connected: Db | undefined;

async function connect(): Promise<{ client: MongoClient; db: Db }> {
  const config = getConfig();
  if (!config.mongoUri)
    throw new Error('No database configured: set MONGODB_URI (npm start starts devdb for you)');
  const client = new MongoClient(config.mongoUri, { serverSelectionTimeoutMS: 5000, maxPoolSize: 20 });
  await client.connect();
  const db = client.db(config.dbName);
  return { client, db };
}

export function getDb(): Db | Promise<Db> {
  return connected ?? connecting();
}

async function connecting(): Promise<Db> {
  const pending = (clientPromise ??= connect().catch((e: unknown) => {
    clientPromise = undefined; // a later request may try again
    throw e;
  }));
  const { db } = await pending;
  // not if closeDb() ran meanwhile: that client is closed, and the next request connects anew
  if (clientPromise === pending) connected = db;
  return db;
}

export async function getClient(): Promise<MongoClient> {
  await getDb();
  return (await clientPromise!).client;
}

export async function closeDb(): Promise<void> {
  const current = clientPromise;
  clientPromise = undefined;
  connected = undefined;
  if (current) await (await current).client.close();
}
