/**
 * In the mini program: the 基层 officer opens the 困难帮扶 queue from the workbench, opens a
 * submitted case, records the home visit and approves at their level; the case then goes to
 * the 街道 and is read-only to them. The worker's application is arranged through the API.
 */
import { ObjectId } from 'mongodb';
import { startJourney, type Journey } from '../support/journey';

jest.setTimeout(120_000);

let j: Journey;
let caseId = '';

beforeAll(async () => {
  j = await startJourney();
  const token = await j.stack.login('demo-worker-2');
  const r = await j.stack.call<{ id: string }>('POST', '/api/aid/cases', {
    token,
    headers: { 'idempotency-key': `weapp-officer-${process.pid}` },
    body: {
      householdSize: 2,
      annualIncomeFen: 2_400_000,
      rigidExpenseFen: 0,
      mainCause: 'unemployment',
      householdMembers: [{ relation: '女儿', age: 12, workStatus: 'student', annualIncomeFen: 0 }],
      description: '工厂停产后失业，女儿上初中，靠打零工维持生活。',
      bankAccount: '6217001234567890',
      submit: true,
    },
  });
  if (r.status >= 300) throw new Error(`arranging the case: ${r.status} ${JSON.stringify(r.body)}`);
  caseId = r.body.id;
}, 300_000);

afterAll(async () => {
  await j?.stop();
});

it('an officer opens the queue, records the home visit and approves at their level', async () => {
  const { mp, stack } = j;
  const home = await j.signIn('demo-officer-base');
  await home.waitFor(() => home.has('tile-officer'));
  await home.tap('tile-officer');
  const workbench = mp.current;
  expect(workbench.route).toBe('packages/officer/pages/home/index');
  await workbench.waitFor(() => workbench.has('officer-programs') && workbench.text().includes('待办 1 件'));
  await workbench.tapText('row-entry', '困难职工帮扶');

  const queue = mp.current;
  expect(queue.route).toBe('packages/officer/pages/aid/index');
  await queue.waitFor(() => queue.has(`case-${caseId}`));
  expect(queue.textOf(`case-${caseId}`)).toContain('李秀英');
  await queue.tap(`case-${caseId}`);

  const review = mp.current;
  expect(review.route).toBe('packages/officer/pages/aid-case/index');
  await review.waitFor(() => review.has('officer-case-head') && review.has('aid-decide'));
  expect(mp.stack.map((p) => p.route)).toEqual([
    'pages/home/index',
    'packages/officer/pages/home/index',
    'packages/officer/pages/aid/index',
    'packages/officer/pages/aid-case/index',
  ]);

  await review.tap('decision-record_visit');
  await review.type('visit-findings', '入户核实：母女二人，失业属实。');
  expect(review.isEnabled('decision-confirm')).toBe(true);
  await review.tap('decision-confirm');
  await review.waitFor(() => review.has('decision-done'));

  await review.waitFor(() => review.has('decision-approve'));
  await review.tap('decision-approve');
  await review.type('decision-comment', '情况属实，同意上报');
  await review.tap('decision-confirm');
  await review.waitFor(() => review.has('officer-readonly'));
  expect(review.textOf('officer-readonly')).toContain('街道/镇工会');
  // nothing is left to decide here; the panel only says what was done
  expect(review.has('decision-confirm')).toBe(false);
  expect(review.textOf('decision-done')).toContain('已通过');
  // the case arranged above (the demo seed holds another, already on file)
  const stored = await stack.db.collection('aidCases').findOne({ _id: new ObjectId(caseId) });
  expect(stored).toMatchObject({ status: 'town_review' });

  // back in the queue the case is no longer waiting for this officer
  const queueAgain = await mp.navigateBack();
  expect(queueAgain.route).toBe('packages/officer/pages/aid/index');
  await queueAgain.waitFor(() => !queueAgain.has(`case-${caseId}`));
  // nothing on the way threw or logged an error or warning
  mp.assertNoProblems();
});
