/**
 * Indexes that queries actually use, shown the way one would against MongoDB: explain with
 * executionStats, asserting the winning plan's stages and how many documents were examined.
 */
import type { Document } from 'mongodb';
import { stagesOf, startServer, type Server } from './helpers';

let server: Server;
const N = 100_000;

const doc = (i: number) => ({
  _id: i,
  k: `k${i}`,
  n: i,
  g: i % 100,
  parity: i % 2 ? 'odd' : 'even',
  plain: i,
});

beforeAll(async () => {
  server = await startServer();
  const c = server.db.collection('big');
  await c.createIndex({ k: 1 }, { unique: true });
  await c.createIndex({ n: 1 });
  await c.createIndex({ g: 1, n: -1 });
  for (let i = 0; i < N; i += 10_000)
    await c.insertMany(Array.from({ length: 10_000 }, (_, j) => doc(i + j)));
}, 60_000);
afterAll(async () => {
  await server.stop();
});

async function explainFind(
  filter: Document,
  options: { sort?: Document; limit?: number; skip?: number } = {},
) {
  const reply = await server.db.command({
    explain: { find: 'big', filter, ...options },
    verbosity: 'executionStats',
  });
  return {
    stages: stagesOf(reply.queryPlanner.winningPlan),
    plan: reply.queryPlanner.winningPlan,
    stats: reply.executionStats,
  };
}

it('answers an indexed equality lookup in 100k documents by examining only the match', async () => {
  const { stages, stats } = await explainFind({ k: 'k4242' });
  expect(stages).toEqual(['FETCH', 'IXSCAN']);
  expect(stats.nReturned).toBe(1);
  expect(stats.totalDocsExamined).toBe(1);
  expect(await server.db.collection('big').findOne({ k: 'k4242' })).toEqual(doc(4242));
});

it('scans the whole collection for a field without an index', async () => {
  const { stages, stats } = await explainFind({ plain: 4242 });
  expect(stages).toEqual(['COLLSCAN']);
  expect(stats.totalDocsExamined).toBe(N);
  expect(stats.nReturned).toBe(1);
});

it('looks up _id directly', async () => {
  const { stages, stats } = await explainFind({ _id: 777 });
  expect(stages).toEqual(['IDHACK']);
  expect(stats.totalDocsExamined).toBe(1);
});

it('examines only the documents inside an indexed range', async () => {
  const { stages, stats } = await explainFind({ n: { $gte: 500, $lt: 600 } });
  expect(stages).toContain('IXSCAN');
  expect(stats.nReturned).toBe(100);
  expect(stats.totalDocsExamined).toBe(100);
});

it('reads an index in order for sort + limit and stops after what it returns', async () => {
  const { stages, stats } = await explainFind({}, { sort: { n: -1 }, limit: 5 });
  expect(stages).toContain('IXSCAN');
  expect(stages).not.toContain('SORT');
  expect(stats.totalDocsExamined).toBe(5);
  const docs = await server.db.collection('big').find().sort({ n: -1 }).limit(5).toArray();
  expect(docs.map((d) => d.n)).toEqual([99_999, 99_998, 99_997, 99_996, 99_995]);
});

it('walks a compound index after its equality prefix for sort + skip + limit', async () => {
  const { stats } = await explainFind({ g: 7 }, { sort: { n: -1 }, skip: 2, limit: 3 });
  expect(stats.totalDocsExamined).toBe(5);
  const docs = await server.db.collection('big').find({ g: 7 }).sort({ n: -1 }).skip(2).limit(3).toArray();
  expect(docs.map((d) => d.n)).toEqual([99_707, 99_607, 99_507]);
});

it('merges the index streams of an $in prefix in sort order', async () => {
  const { stages, stats } = await explainFind({ g: { $in: [3, 50] } }, { sort: { n: -1 }, limit: 4 });
  expect(stages).not.toContain('SORT');
  expect(stats.totalDocsExamined).toBe(4);
  const docs = await server.db
    .collection('big')
    .find({ g: { $in: [3, 50] } })
    .sort({ n: -1 })
    .limit(4)
    .toArray();
  expect(docs.map((d) => d.n)).toEqual([99_950, 99_903, 99_850, 99_803]);
});

it('filters on fields outside the index while reading it in order, examining a fraction of the group', async () => {
  const { stats } = await explainFind({ g: 7, parity: 'even' }, { sort: { n: 1 }, limit: 3 });
  expect(stats.nReturned).toBe(0); // g = 7 means n is odd
  const odd = await explainFind({ g: 7, parity: 'odd' }, { sort: { n: 1 }, limit: 3 });
  expect(odd.stats.totalDocsExamined).toBe(3);
  expect(stats.totalDocsExamined).toBe(1000); // the whole g = 7 group, not 100k
});

it('sorts in memory for sort + limit no index serves, keeping only the best documents', async () => {
  const { stages } = await explainFind({}, { sort: { parity: 1, plain: -1 }, limit: 4 });
  expect(stages).toContain('SORT');
  expect(stages).toContain('COLLSCAN');
  const docs = await server.db.collection('big').find().sort({ parity: 1, plain: -1 }).limit(4).toArray();
  expect(docs.map((d) => d.plain)).toEqual([99_998, 99_996, 99_994, 99_992]);
  const skipped = await server.db
    .collection('big')
    .find()
    .sort({ parity: -1, plain: 1 })
    .skip(2)
    .limit(2)
    .toArray();
  expect(skipped.map((d) => d.plain)).toEqual([5, 7]);
});

