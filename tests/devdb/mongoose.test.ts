/** mongoose, unmodified, against devdb: a model with a unique index. */
import mongoose, { Schema, type Connection } from 'mongoose';
import { startDevDb, type DevDb } from '../../cloud/devdb/index';

let devdb: DevDb;
let conn: Connection;

interface Member {
  openid: string;
  name: string;
  visits: number;
}

const memberSchema = new Schema<Member>({
  openid: { type: String, required: true, unique: true },
  name: { type: String, required: true },
  visits: { type: Number, default: 0 },
});

beforeAll(async () => {
  devdb = await startDevDb({ port: 0 });
  conn = await mongoose.createConnection(devdb.uri, { dbName: 'mongoose_test' }).asPromise();
});
afterAll(async () => {
  await conn.close();
  await devdb.stop();
});

it('builds the unique index, saves, finds, updates and reports a duplicate key as mongoose would', async () => {
  const Member = conn.model<Member>('Member', memberSchema);
  await Member.init(); // createIndexes for the unique index
  const indexes = await Member.collection.listIndexes().toArray();
  expect(indexes).toContainEqual(expect.objectContaining({ key: { openid: 1 }, unique: true }));

  const saved = await new Member({ openid: 'o-1', name: '张建国' }).save();
  expect(saved._id).toBeDefined();

  const found = await Member.findOne({ openid: 'o-1' }).lean();
  expect(found).toMatchObject({ openid: 'o-1', name: '张建国', visits: 0 });

  const updated = await Member.updateOne({ openid: 'o-1' }, { $inc: { visits: 2 } });
  expect(updated).toMatchObject({ acknowledged: true, matchedCount: 1, modifiedCount: 1 });
  expect((await Member.findById(saved._id))!.visits).toBe(2);

  const duplicate = await new Member({ openid: 'o-1', name: 'someone else' }).save().catch((e) => e);
  expect(duplicate.name).toBe('MongoServerError');
  expect(duplicate.code).toBe(11000);
  expect(duplicate.keyValue).toEqual({ openid: 'o-1' });
  expect(await Member.countDocuments()).toBe(1);
});

it('runs a mongoose transaction through connection.transaction', async () => {
  const Account = conn.model('Account', new Schema({ _id: String, balance: Number }));
  await Account.create([
    { _id: 'a', balance: 10 },
    { _id: 'b', balance: 0 },
  ]);
  await conn.transaction(async (session) => {
    await Account.updateOne({ _id: 'a' }, { $inc: { balance: -5 } }, { session });
    await Account.updateOne({ _id: 'b' }, { $inc: { balance: 5 } }, { session });
  });
  const balances = await Account.find().sort({ _id: 1 }).lean();
  expect(balances.map((a) => a.balance)).toEqual([5, 5]);
});
