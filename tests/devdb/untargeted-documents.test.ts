/**
 * Property: random finds, aggregates, distincts and updates (with random projections, pipelines
 * and filters, cursors left open across writes, transactions that abort) never change a document
 * they did not target. After every operation the full contents of every document are compared
 * with what they were before: reads must leave all of them alone, an update all but its targets.
 * The generator is seeded (DEVDB_PROPERTY_SEED to replay another run); a failure names the seed,
 * the step and the operation.
 */
import { EJSON } from 'bson';
import { ObjectId, type Collection, type Document, type FindCursor } from 'mongodb';
import { startServer, type Server } from './helpers';

const SEED = Number(process.env.DEVDB_PROPERTY_SEED ?? 20261125);
const STEPS = 150;

/** mulberry32: small, fast, good enough to pick test cases */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rnd = random(SEED);
const int = (n: number) => Math.floor(rnd() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
const some = <T>(xs: readonly T[], max = 3): T[] => Array.from({ length: 1 + int(max) }, () => pick(xs));

const IDS = Array.from({ length: 30 }, (_, i) => i);
const STATUSES = ['submitted', 'base_review', 'closed', null] as const;

function makeDoc(id: number): Document {
  const doc: Document = {
    _id: id,
    status: pick(STATUSES),
    n: int(10),
    form: {
      secret: `enc:${id}`,
      income: int(5000),
      address: { city: pick(['武汉', '宜昌', 'x']), zip: String(int(99999)) },
      members: Array.from({ length: int(3) }, (_, i) => ({
        name: `m${i}`,
        age: int(80),
        tags: some(['a', 'b']),
      })),
    },
    history: Array.from({ length: int(4) }, (_, i) => ({
      at: new Date(Date.UTC(2026, 0, i + 1)),
      by: pick(['x', 'y', 'z']),
      note: { text: `t${i}` },
    })),
    tags: some(['urgent', 'new', 'old'], 2),
    ref: new ObjectId(id.toString(16).padStart(24, '0')),
  };
  if (rnd() < 0.3) delete doc.form.address;
  if (rnd() < 0.2) doc.mixed = pick([1, 'one', [1, [2, { deep: 3 }]], { a: { b: [1, 2] } }, true]);
  return doc;
}

const FIELDS = [
  'status',
  'n',
  'form',
  'form.secret',
  'form.income',
  'form.address',
  'form.address.city',
  'form.members',
  'form.members.name',
  'form.members.tags',
  'history',
  'history.by',
  'history.note',
  'history.note.text',
  'tags',
  'mixed',
  'mixed.a',
  'mixed.a.b',
];
const TOP = ['status', 'n', 'form', 'history', 'tags', 'mixed', 'ref'];

function filter(): Document {
  switch (int(7)) {
    case 0:
      return {};
    case 1:
      return { status: pick(STATUSES) };
    case 2:
      return { n: { [pick(['$gt', '$lte', '$ne'])]: int(10) } };
    case 3:
      return { 'form.address.city': pick(['武汉', 'x']) };
    case 4:
      return { history: { $elemMatch: { by: pick(['x', 'y']) } } };
    case 5:
      return { [pick(FIELDS)]: { $exists: rnd() < 0.5 } };
    default:
      return { _id: { $in: some(IDS, 5) } };
  }
}

function projection(): Document | undefined {
  switch (int(7)) {
    case 0:
      return undefined;
    case 1:
      return Object.fromEntries(some(FIELDS).map((f) => [f, 0]));
    case 2:
      return Object.fromEntries([...some(FIELDS).map((f) => [f, 1]), ...(rnd() < 0.5 ? [['_id', 0]] : [])]);
    case 3:
      return Object.fromEntries(some(TOP).map((f) => [f, 0]));
    case 4:
      return { history: { $slice: pick([1, -1, [1, 1]]) } };
    case 5:
      return { history: { $elemMatch: { by: 'x' } }, status: 1 };
    default:
      return { _id: 0 };
  }
}

function stage(): Document {
  const path = pick(FIELDS);
  switch (int(14)) {
    case 0:
      return { $match: filter() };
    case 1:
      return { $project: projection() ?? { status: 1 } };
    case 2:
      return { $addFields: { [path]: pick([0, 'x', '$n', { $literal: { z: 1 } }]) } };
    case 3:
      return { $set: { [`${path}.added`]: '$status' } };
    case 4:
      return { $unset: some(FIELDS) };
    case 5:
      return { $unwind: pick(['$history', '$form.members', '$tags']) };
    case 6:
      return {
        $unwind: {
          path: pick(['$history', '$form.members']),
          includeArrayIndex: 'i',
          preserveNullAndEmptyArrays: true,
        },
      };
    case 7:
      return {
        $replaceRoot: {
          newRoot: { $ifNull: [pick(['$form', '$form.address', '$mixed.a']), { none: true }] },
        },
      };
    case 8:
      return { $group: { _id: '$status', all: { $push: '$$ROOT' }, first: { $first: '$form' } } };
    case 9:
      return { $sort: { [pick(TOP)]: pick([1, -1]) } };
    case 10:
      return { $limit: 1 + int(10) };
    case 11:
      return {
        $lookup: {
          from: 'cases',
          localField: 'n',
          foreignField: 'n',
          as: 'same',
          pipeline: rnd() < 0.5 ? [] : [{ $set: { [`${pick(FIELDS)}`]: 1 } }, { $unset: pick(FIELDS) }],
        },
      };
    case 12:
      return { $facet: { a: [{ $set: { [path]: 1 } }], b: [{ $unwind: '$history' }] } };
    default:
      return { $set: { 'same.form.secret': 'leak', 'all.form.secret': 'leak', [path]: '$form' } };
  }
}

const canonical = (d: Document) => EJSON.stringify(d, { relaxed: false });

let server: Server;
let cases: Collection<any>;

async function snapshot(): Promise<Map<unknown, string>> {
  const docs = await cases.find().sort({ _id: 1 }).toArray();
  return new Map(docs.map((d) => [d._id, canonical(d)]));
}

beforeAll(async () => {
  server = await startServer();
  cases = server.db.collection('cases');
  await cases.insertMany(IDS.map(makeDoc));
});
afterAll(async () => {
  await server.stop();
});

interface Step {
  describe: string;
  /** the ids the operation may change (none for a read) */
  run(): Promise<unknown[]>;
}

const read = (describe: string, run: () => Promise<unknown>): Step => ({
  describe,
  run: async () => {
    await run().catch(() => undefined); // a read that fails must not write either
    return [];
  },
});

function randomStep(open: FindCursor[]): Step {
  const k = int(9);
  if (k === 0) {
    const f = filter();
    const p = projection();
    return read(`find ${EJSON.stringify({ f, p })}`, () =>
      cases.find(f, { projection: p, sort: { n: -1 } }).toArray(),
    );
  }
  if (k === 1) {
    const f = filter();
    const p = projection();
    return read(`open cursor ${EJSON.stringify({ f, p })}`, async () => {
      const c = cases.find(f, { projection: p, batchSize: 2 });
      await c.hasNext().catch(() => undefined);
      open.push(c);
    });
  }
  if (k === 2 && open.length) {
    return read('drain an open cursor', () => open.shift()!.toArray());
  }
  if (k <= 4) {
    const pipeline = Array.from({ length: 1 + int(4) }, stage);
    return read(`aggregate ${EJSON.stringify(pipeline)}`, () => cases.aggregate(pipeline).toArray());
  }
  if (k === 5) {
    const key = pick(FIELDS);
    const f = filter();
    return read(`distinct ${key} ${EJSON.stringify(f)}`, () => cases.distinct(key, f));
  }
  const ids = some(IDS, 3);
  const update = pick<Document>([
    { $set: { [pick(FIELDS)]: int(100) } },
    { $unset: { [pick(FIELDS)]: '' } },
    { $inc: { n: 1 } },
    { $push: { tags: 'pushed' } },
    { $set: { 'form.address.city': 'new' }, $inc: { 'form.income': 1 } },
  ]);
  if (k === 6) {
    return {
      describe: `updateMany ${EJSON.stringify({ ids, update })}`,
      run: async () => {
        await cases.updateMany({ _id: { $in: ids } }, update).catch(() => undefined);
        return ids;
      },
    };
  }
  if (k === 7) {
    const p = projection();
    return {
      describe: `findOneAndUpdate ${EJSON.stringify({ id: ids[0], update, p })}`,
      run: async () => {
        await cases
          .findOneAndUpdate({ _id: ids[0] }, update, {
            projection: p,
            returnDocument: pick(['before', 'after']),
          })
          .catch(() => undefined);
        return [ids[0]];
      },
    };
  }
  return {
    describe: `transaction that aborts: ${EJSON.stringify({ ids, update })}`,
    run: async () => {
      const session = server.client.startSession();
      session.startTransaction();
      try {
        await cases.findOneAndUpdate({ _id: ids[0] }, update, { session, projection: projection() });
        await cases.findOneAndDelete({ _id: ids[1] }, { session, projection: projection() });
        await cases.updateMany({ _id: { $in: ids } }, update, { session });
        await cases.aggregate([stage(), stage()], { session }).toArray();
      } catch {
        // a failed statement aborts the transaction too
      } finally {
        await session.abortTransaction().catch(() => undefined);
        await session.endSession();
      }
      return [];
    },
  };
}

it(`never changes a document an operation did not target (seed ${SEED}, ${STEPS} random operations)`, async () => {
  const open: FindCursor[] = [];
  let before = await snapshot();
  for (let i = 0; i < STEPS; i++) {
    const step = randomStep(open);
    const targets = new Set(await step.run());
    const after = await snapshot();
    for (const [id, doc] of before) {
      if (targets.has(id)) continue;
      if (after.get(id) !== doc) {
        throw new Error(
          `seed ${SEED}, step ${i}: ${step.describe}\nchanged document ${String(id)}\nbefore: ${doc}\nafter:  ${after.get(id)}`,
        );
      }
    }
    before = after;
  }
  await Promise.all(open.map((c) => c.close()));
  expect(before.size).toBeGreaterThan(0);
}, 30_000);
