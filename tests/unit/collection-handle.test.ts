import { MongoClient } from 'mongodb';
import { collectionHandle } from '../../cloud/platform/db/collection-handle';

// handles need no connection: a Collection is a name and its Db's options
const client = new MongoClient('mongodb://127.0.0.1:1');

describe('collectionHandle', () => {
  it('gives every call on the same Db the same handle', () => {
    const things = collectionHandle('things');
    const db = client.db('a');
    expect(things(db)).toBe(things(db));
    expect(things(db).collectionName).toBe('things');
  });

  it('gives another Db a handle of its own, on that database', () => {
    const things = collectionHandle('things');
    const [a, b] = [client.db('a'), client.db('b')];
    expect(things(a)).not.toBe(things(b));
    expect(things(b).dbName).toBe('b');
  });
});
