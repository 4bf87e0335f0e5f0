/**
 * A runner for MongoDB's Unified Test Format (the subset the CRUD suite uses), driving a server
 * through the official driver: it loads the JSON files, decides which tests the server's version
 * and topology admit (runOnRequirements), sets up initialData with an internal client, creates the
 * client/database/collection entities, runs each operation and checks its result or error, the
 * command events the driver observed, and the collections' contents afterwards.
 *
 * Clients with the same entity options are reused from test to test (their events are cleared
 * before each test's operations): a fresh connection per test would cost more than the test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { EJSON } from 'bson';
import {
  MongoBulkWriteError,
  MongoClient,
  MongoServerError,
  type CommandFailedEvent,
  type CommandStartedEvent,
  type CommandSucceededEvent,
  type Document,
} from 'mongodb';
import { match, type MatchContext } from './match';
import { operations, readPreference, type Entity } from './operations';

export interface SpecOperation {
  name: string;
  object: string;
  arguments?: Document;
  expectResult?: unknown;
  expectError?: Document;
  ignoreResultAndError?: boolean;
  saveResultAsEntity?: string;
}

export interface SpecTest {
  description: string;
  runOnRequirements?: Document[];
  skipReason?: string;
  operations: SpecOperation[];
  expectEvents?: Document[];
  outcome?: Document[];
}

export interface SpecFile {
  file: string;
  description: string;
  schemaVersion: string;
  runOnRequirements?: Document[];
  createEntities?: Document[];
  initialData?: Document[];
  tests: SpecTest[];
}

export function loadSpecFiles(dir: string): SpecFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({
      file,
      ...(EJSON.parse(readFileSync(path.join(dir, file), 'utf8'), { relaxed: true }) as Omit<
        SpecFile,
        'file'
      >),
    }));
}

export interface ServerProfile {
  version: string;
  topology: 'single' | 'replicaset' | 'sharded' | 'load-balanced';
}

function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

const KNOWN_REQUIREMENTS = new Set(['minServerVersion', 'maxServerVersion', 'topologies', 'serverless']);

/** Whether one of the requirements admits the server (no requirements: always). */
export function requirementsMet(reqs: Document[] | undefined, server: ServerProfile): boolean {
  if (!reqs || reqs.length === 0) return true;
  return reqs.some(
    (r) =>
      Object.keys(r).every((k) => KNOWN_REQUIREMENTS.has(k)) &&
      (!r.minServerVersion || compareVersions(server.version, r.minServerVersion) >= 0) &&
      (!r.maxServerVersion || compareVersions(server.version, r.maxServerVersion) <= 0) &&
      (!r.topologies || r.topologies.includes(server.topology)) &&
      r.serverless !== 'require',
  );
}

type CommandEvent = CommandStartedEvent | CommandSucceededEvent | CommandFailedEvent;

interface ObservedClient {
  client: MongoClient;
  events: { type: string; event: CommandEvent }[];
  observe: Set<string>;
  ignore: Set<string>;
}

/** Commands the driver never reports in full, and the fail point commands of the runner itself. */
const SENSITIVE = new Set([
  'hello',
  'ismaster',
  'saslstart',
  'saslcontinue',
  'authenticate',
  'configurefailpoint',
]);

/** Error code names the suite asserts on bulk write errors, whose write errors carry only codes. */
const CODES: Record<string, number> = { DuplicateKey: 11000, ImmutableField: 66, FailedToParse: 9 };

export class UnifiedRunner {
  private internal: MongoClient | null = null;
  private readonly clients = new Map<string, ObservedClient>();

  constructor(private readonly uri: string) {}

