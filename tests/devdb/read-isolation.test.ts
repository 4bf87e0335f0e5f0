/**
 * A read never writes: whatever a find, aggregate, distinct or findAndModify does to the documents
 * it hands out (projections, pipeline stages, open cursors, a transaction that aborts), the stored
 * documents stay exactly as they were. Each test reads the whole collection before and after.
 */
import type { Document } from 'mongodb';
import { startServer, type Server } from './helpers';

let server: Server;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
});

/** A case as the officer queue stores it: a nested form with an encrypted field, arrays of documents. */
const cases = (): Document[] => [
  {
    _id: 1,
    status: 'submitted',
    form: { bankAccountEnc: 'enc:1', income: 1200, members: [{ name: 'a', age: 40 }, 3] },
    history: [
      { at: 1, by: 'x', note: { text: 'in' } },
      { at: 2, by: 'y', note: { text: 'seen' } },
    ],
    tags: ['urgent', 'new'],
  },
  {
    _id: 2,
    status: 'base_review',
    form: { bankAccountEnc: 'enc:2', income: 800, members: [] },
    history: [],
    tags: [],
  },
  { _id: 3, status: 'closed', form: { income: 0 }, history: [{ at: 3, by: 'z' }], tags: ['old'] },
];

const coll = () => server.db.collection('cases');

beforeEach(async () => {
  await coll().deleteMany({});
  await coll().insertMany(cases());
});

const stored = () => coll().find().sort({ _id: 1 }).toArray();

describe('find projections', () => {
  it('leave the stored documents whole after excluding a nested field', async () => {
    const shown = await coll()
      .find({}, { projection: { 'form.bankAccountEnc': 0 } })
      .toArray();
    expect(shown[0].form).toEqual({ income: 1200, members: [{ name: 'a', age: 40 }, 3] });
    expect(await stored()).toEqual(cases());
  });

  it('leave the stored documents whole after including nested fields', async () => {
    const shown = await coll()
      .find({}, { projection: { 'form.income': 1, 'history.by': 1 } })
      .toArray();
    expect(shown[0]).toEqual({ _id: 1, form: { income: 1200 }, history: [{ by: 'x' }, { by: 'y' }] });
    expect(await stored()).toEqual(cases());
  });

  it('leave the stored documents whole after $slice, $elemMatch and positional projections', async () => {
    await coll()
      .find({}, { projection: { history: { $slice: 1 } } })
      .toArray();
    await coll()
      .find({}, { projection: { 'form.members': { $slice: -1 } } })
      .toArray();
    await coll()
      .find({}, { projection: { history: { $elemMatch: { by: 'y' } } } })
      .toArray();
    await coll()
      .find({ 'history.by': 'y' }, { projection: { 'history.$': 1 } })
      .toArray();
    expect(await stored()).toEqual(cases());
  });

  it('leave the stored documents whole after excluding top-level fields', async () => {
    const shown = await coll()
      .find({}, { projection: { form: 0, history: 0 } })
      .toArray();
    expect(shown[2]).toEqual({ _id: 3, status: 'closed', tags: ['old'] });
    expect(await stored()).toEqual(cases());
  });
});

