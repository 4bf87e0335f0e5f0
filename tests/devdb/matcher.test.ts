/**
 * The compiled matcher decides the common filters exactly as mingo (MongoDB's query language)
 * does. Left out of the comparison: Long/Decimal128 values (mingo compares them as objects,
 * MongoDB as numbers: find-and-cursors.test.ts checks those) and a dotted path into nested
 * arrays (`{'a.b': 1}` on `{a: [[1]]}`, which mingo matches and MongoDB does not).
 */
import { ObjectId } from 'bson';
import { Query } from 'mingo';
import { compileMatcher } from '../../cloud/devdb/engine/matcher';

const oid = new ObjectId('65a000000000000000000001');
const docs = [
  {},
  { a: 1 },
  { a: 1.0, b: 'x' },
  { a: '1' },
  { a: null },
  { a: [] },
  { a: [1, 5] },
  { a: [null, 'x'] },
  { a: { b: 1 } },
  { a: [{ b: 1 }, { b: 7 }] },
  { a: [{ c: 1 }] },
  { a: { b: [2, 9] } },
  { a: new Date(1000) },
  { a: true },
  { a: oid },
  { a: [oid] },
  { b: 'x', a: [3, 'z'] },
];

const filters = [
  { a: 1 },
  { a: '1' },
  { a: 5 },
  { a: null },
  { a: { $ne: null } },
  { a: { $eq: 2 } },
  { a: { $in: [1, 'x'] } },
  { a: { $in: [null, 3] } },
  { a: { $nin: [1, 5] } },
  { a: { $ne: 1 } },
  { a: { $gt: 1 } },
  { a: { $gte: 1, $lt: 3 } },
  { a: { $lt: '2' } },
  { a: { $gt: new Date(0) } },
  { a: { $lte: true } },
  { a: { $gte: oid } },
  { a: { $exists: true } },
  { a: { $exists: false } },
  { a: oid },
  { 'a.b': 1 },
  { 'a.b': 9 },
  { 'a.b': { $gt: 5 } },
  { 'a.b': { $exists: true } },
  { 'a.b': { $exists: false } },
  { 'a.b': { $in: [2, 7] } },
  { 'a.b': { $ne: 1 } },
  { a: 1, b: 'x' },
  { $or: [{ a: 2 }, { b: 'x' }] },
  { $and: [{ a: { $gte: 1 } }, { a: { $lte: 1 } }] },
];

it.each(filters.map((f) => [JSON.stringify(f), f]))(
  'decides %s like mingo on every document',
  (_name, filter) => {
    const fast = compileMatcher(filter);
    expect(fast).not.toBeNull();
    const mingo = new Query(filter);
    const expected = docs.map((d) => mingo.test(d));
    expect(docs.map((d) => fast!(d))).toEqual(expected);
  },
);

it('hands the filters it does not implement back to mingo', () => {
  for (const f of [
    { a: /x/ },
    { a: { $elemMatch: { b: 1 } } },
    { a: { b: 1 } },
    { a: [1] },
    { $expr: { $eq: ['$a', 1] } },
    { 'a.0': 1 },
    { 'a.b': null },
    { a: { $size: 1 } },
  ]) {
    expect(compileMatcher(f)).toBeNull();
  }
});