it('answers the driver helpers cursor.explain() and aggregate().explain()', async () => {
  const found = await server.db.collection('big').find({ k: 'k7' }).explain('executionStats');
  expect(stagesOf(found.queryPlanner.winningPlan)).toContain('IXSCAN');
  expect(found.executionStats.totalDocsExamined).toBe(1);
  const aggregated = await server.db
    .collection('big')
    .aggregate([{ $match: { n: { $lt: 10 } } }, { $sort: { n: -1 } }, { $limit: 2 }])
    .explain('executionStats');
  expect(stagesOf(aggregated.queryPlanner.winningPlan)).toContain('IXSCAN');
  expect(aggregated.executionStats.totalDocsExamined).toBe(2);
});

it('picks the selective index over one that only provides the sort', async () => {
  const { stats } = await explainFind({ k: 'k123', g: 23 }, { sort: { n: 1 }, limit: 10 });
  expect(stats.totalDocsExamined).toBe(1);
  expect(stats.nReturned).toBe(1);
});

it('counts through an index without scanning the collection', async () => {
  const reply = await server.db.command({
    explain: { count: 'big', query: { g: 42 } },
    verbosity: 'executionStats',
  });
  expect(stagesOf(reply.queryPlanner.winningPlan)).toContain('IXSCAN');
  expect(reply.executionStats.totalDocsExamined).toBe(1000);
  expect(await server.db.collection('big').countDocuments({ g: 42 })).toBe(1000);
  expect(await server.db.collection('big').countDocuments({ g: 42, n: { $lt: 1000 } })).toBe(10);
});

it('keeps index answers right after updates and deletes move documents', async () => {
  const c = server.db.collection('big');
  await c.updateOne({ _id: 10 }, { $set: { n: 1_000_000, g: 5 } });
  await c.deleteOne({ _id: 11 });
  expect(
    (
      await c
        .find({ n: { $gte: 9, $lte: 12 } })
        .sort({ n: 1 })
        .toArray()
    ).map((d) => d._id),
  ).toEqual([9, 12]);
  expect((await c.find({ g: 5 }).sort({ n: -1 }).limit(1).toArray()).map((d) => d._id)).toEqual([10]);
  expect(await c.findOne({ k: 'k11' })).toBeNull();
  await c.updateOne({ _id: 10 }, { $set: { n: 10, g: 10 } });
  await c.insertOne(doc(11));
  expect(
    (
      await c
        .find({ n: { $gte: 9, $lte: 12 } })
        .sort({ n: 1 })
        .toArray()
    ).map((d) => d._id),
  ).toEqual([9, 10, 11, 12]);
});

describe('on array fields (multikey)', () => {
  beforeAll(async () => {
    const c = server.db.collection('arrays');
    await c.createIndex({ v: 1 });
    await c.insertMany([
      { _id: 'a', v: [5, 1] },
      { _id: 'b', v: 3 },
      { _id: 'c', v: [2, 9] },
      { _id: 'd', v: [] },
    ]);
  });

  it('sorts by the smallest element ascending and the largest descending, as without an index', async () => {
    const c = server.db.collection('arrays');
    expect(
      (
        await c
          .find({ v: { $exists: true } })
          .sort({ v: 1 })
          .toArray()
      ).map((d) => d._id),
    ).toEqual(['d', 'a', 'c', 'b']);
    expect((await c.find().sort({ v: -1 }).limit(3).toArray()).map((d) => d._id)).toEqual(['c', 'a', 'b']);
  });

  it('lets different elements meet different range bounds', async () => {
    const c = server.db.collection('arrays');
    expect((await c.find({ v: { $gt: 4, $lt: 2 } }).toArray()).map((d) => d._id)).toEqual(['a']);
    expect(
      (
        await c
          .find({ v: { $gte: 2, $lte: 3 } })
          .sort({ _id: 1 })
          .toArray()
      ).map((d) => d._id),
    ).toEqual(['a', 'b', 'c']); // a: 5 ≥ 2 and 1 ≤ 3
  });

  it('moves a document between keys when only some array elements change', async () => {
    const c = server.db.collection('paths');
    await c.createIndex({ status: 1, orgPath: 1, at: -1 });
    await c.insertMany([
      { _id: 1, status: 's', orgPath: ['city', 'a', 'a1'], at: 1 },
      { _id: 2, status: 's', orgPath: ['city', 'b', 'b1'], at: 2 },
    ]);
    await c.updateOne({ _id: 1 }, { $set: { orgPath: ['city', 'b', 'b2'] } });
    const ids = async (orgPath: string) =>
      (await c.find({ status: 's', orgPath }).sort({ at: -1 }).toArray()).map((d) => d._id);
    expect(await ids('city')).toEqual([2, 1]);
    expect(await ids('a')).toEqual([]);
    expect(await ids('a1')).toEqual([]);
    expect(await ids('b')).toEqual([2, 1]);
    expect(await ids('b2')).toEqual([1]);
    await c.updateOne({ _id: 1 }, { $set: { status: 't' } });
    expect(await ids('city')).toEqual([2]);
    await c.deleteOne({ _id: 2 });
    expect(await ids('city')).toEqual([]);
    expect((await c.find({ status: 't', orgPath: 'b2' }).toArray()).map((d) => d._id)).toEqual([1]);
  });

  it('matches an element by equality through the index', async () => {
    const { stats } = await (async () => {
      const reply = await server.db.command({
        explain: { find: 'arrays', filter: { v: 9 } },
        verbosity: 'executionStats',
      });
      return { stats: reply.executionStats };
    })();
    expect(stats.totalDocsExamined).toBe(1);
    expect(stats.nReturned).toBe(1);
  });
});
