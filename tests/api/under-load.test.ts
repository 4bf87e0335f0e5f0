/**
 * Many workers at the same moment (the first morning of an application window): every request
 * gets its real answer, nothing is made twice, and the app keeps answering meanwhile. The stack
 * runs devdb with its journal, as `npm start` does.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CURRENT_CONSENT_VERSION } from '../../src/contracts/members';
import { startStack, type Stack } from '../support/api-stack';
import { freshIdNumber } from '../support/people';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ dataDir: mkdtempSync(path.join(tmpdir(), 'under-load-')) });
});
afterAll(() => stack.stop());

async function signUp(n: number): Promise<{ token: string; memberId: string; status: number }> {
  const token = await stack.login(`load-newcomer-${n}`);
  const r = await stack.call('PUT', '/api/members/me', {
    token,
    body: {
      name: '新会员',
      idNumber: freshIdNumber(),
      phone: '13700000000',
      orgId: 'c1d1t1b1',
      consentVersion: CURRENT_CONSENT_VERSION,
    },
  });
  return { token, memberId: r.body.id, status: r.status };
}

it('registers 100 new members who sign in and fill in their profile at the same moment, each once', async () => {
  const health = Array.from({ length: 20 }, () => stack.call('GET', '/api/health'));
  const people = await Promise.all(Array.from({ length: 100 }, (_, n) => signUp(n)));
  expect(people.map((p) => p.status)).toEqual(Array(100).fill(200));
  expect((await Promise.all(health)).map((r) => r.status)).toEqual(Array(20).fill(200));
  const members = await stack.db
    .collection('members')
    .find({ openid: { $regex: /^load-newcomer-/ } })
    .toArray();
  expect(members).toHaveLength(100);
  expect(members.every((m) => m.name === '新会员' && m.orgId === 'c1d1t1b1')).toBe(true);
  expect(await stack.db.collection('auditLog').countDocuments({ action: 'member.profile_updated' })).toBe(
    100,
  );
}, 60_000);

it('accepts 60 aid applications sent at the same moment, some sent twice with one key, and makes each case once', async () => {
  const workers = await Promise.all(Array.from({ length: 60 }, (_, n) => signUp(1000 + n)));
  const application = {
    householdSize: 3,
    annualIncomeFen: 3_000_000,
    rigidExpenseFen: 600_000,
    mainCause: 'illness',
    secondaryCauses: [],
    description: '丈夫患病住院，家里只有我一份收入。',
    bankAccount: '6222021234567890123',
    submit: true,
  };
  const send = (token: string, key: string) =>
    stack.call('POST', '/api/aid/cases', { token, body: application, headers: { 'idempotency-key': key } });
  // every sixth worker's phone sends the same submission twice before the first answer comes
  const answers = await Promise.all(
    workers.map(async (w, i) => {
      const key = `at-once-${i}-aaaaaaaa`;
      const sent = [send(w.token, key)];
      if (i % 6 === 0) sent.push(send(w.token, key));
      return Promise.all(sent);
    }),
  );
  for (const pair of answers) {
    expect(pair.map((r) => r.status)).toEqual(pair.map(() => 201));
    expect(new Set(pair.map((r) => r.body.id)).size).toBe(1);
  }
  const ids = answers.map((pair) => pair[0].body.id);
  const cases = await stack.db
    .collection('aidCases')
    .find({ applicantId: { $in: workers.map((w) => w.memberId) } })
    .toArray();
  expect(cases.map((c) => c._id.toHexString()).sort()).toEqual([...ids].sort());
}, 60_000);
