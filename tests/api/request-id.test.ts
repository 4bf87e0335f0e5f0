/**
 * Request ids: the server makes one per request (a UUID), answers it in X-Request-Id and tags
 * its log lines and audit entries with it. A client's own X-Request-Id is kept apart, as
 * `clientRequestId` in the log, and only when it is a short plain token: a client cannot make
 * two audit entries share an id, or put arbitrary text into the logs. A stack of its own, logging.
 */
import { CURRENT_CONSENT_VERSION } from '../../src/contracts/members';
import { startStack, type Stack } from '../support/api-stack';
import { captureLogs, stopCapturingLogs } from '../support/log-capture';

let stack: Stack;
let logLines: string[] = [];
beforeAll(async () => {
  stack = await startStack({ env: { LOG_LEVEL: 'info' } });
  logLines = captureLogs();
});
afterAll(async () => {
  stopCapturingLogs();
  await stack.stop();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const requestLogOf = (requestId: string) =>
  logLines.map((l) => JSON.parse(l)).find((l) => l.requestId === requestId && l.msg === 'request');

describe('request ids', () => {
  it('makes its own id for every request, so two requests sending the same X-Request-Id leave two audit ids', async () => {
    const token = await stack.login('request-id-dup');
    const send = () =>
      stack.call('POST', '/api/notifications/subscriptions', {
        token,
        body: { results: { 'dev-review-progress': 'accept' } },
        headers: { 'x-request-id': 'same-id-from-client' },
      });
    const [a, b] = [await send(), await send()];
    const ids = [a.headers.get('x-request-id')!, b.headers.get('x-request-id')!];
    for (const id of ids) expect(id).toMatch(UUID);
    expect(ids[0]).not.toBe(ids[1]);
    const entries = await stack.db
      .collection('auditLog')
      .find({ requestId: { $in: [...ids, 'same-id-from-client'] } })
      .toArray();
    expect(entries.map((e) => e.requestId).sort()).toEqual([...ids].sort());
  });

  it('logs a well-formed client id as clientRequestId beside its own', async () => {
    const r = await stack.call('GET', '/api/health', { headers: { 'x-request-id': 'wx-7f3a-0001' } });
    const id = r.headers.get('x-request-id')!;
    expect(id).toMatch(UUID);
    expect(requestLogOf(id)).toMatchObject({ requestId: id, clientRequestId: 'wx-7f3a-0001' });
  });

  it('drops a client id that is too long or not a plain token, and still answers', async () => {
    for (const bad of ['x'.repeat(65), 'two words', 'a"b;c', '../../etc', 'tab\tinside', '%E4%B8%AD']) {
      const r = await stack.call('POST', '/api/members/me/consent', {
        token: await stack.login('request-id-bad'),
        body: { version: CURRENT_CONSENT_VERSION },
        headers: { 'x-request-id': bad },
      });
      expect(r.status).toBe(200);
      const id = r.headers.get('x-request-id')!;
      expect(id).toMatch(UUID);
      const line = requestLogOf(id);
      expect(line).toBeDefined();
      expect(line).not.toHaveProperty('clientRequestId');
    }
  });
});