describe('aggregation stages', () => {
  const pipelines: [string, Document[]][] = [
    ['$project excluding a nested field', [{ $project: { 'form.bankAccountEnc': 0 } }]],
    ['$project including nested fields', [{ $project: { 'form.income': 1, 'history.note': 1 } }]],
    ['$addFields on a nested path', [{ $addFields: { 'form.income': 0, 'form.extra': 'x' } }]],
    ['$set on a nested path inside arrays', [{ $set: { 'history.by': 'nobody' } }]],
    ['$unset of a nested field', [{ $unset: ['form.bankAccountEnc', 'history.note'] }]],
    [
      '$replaceRoot then $set',
      [
        { $match: { _id: 1 } },
        { $replaceRoot: { newRoot: { $arrayElemAt: ['$history', 0] } } },
        { $set: { 'note.text': 'x' } },
      ],
    ],
    [
      '$unwind with an index and empty arrays kept',
      [{ $unwind: { path: '$history', includeArrayIndex: 'i', preserveNullAndEmptyArrays: true } }],
    ],
    ['$unwind then $set on the unwound document', [{ $unwind: '$history' }, { $set: { 'history.by': 'q' } }]],
    ['$facet with a nested $set', [{ $facet: { a: [{ $set: { 'form.income': 5 } }] } }]],
  ];

  it.each(pipelines)('leave the stored documents whole after %s', async (_name, pipeline) => {
    await coll().aggregate(pipeline).toArray();
    expect(await stored()).toEqual(cases());
  });

  it('leave the joined collection whole after $lookup and changes to the joined documents', async () => {
    const orgs = server.db.collection('orgs');
    await orgs.deleteMany({});
    await orgs.insertMany([{ _id: 'o1', caseId: 1, meta: { name: 'a' } }]);
    const before = await orgs.find().toArray();
    await coll()
      .aggregate([
        { $lookup: { from: 'orgs', localField: '_id', foreignField: 'caseId', as: 'org' } },
        { $unwind: '$org' },
        { $set: { 'org.meta.name': 'changed' } },
      ])
      .toArray();
    await coll()
      .aggregate([
        {
          $lookup: {
            from: 'orgs',
            pipeline: [{ $set: { 'meta.name': 'inner' } }, { $unset: 'caseId' }],
            as: 'org',
          },
        },
      ])
      .toArray();
    expect(await orgs.find().toArray()).toEqual(before);
    expect(await stored()).toEqual(cases());
  });
});

describe('other reads', () => {
  it('leave the stored documents whole after distinct over arrays of documents', async () => {
    expect(await coll().distinct('history.note')).toEqual([{ text: 'in' }, { text: 'seen' }]);
    expect(await stored()).toEqual(cases());
  });

  it('keep an open cursor on what it found while later writes go to the stored documents', async () => {
    const cursor = coll().find({}, { batchSize: 1, projection: { 'form.bankAccountEnc': 0 } });
    const first = await cursor.next();
    await coll().updateOne({ _id: 2 }, { $set: { 'form.income': 1 } });
    await coll().deleteOne({ _id: 3 });
    const rest = await cursor.toArray();
    expect(first?._id).toBe(1);
    expect(rest.map((d) => d.form)).toEqual([{ income: 800, members: [] }, { income: 0 }]);
    const [one, two] = cases();
    expect(await stored()).toEqual([one, { ...two, form: { ...two.form, income: 1 } }]);
  });
});

describe('findAndModify fields', () => {
  it('shape only the answer of findOneAndUpdate, before and after', async () => {
    const before = await coll().findOneAndUpdate(
      { _id: 1 },
      { $set: { status: 'closed' } },
      { projection: { 'form.bankAccountEnc': 0, history: 0 } },
    );
    expect(before).toEqual({
      _id: 1,
      status: 'submitted',
      form: { income: 1200, members: [{ name: 'a', age: 40 }, 3] },
      tags: ['urgent', 'new'],
    });
    await coll().findOneAndUpdate(
      { _id: 2 },
      { $set: { status: 'closed' } },
      { projection: { 'form.bankAccountEnc': 0 }, returnDocument: 'after' },
    );
    const [one, two, three] = cases();
    expect(await stored()).toEqual([{ ...one, status: 'closed' }, { ...two, status: 'closed' }, three]);
  });

  it('restore the whole document when a transaction that returned it projected aborts', async () => {
    const session = server.client.startSession();
    session.startTransaction();
    await coll().findOneAndUpdate(
      { _id: 1 },
      { $set: { status: 'closed' } },
      { session, projection: { 'form.bankAccountEnc': 0 } },
    );
    await coll().findOneAndDelete({ _id: 2 }, { session, projection: { 'form.bankAccountEnc': 0, tags: 0 } });
    await coll().findOneAndReplace(
      { _id: 3 },
      { status: 'gone' },
      { session, projection: { form: 0 }, returnDocument: 'before' },
    );
    await session.abortTransaction();
    await session.endSession();
    expect(await stored()).toEqual(cases());
  });
});
