/** The mongosh CLI (npm package mongosh) running --eval scripts against devdb. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { startDevDb, type DevDb } from '../../cloud/devdb/index';

const MONGOSH = path.resolve(__dirname, '../../node_modules/.bin/mongosh');
let devdb: DevDb;

beforeAll(async () => {
  devdb = await startDevDb({ port: 0 });
});
afterAll(async () => {
  await devdb.stop();
});

/** Runs one script in mongosh against database `db` and returns what it printed. */
function mongosh(db: string, script: string): Promise<string> {
  const uri = devdb.uri.replace('/?', `/${db}?`);
  return new Promise((resolve, reject) => {
    execFile(
      MONGOSH,
      [uri, '--quiet', '--norc', '--eval', script],
      { timeout: 60_000, env: { ...process.env, MONGOSH_SKIP_NODE_VERSION_CHECK: '1' } },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stdout}\n${stderr}`)) : resolve(stdout),
    );
  });
}

it('inserts, finds and counts documents', async () => {
  const out = await mongosh(
    'shell',
    `db.people.insertOne({ _id: 1, name: 'ann' });
     db.people.insertMany([{ _id: 2, name: 'bo' }, { _id: 3, name: 'cy' }]);
     print(JSON.stringify({
       count: db.people.countDocuments({ _id: { $gte: 2 } }),
       found: db.people.find({}, { name: 1, _id: 0 }).sort({ name: -1 }).toArray(),
     }));`,
  );
  expect(JSON.parse(out.trim().split('\n').at(-1)!)).toEqual({
    count: 2,
    found: [{ name: 'cy' }, { name: 'bo' }, { name: 'ann' }],
  });
});

it('creates a unique index and reports the duplicate key error with its code', async () => {
  const out = await mongosh(
    'shell2',
    `db.users.createIndex({ email: 1 }, { unique: true });
     db.users.insertOne({ email: 'a@x' });
     let code = null;
     try { db.users.insertOne({ email: 'a@x' }); } catch (e) { code = e.code; }
     print(JSON.stringify({ code, indexes: db.users.getIndexes().map((i) => i.name), n: db.users.countDocuments() }));`,
  );
  expect(JSON.parse(out.trim().split('\n').at(-1)!)).toEqual({
    code: 11000,
    indexes: ['_id_', 'email_1'],
    n: 1,
  });
});
