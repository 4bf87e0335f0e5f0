/**
 * MongoDB's CRUD conformance suite (the unified spec tests the official drivers run against real
 * servers, vendored under tests/fixtures/mongodb-specifications) run against devdb through the
 * official driver. Tests that do not apply are left out by name in unified/exclusions.ts, with the
 * reason; everything else must pass.
 */
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startDevDb, type DevDb } from '../../cloud/devdb/index';
import { EXCLUSIONS } from './unified/exclusions';
import { loadSpecFiles, requirementsMet, UnifiedRunner, type ServerProfile } from './unified/runner';

const DIR = path.resolve(__dirname, '../fixtures/mongodb-specifications/crud-unified');
const files = loadSpecFiles(DIR);

/** `file.json` or `file.json: description` → its reason */
const excludedNames = new Map<string, string>();
for (const { reason, tests } of EXCLUSIONS) for (const name of tests) excludedNames.set(name, reason);
const excluded = (file: string, test: string) =>
  excludedNames.has(file) || excludedNames.has(`${file}: ${test}`);

let devdb: DevDb;
let runner: UnifiedRunner;

beforeAll(async () => {
  devdb = await startDevDb({ port: 0 });
  runner = new UnifiedRunner(devdb.uri);
});
afterAll(async () => {
  await runner.close();
  await devdb.stop();
});

describe('the exclusion list', () => {
  it('names only files and tests that exist, each once', () => {
    const known = new Set(
      files.flatMap((f) => [f.file, ...f.tests.map((t) => `${f.file}: ${t.description}`)]),
    );
    const names = EXCLUSIONS.flatMap((x) => x.tests);
    expect(names.filter((n) => !known.has(n))).toEqual([]);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    for (const f of files) {
      if (excludedNames.has(f.file))
        expect(f.tests.filter((t) => excludedNames.has(`${f.file}: ${t.description}`))).toEqual([]);
    }
    expect(EXCLUSIONS.every((x) => x.reason.length > 20)).toBe(true);
  });

  it('names every test whose requirements leave out the version and topology devdb reports', async () => {
    const client = await MongoClient.connect(devdb.uri);
    const info = await client.db('admin').command({ buildInfo: 1 });
    const hello = await client.db('admin').command({ hello: 1 });
    await client.close();
    const server: ServerProfile = {
      version: info.version,
      topology: hello.setName ? 'replicaset' : 'single',
    };
    const unlisted = files.flatMap((f) =>
      f.tests
        .filter(
          (t) =>
            !(requirementsMet(f.runOnRequirements, server) && requirementsMet(t.runOnRequirements, server)),
        )
        .filter((t) => !excluded(f.file, t.description))
        .map((t) => `${f.file}: ${t.description}`),
    );
    expect(unlisted).toEqual([]);
  });
});

for (const file of files) {
  const tests = file.tests.filter((t) => !excluded(file.file, t.description));
  if (tests.length === 0) continue;
  describe(file.file, () => {
    for (const test of tests) it(test.description, () => runner.run(file, test));
  });
}
