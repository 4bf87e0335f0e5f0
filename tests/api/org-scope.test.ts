/**
 * Officers act only inside their own subtree (docs/domain.md). The 桥西街道 officer below is a
 * real officer, one level up from 基层, but of the neighbouring 街道: everything of 花园街道's
 * members stays out of reach, and nothing is written or audited when they try.
 */
import { ObjectId } from 'mongodb';
import { startStack, writeCounts, type Stack } from '../support/api-stack';
import { officerOf, submitAidCaseWith } from '../support/people';
import { sampleJpeg } from '../support/sample-files';

let stack: Stack;
let neighbour: string;
beforeAll(async () => {
  stack = await startStack();
  neighbour = await officerOf(stack, 'officer-qiaoxi', 'c1d1t2');
});
afterAll(() => stack.stop());

const JPEG = sampleJpeg();
const idOf = async (openid: string) =>
  (await stack.db.collection('members').findOne({ openid }))!._id.toHexString();

describe('an officer of another 街道', () => {
  it('cannot reveal the ID number of a member outside their subtree, and hears as much as for no member', async () => {
    const caseId = await submitAidCaseWith(stack, await stack.login('demo-worker-1'), []);
    const before = await writeCounts(stack.db);
    const r = await stack.call('POST', `/api/members/${await idOf('demo-worker-1')}/id-number/reveal`, {
      token: neighbour,
      body: { purpose: 'verify_identity', serves: { program: 'aid', caseId } },
    });
    expect([r.status, r.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect(await writeCounts(stack.db)).toEqual(before);
  });

  it('can reveal one inside it for a case it reviews now, which is audited', async () => {
    const worker = await idOf('demo-worker-5');
    const caseId = await submitAidCaseWith(stack, await stack.login('demo-worker-5'), []);
    // the 桥西 基层 takes the case to the 街道
    const base = await officerOf(stack, 'officer-qiaoxi-base', 'c1d1t2b1');
    for (const [action, extra] of [
      ['record_visit', { visit: { date: '2026-11-20', findings: '入户核实，情况属实。' } }],
      ['approve', {}],
    ] as const) {
      const { version } = (await stack.call('GET', `/api/aid/cases/${caseId}`, { token: base })).body;
      const step = await stack.call('POST', `/api/aid/cases/${caseId}/transitions`, {
        token: base,
        body: { action, version, ...extra },
      });
      expect(step.status).toBe(200);
    }
    const r = await stack.call('POST', `/api/members/${worker}/id-number/reveal`, {
      token: neighbour,
      body: { purpose: 'verify_identity', serves: { program: 'aid', caseId } },
    });
    expect(r.status).toBe(200);
    expect(r.body.idNumber).toMatch(/^\d{17}[\dX]$/);
    const audit = await stack.db.collection('auditLog').findOne({ action: 'pii.revealed', entityId: worker });
    expect(audit).toMatchObject({
      actorId: await idOf('officer-qiaoxi'),
      requestId: r.headers.get('x-request-id'),
    });
  });

  it('cannot read evidence uploaded by a member outside their subtree, and no read is audited', async () => {
    const owner = await stack.login('demo-worker-2');
    const up = await fetch(`${stack.url}/api/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${owner}`, 'content-type': 'image/jpeg' },
      body: new Uint8Array(JPEG),
    }).then((r) => r.json() as Promise<{ id: string }>);
    const before = await writeCounts(stack.db);
    const r = await stack.call('GET', `/api/files/${up.id}`, { token: neighbour });
    expect([r.status, r.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect(await writeCounts(stack.db)).toEqual(before);
  });

  it('sees their own 街道 on the officer home', async () => {
    const r = await stack.call('GET', '/api/members/officer/home', { token: neighbour });
    expect(r.status).toBe(200);
    expect(r.body.org).toMatchObject({ id: 'c1d1t2', level: 'town' });
  });
});

describe('messages', () => {
  it('cannot be marked read by anyone but their member', async () => {
    const message = new ObjectId();
    await stack.db.collection('notifications').insertOne({
      _id: message,
      memberId: new ObjectId(await idOf('demo-worker-3')),
      title: '审核进度',
      body: '您的申请已通过初审',
      link: null,
      read: false,
      createdAt: new Date(),
      dedupeKey: 'scope-1',
    });
    for (const token of [
      neighbour,
      await stack.login('demo-officer-city'),
      await stack.login('demo-worker-1'),
    ]) {
      const r = await stack.call('POST', `/api/notifications/${message.toHexString()}/read`, { token });
      expect([r.status, r.body.error.code]).toEqual([404, 'NOT_FOUND']);
    }
    expect((await stack.db.collection('notifications').findOne({ _id: message }))!.read).toBe(false);
  });
});
