import { startStack, type Stack } from '../support/api-stack';
import { childApplication } from '../support/children';
import { registeredWorker } from '../support/people';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

const TEMPLATE = 'dev-review-progress';
const application = {
  householdSize: 3,
  annualIncomeFen: 3_000_000,
  rigidExpenseFen: 600_000,
  mainCause: 'illness',
  description: '丈夫患病住院，家里只有我一份收入。',
  submit: true,
};

describe('WeChat subscription messages', () => {
  it('counts the grants the worker tapped, ignoring unknown templates and refusals', async () => {
    const token = await registeredWorker(stack, 'sub-grants');
    const r = await stack.call('POST', '/api/notifications/subscriptions', {
      token,
      body: { results: { [TEMPLATE]: 'accept', 'someone-elses-template': 'accept' } },
    });
    expect(r.body.remaining).toEqual({ [TEMPLATE]: 1 });
    const again = await stack.call('POST', '/api/notifications/subscriptions', {
      token,
      body: { results: { [TEMPLATE]: 'reject' } },
    });
    expect(again.body.remaining).toEqual({ [TEMPLATE]: 1 });
    expect((await stack.call('GET', '/api/notifications/templates', { token })).body).toEqual({
      reviewProgress: TEMPLATE,
    });
  });

  it('sends one message per grant through WeChat, and only the in-app message once grants run out', async () => {
    const token = await registeredWorker(stack, 'sub-sender');
    await stack.call('POST', '/api/notifications/subscriptions', {
      token,
      body: { results: { [TEMPLATE]: 'accept' } },
    });
    stack.server.wechat!.grant('sub-sender', TEMPLATE); // the same tap, as WeChat records it
    const { body } = await stack.call('POST', '/api/aid/cases', { token, body: application });
    const base = await stack.login('demo-officer-base');
    const visit = { date: '2026-11-20', findings: '入户核实，情况属实。' };
    const first = await stack.call('POST', `/api/aid/cases/${body.id}/transitions`, {
      token: base,
      body: { action: 'record_visit', version: 1, visit },
    });
    expect(first.status).toBe(200);
    const sent = stack.server.wechat!.sent.filter((m) => m.touser === 'sub-sender');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      template_id: TEMPLATE,
      page: `packages/aid/pages/case/index?id=${body.id}`,
    });
    expect(sent[0].data.thing1.value).toBe('困难帮扶申请');

    const second = await stack.call('POST', `/api/aid/cases/${body.id}/transitions`, {
      token: base,
      body: { action: 'approve', version: first.body.version },
    });
    expect(second.status).toBe(200);
    expect(stack.server.wechat!.sent.filter((m) => m.touser === 'sub-sender')).toHaveLength(1);
    // this worker's own grant, used up by the one message (another member's grant would not do)
    const member = await stack.db.collection('members').findOne({ openid: 'sub-sender' });
    const grant = await stack.db
      .collection('subscriptionGrants')
      .findOne({ memberId: member!._id, templateId: TEMPLATE });
    expect(grant).toMatchObject({ remaining: 0 });
    const inApp = await stack.call('GET', '/api/notifications', { token });
    expect(inApp.body.items.length).toBe(3); // submitted, visit, approved
  });

  it('tells a 金秋助学 parent too, on the same template, naming the program', async () => {
    const token = await registeredWorker(stack, 'sub-bursary-parent');
    await stack.call('POST', '/api/notifications/subscriptions', {
      token,
      body: { results: { [TEMPLATE]: 'accept' } },
    });
    stack.server.wechat!.grant('sub-bursary-parent', TEMPLATE);
    // this year's campaign of the demo data (江城市总工会, open today)
    const made = await stack.call('POST', '/api/bursary/applications', {
      token,
      body: childApplication({ admissionYear: new Date().getFullYear() }),
      headers: { 'idempotency-key': 'sub-bursary-parent-1' },
    });
    expect(made.status).toBe(201);
    const base = await stack.login('demo-officer-base');
    const approved = await stack.call('POST', `/api/bursary/applications/${made.body.id}/transitions`, {
      token: base,
      body: { action: 'approve', version: made.body.version, comment: '材料齐全' },
    });
    expect(approved.status).toBe(200);
    const sent = stack.server.wechat!.sent.filter((m) => m.touser === 'sub-bursary-parent');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      template_id: TEMPLATE,
      page: `packages/bursary/pages/case/index?id=${made.body.id}`,
    });
    expect(sent[0].data.thing1.value).toBe('金秋助学申请');
    expect(sent[0].data.phrase2.value.length).toBeLessThanOrEqual(5);
  });
});
