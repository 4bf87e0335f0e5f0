/**
 * The org tree is read through a per-process copy (cloud/core/orgs/repository.ts): these are
 * the promises that copy keeps. A stack of its own, since the test moves the clock.
 */
import { CURRENT_CONSENT_VERSION } from '../../src/contracts/members';
import { ORG_CACHE_MS } from '../../cloud/core/orgs/repository';
import { startStack, type Stack } from '../support/api-stack';
import { freshIdNumber } from '../support/people';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());
afterEach(() => jest.useRealTimers());

const profile = (orgId: string) => ({
  name: '钱新民',
  idNumber: freshIdNumber(),
  phone: '13700001111',
  orgId,
  consentVersion: CURRENT_CONSENT_VERSION,
});

describe('the org tree', () => {
  it('knows a union added to the database at once, for a profile and in the list', async () => {
    const token = await stack.login('org-tree-newcomer');
    const listed = async () =>
      (await stack.call('GET', '/api/orgs', { token })).body.orgs.map((o: { id: string }) => o.id);
    expect(await listed()).not.toContain('c1d1t1b9');
    await stack.db.collection('orgs').insertOne({
      _id: 'c1d1t1b9' as never,
      name: '花园新材料公司工会',
      level: 'base',
      parentId: 'c1d1t1',
      path: ['c1', 'c1d1', 'c1d1t1', 'c1d1t1b9'],
      regionCode: '330106',
    });
    const r = await stack.call('PUT', '/api/members/me', { token, body: profile('c1d1t1b9') });
    expect(r.status).toBe(200);
    expect(r.body.orgName).toBe('花园新材料公司工会');
    expect(await listed()).toContain('c1d1t1b9');
  });

  it('shows a renamed union once the cached copy is older than ORG_CACHE_MS', async () => {
    jest.useFakeTimers({
      doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate', 'setTimeout', 'setInterval', 'performance'],
      now: Date.now(),
    });
    const token = await stack.login('demo-worker-4');
    const name = async () => (await stack.call('GET', '/api/members/me', { token })).body.orgName;
    expect(await name()).toBe('桥西建筑工程公司工会');
    await stack.db
      .collection('orgs')
      .updateOne({ _id: 'c1d1t2b1' as never }, { $set: { name: '桥西建工集团工会' } });
    jest.setSystemTime(Date.now() + ORG_CACHE_MS + 1000);
    expect(await name()).toBe('桥西建工集团工会');
  });

  it('refuses an org id that does not exist, however often it is asked', async () => {
    const token = await stack.login('org-tree-unknown');
    for (let i = 0; i < 3; i++) {
      const r = await stack.call('GET', '/api/orgs/c1d9t9b9', { token });
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('NOT_FOUND');
    }
  });
});
