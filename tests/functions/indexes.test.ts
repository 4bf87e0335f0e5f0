/**
 * Indexes are ensured at deploy time by `npm run db:indexes`, never by a function instance
 * (cloud/platform/db/indexes.ts says why): the script creates every index the functions declare,
 * the unique ones then refuse duplicates, running it again is harmless, and a function answering
 * its first requests leaves the database's indexes as it found them.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { MongoClient, type Db } from 'mongodb';
import { startDevDb } from '../../cloud/devdb/index';
import { loadConfig } from '../../cloud/platform/config/config';
import { signSessionToken } from '../../cloud/platform/auth/token';
import { closeDb } from '../../cloud/platform/db/client';
import { declaredIndexes } from '../../cloud/platform/db/indexes';
import { seedIfEmpty } from '../../cloud/dev/seed';
import '../../cloud/functions/registry';

type Handler = (event: unknown, context: unknown) => Promise<{ statusCode: number }>;

let devdb: Awaited<ReturnType<typeof startDevDb>>;
let client: MongoClient;
const saved = { ...process.env };

beforeEach(async () => {
  devdb = await startDevDb({ port: 0 });
  client = await MongoClient.connect(devdb.uri);
});
afterEach(async () => {
  process.env = { ...saved };
  await client.close();
  await devdb.stop();
});

/** `npm run db:indexes` against `uri` (asynchronously: devdb answers from this process). */
function dbIndexes(uri: string): Promise<{ status: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'cloud/ops/ensure-indexes.ts'], {
      env: { ...process.env, MONGODB_URI: uri, MONGODB_DB: 'union' },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, out }));
  });
}

/** Index names per collection, `_id_` left out. */
async function indexNames(db: Db): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const { name } of await db.listCollections().toArray()) {
    const names = (await db.collection(name).indexes()).map((i) => i.name!).filter((n) => n !== '_id_');
    if (names.length) out[name] = names.sort();
  }
  return out;
}

describe('indexes at deploy time', () => {
  it('creates every index the functions declare, and the unique ones then refuse duplicates', async () => {
    expect(await dbIndexes(devdb.uri)).toMatchObject({ status: 0 });
    const expected = Object.fromEntries(
      [...declaredIndexes()].map(([c, ixs]) => [c, ixs.map((i) => i.name!).sort()]),
    );
    expect(expected.members).toContain('openid_unique');
    expect(expected.aidCases?.length).toBeGreaterThan(0);
    const db = client.db('union');
    expect(await indexNames(db)).toEqual(expected);
    await db.collection('members').insertOne({ openid: 'same-openid' });
    await expect(db.collection('members').insertOne({ openid: 'same-openid' })).rejects.toMatchObject({
      code: 11000,
    });
  });

  it('can run again: the indexes stay as they are and it still succeeds', async () => {
    expect(await dbIndexes(devdb.uri)).toMatchObject({ status: 0 });
    const before = await indexNames(client.db('union'));
    expect(await dbIndexes(devdb.uri)).toMatchObject({ status: 0 });
    expect(await indexNames(client.db('union'))).toEqual(before);
  });

  it('stops the deploy when a unique index cannot be built over duplicates', async () => {
    await client
      .db('union')
      .collection('members')
      .insertMany([{ openid: 'twice' }, { openid: 'twice' }]);
    const run = await dbIndexes(devdb.uri);
    expect(run.status).not.toBe(0);
    expect(run.out).toMatch(/ensuring indexes failed/);
  });

  it('a function answering its first requests creates no index', async () => {
    const env = {
      NODE_ENV: 'production',
      MONGODB_URI: devdb.uri,
      JWT_SECRET: randomBytes(32).toString('hex'),
      PII_KEY: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'silent',
    };
    process.env = { ...saved, ...env };
    const config = loadConfig();
    const db = client.db(config.dbName);
    await seedIfEmpty(db, config);
    const member = await db.collection('members').findOne({ openid: 'demo-worker-1' });
    const token = await signSessionToken(
      { memberId: member!._id.toHexString(), sessionVersion: 0, lifetimeSeconds: 600 },
      config.jwtSecret,
    );
    const before = await indexNames(db);
    await jest.isolateModulesAsync(async () => {
      const { handler } = (await import('../../cloud/functions/members/index')) as unknown as {
        handler: Handler;
      };
      try {
        const me = await handler(
          {
            version: '2.0',
            routeKey: '$default',
            rawPath: '/api/members/me',
            rawQueryString: '',
            headers: { authorization: `Bearer ${token}` },
            requestContext: { http: { method: 'GET', path: '/api/members/me', sourceIp: '127.0.0.1' } },
            isBase64Encoded: false,
          },
          {},
        );
        expect(me.statusCode).toBe(200);
      } finally {
        const { closeDb: closeIsolated } = await import('../../cloud/platform/db/client');
        await closeIsolated();
      }
    });
    expect(await indexNames(db)).toEqual(before);
  });
});

afterAll(() => closeDb());
