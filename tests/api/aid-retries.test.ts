/**
 * A worker whose phone gave up on a submission that the server still completed: the next look
 * shows that case plainly. A retry with the same Idempotency-Key gets the case (also when the
 * first answer was never recorded), and a new submission is refused naming the open case.
 */
import { startStack, type Stack } from '../support/api-stack';
import { registeredWorker } from '../support/people';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

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

const submit = (token: string, key?: string) =>
  stack.call('POST', '/api/aid/cases', {
    token,
    body: application,
    headers: key ? { 'idempotency-key': key } : {},
  });

it('answers a retry with the same key with the case the first submission made, even when its answer was never recorded', async () => {
  const token = await registeredWorker(stack, 'aid-retry-lost-answer');
  const first = await submit(token, 'lost-answer-000001');
  expect(first.status).toBe(201);
  // the answer never reached the record (the database went away just then): only the case is there
  await stack.db.collection('idempotencyKeys').deleteMany({});
  const retry = await submit(token, 'lost-answer-000001');
  expect(retry.status).toBe(201);
  expect(retry.body).toEqual(first.body);
  const mine = await stack.call('GET', '/api/aid/cases?mine=1', { token });
  expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([first.body.id]);
});

it('refuses a second submission with a new key, naming the open case so the app can show it', async () => {
  const token = await registeredWorker(stack, 'aid-retry-new-key');
  const first = await submit(token, 'new-key-first-0001');
  const second = await submit(token, 'new-key-second-001');
  expect(second.status).toBe(409);
  expect(second.body.error).toMatchObject({ code: 'AID_CASE_OPEN', details: { caseId: first.body.id } });
});

it('never lets one key create a case for someone else', async () => {
  const [a, b] = await Promise.all([
    registeredWorker(stack, 'aid-retry-owner-a'),
    registeredWorker(stack, 'aid-retry-owner-b'),
  ]);
  const mineA = await submit(a, 'shared-key-aid-0001');
  const mineB = await submit(b, 'shared-key-aid-0001');
  expect([mineA.status, mineB.status]).toEqual([201, 201]);
  expect(mineB.body.id).not.toBe(mineA.body.id);
});
