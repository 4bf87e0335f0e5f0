/** GET /api/notifications/unread: the number on the 消息 tab, the caller's own unread messages only. */
import { notify } from '../../cloud/core/notifications/repository';
import { startStack, type Stack } from '../support/api-stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

async function memberId(openid: string): Promise<string> {
  const m = await stack.db.collection('members').findOne({ openid });
  return m!._id.toHexString();
}

describe('the unread count', () => {
  it('counts the caller’s unread messages, drops when one is read, and never counts another member’s', async () => {
    const worker = await stack.login('demo-worker-2');
    const other = await stack.login('demo-worker-3');
    const id = await memberId('demo-worker-2');
    const unread = async (token: string) =>
      (await stack.call<{ unread: number }>('GET', '/api/notifications/unread', { token })).body.unread;

    expect(await unread(worker)).toBe(0);
    for (const n of [1, 2, 3])
      await notify(stack.db, { memberId: id, title: `消息 ${n}`, body: '内容', dedupeKey: `unread-${n}` });
    expect(await unread(worker)).toBe(3);
    expect(await unread(other)).toBe(0);

    const list = await stack.call<{ items: { id: string }[]; unread: number }>('GET', '/api/notifications', {
      token: worker,
    });
    expect(list.body.unread).toBe(3);
    await stack.call('POST', `/api/notifications/${list.body.items[0].id}/read`, {
      token: worker,
      headers: { 'idempotency-key': 'unread-count-read-1' },
    });
    expect(await unread(worker)).toBe(2);
  });

  it('asks for a signed-in member', async () => {
    const r = await stack.call('GET', '/api/notifications/unread');
    expect(r.status).toBe(401);
  });
});

describe('a message told twice', () => {
  it('is left once, also inside a transaction, and the transaction still commits its other writes', async () => {
    const id = await memberId('demo-worker-3');
    const note = { memberId: id, title: '审核进度', body: '您的申请已通过初审', dedupeKey: 'told-twice-1' };
    const marker = `told-twice-${process.pid}`;
    const session = stack.db.client.startSession();
    try {
      await session.withTransaction(async () => {
        await notify(stack.db, note, session);
        await notify(stack.db, note, session);
        await stack.db.collection('auditLog').insertOne({ marker }, { session });
      });
    } finally {
      await session.endSession();
    }
    await notify(stack.db, note);
    const kept = await stack.db.collection('notifications').find({ dedupeKey: 'told-twice-1' }).toArray();
    expect(kept.map((n) => [n.memberId.toHexString(), n.title])).toEqual([[id, '审核进度']]);
    expect(await stack.db.collection('auditLog').countDocuments({ marker })).toBe(1);
  });
});