  private async internalClient(): Promise<MongoClient> {
    this.internal ??= await MongoClient.connect(this.uri);
    return this.internal;
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => c.client.close()));
    await this.internal?.close();
  }

  private async observedClient(spec: Document): Promise<ObservedClient> {
    const key = EJSON.stringify({
      id: spec.id,
      uriOptions: spec.uriOptions ?? {},
      ignore: spec.ignoreCommandMonitoringEvents ?? [],
    });
    let entry = this.clients.get(key);
    if (!entry) {
      const client = await MongoClient.connect(this.uri, {
        ...(spec.uriOptions ?? {}),
        monitorCommands: true,
      });
      const created: ObservedClient = { client, events: [], observe: new Set(), ignore: new Set() };
      const record = (type: string) => (event: CommandEvent) => {
        const name = event.commandName.toLowerCase();
        if (SENSITIVE.has(name) || created.ignore.has(name) || !created.observe.has(type)) return;
        created.events.push({ type, event });
      };
      client.on('commandStarted', record('commandStartedEvent'));
      client.on('commandSucceeded', record('commandSucceededEvent'));
      client.on('commandFailed', record('commandFailedEvent'));
      this.clients.set(key, (entry = created));
    }
    entry.observe = new Set(spec.observeEvents ?? []);
    entry.ignore = new Set((spec.ignoreCommandMonitoringEvents ?? []).map((n: string) => n.toLowerCase()));
    return entry;
  }

  private async setUp(initialData: Document[] | undefined): Promise<void> {
    const internal = await this.internalClient();
    for (const data of initialData ?? []) {
      const db = internal.db(data.databaseName);
      await db.dropCollection(data.collectionName, { writeConcern: { w: 'majority' } });
      await db.createCollection(data.collectionName, {
        ...(data.createOptions ?? {}),
        writeConcern: { w: 'majority' },
      });
      if (data.documents.length)
        await db
          .collection(data.collectionName)
          .insertMany(data.documents, { writeConcern: { w: 'majority' } });
    }
  }

  /**
   * Each file starts on empty databases: a file without initialData (the rawData files, for one)
   * must not see what the files before it left behind. Within a file, state carries over from test
   * to test, as the format has it.
   */
  private async startFile(file: SpecFile): Promise<void> {
    if (this.currentFile === file.file) return;
    this.currentFile = file.file;
    const internal = await this.internalClient();
    const names = new Set<string>();
    for (const e of file.createEntities ?? []) if (e.database) names.add(e.database.databaseName);
    for (const d of file.initialData ?? []) names.add(d.databaseName);
    names.delete('admin');
    for (const name of names) await internal.db(name).dropDatabase();
  }

  private currentFile: string | null = null;

  async run(file: SpecFile, test: SpecTest): Promise<void> {
    await this.startFile(file);
    await this.setUp(file.initialData);
    const entities = new Map<string, unknown>();
    const observed = new Map<string, ObservedClient>();
    for (const entity of file.createEntities ?? []) {
      const [kind, spec] = Object.entries(entity)[0] as [string, Document];
      if (kind === 'client') {
        const c = await this.observedClient(spec);
        observed.set(spec.id, c);
        entities.set(spec.id, c.client);
      } else if (kind === 'database') {
        const opts = spec.databaseOptions ?? {};
        const client = entities.get(spec.client) as MongoClient;
        entities.set(
          spec.id,
          client.db(spec.databaseName, { ...opts, readPreference: readPreference(opts.readPreference) }),
        );
      } else if (kind === 'collection') {
        const opts = spec.collectionOptions ?? {};
        const db = entities.get(spec.database) as ReturnType<MongoClient['db']>;
        entities.set(
          spec.id,
          db.collection(spec.collectionName, {
            ...opts,
            readPreference: readPreference(opts.readPreference),
          }),
        );
      } else {
        throw new Error(`unsupported entity type ${kind}`);
      }
    }
    for (const c of observed.values()) c.events.length = 0;

    const ctx: MatchContext = { entities };
    for (const [i, op] of test.operations.entries()) {
      try {
        await this.runOperation(op, entities, ctx);
      } catch (e) {
        (e as Error).message = `operation ${i} (${op.name}): ${(e as Error).message}`;
        throw e;
      }
    }

    for (const expected of test.expectEvents ?? []) {
      if ((expected.eventType ?? 'command') !== 'command')
        throw new Error(`unsupported eventType ${expected.eventType}`);
      const actual = observed.get(expected.client)?.events ?? [];
      checkEvents(expected.events, actual, expected.ignoreExtraEvents === true, ctx);
    }

    const internal = await this.internalClient();
    for (const data of test.outcome ?? []) {
      const docs = await internal
        .db(data.databaseName)
        .collection(data.collectionName)
        .find({}, { sort: { _id: 1 } })
        .toArray();
      match(data.documents, docs, { exact: true, path: `outcome ${data.collectionName}` });
    }
  }

  private async runOperation(
    op: SpecOperation,
    entities: Map<string, unknown>,
    ctx: MatchContext,
  ): Promise<void> {
    if (op.object === 'testRunner') throw new Error(`unsupported runner operation ${op.name}`);
    const target = entities.get(op.object) as Entity | undefined;
    if (!target) throw new Error(`no entity named ${op.object}`);
    const fn = operations[op.name];
    if (!fn) throw new Error(`unsupported operation ${op.name}`);
    let result: unknown;
    let error: unknown;
    try {
      result = await fn(target, op.arguments ?? {});
    } catch (e) {
      error = e;
    }
    if (op.ignoreResultAndError) return;
    if (op.expectError) {
      if (!error)
        throw new Error(`expected an error, got ${EJSON.stringify(result as Document, { relaxed: true })}`);
      checkError(op.expectError, error, ctx);
      return;
    }
    if (error) throw error;
    if (op.expectResult !== undefined)
      match(op.expectResult, toDocument(result), {
        root: true,
        rootElements: CURSOR_OPERATIONS.has(op.name),
        ctx,
        path: 'result',
      });
    if (op.saveResultAsEntity) entities.set(op.saveResultAsEntity, result);
  }
}

/** Operations whose result is a cursor read to the end: each document is matched as a root. */
const CURSOR_OPERATIONS = new Set(['find', 'aggregate']);

/** Model objects (BulkWriteResult and friends) as plain documents: their getters read once. */
function toDocument(result: unknown): unknown {
  if (!result || typeof result !== 'object' || Array.isArray(result)) return result;
  if (Object.getPrototypeOf(result) === Object.prototype) return result;
  const out: Document = { ...result };
  for (const key of [
    'insertedCount',
    'matchedCount',
    'modifiedCount',
    'deletedCount',
    'upsertedCount',
    'insertedIds',
    'upsertedIds',
  ])
    if (key in result && !(key in out)) out[key] = (result as Document)[key];
  return out;
}

function checkError(expected: Document, error: unknown, ctx: MatchContext): void {
  const e = error as MongoServerError & { errorResponse?: Document; result?: unknown };
  const bulk = error instanceof MongoBulkWriteError ? error.writeErrors : undefined;
  const writeErrors = (Array.isArray(bulk) ? bulk : bulk ? [bulk] : []) as {
    code: number;
    errmsg?: string;
  }[];
  const describe = () => `${(e as Error).constructor.name}: ${(e as Error).message}`;
  for (const [key, want] of Object.entries(expected)) {
    switch (key) {
      case 'isError':
        break;
      case 'isClientError':
        if (!(error instanceof MongoServerError) !== want)
          throw new Error(`isClientError ${want}, got ${describe()}`);
        break;
      case 'errorContains': {
        const texts = [String(e.message), ...writeErrors.map((w) => String(w.errmsg))];
        if (!texts.some((t) => t.toLowerCase().includes(String(want).toLowerCase())))
          throw new Error(`error should contain "${want}", got ${describe()}`);
        break;
      }
      case 'errorCode':
        if (e.code !== want && !writeErrors.some((w) => w.code === want))
          throw new Error(`error code ${want}, got ${describe()} (code ${e.code})`);
        break;
      case 'errorCodeName':
        if (
          String(e.codeName ?? '').toLowerCase() !== String(want).toLowerCase() &&
          !writeErrors.some((w) => w.code === CODES[want])
        )
          throw new Error(`error code name ${want}, got ${describe()} (${e.codeName})`);
        break;
      case 'errorLabelsContain':
        for (const label of want)
          if (!e.hasErrorLabel?.(label)) throw new Error(`error label ${label} missing: ${describe()}`);
        break;
      case 'errorLabelsOmit':
        for (const label of want)
          if (e.hasErrorLabel?.(label)) throw new Error(`error label ${label} present: ${describe()}`);
        break;
      case 'errorResponse':
        match(want, e.errorResponse, { root: true, ctx, path: 'errorResponse' });
        break;
      case 'expectResult':
        match(want, toDocument(e.result), { root: true, ctx, path: 'error result' });
        break;
      default:
        throw new Error(`unsupported expectError key ${key}`);
    }
  }
}

function checkEvents(
  expected: Document[],
  actual: { type: string; event: CommandEvent }[],
  ignoreExtra: boolean,
  ctx: MatchContext,
): void {
  const names = () => actual.map((a) => `${a.type}:${a.event.commandName}`).join(', ');
  if (ignoreExtra ? actual.length < expected.length : actual.length !== expected.length)
    throw new Error(`expected ${expected.length} events, got ${actual.length}: ${names()}`);
  expected.forEach((want, i) => {
    const [type, spec] = Object.entries(want)[0] as [string, Document];
    const got = actual[i];
    if (got.type !== type) throw new Error(`event ${i}: expected ${type}, got ${got.type} (${names()})`);
    for (const [key, value] of Object.entries(spec)) {
      const path = `event ${i} ${type}.${key}`;
      if (key === 'command')
        match(value, (got.event as CommandStartedEvent).command, { root: true, ctx, path });
      else if (key === 'reply')
        match(value, (got.event as CommandSucceededEvent).reply, { root: true, ctx, path });
      else if (key === 'commandName' || key === 'databaseName') {
        const have = (got.event as CommandStartedEvent)[key];
        if (have !== value) throw new Error(`${path}: expected ${value}, got ${have}`);
      } else throw new Error(`unsupported event assertion ${key}`);
    }
  });
}
