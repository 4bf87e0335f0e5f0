/**
 * The approved amount (issue 10, item 3): the approving level fixes the yearly aid amount when it
 * approves; payments are tied to it, their sum never passing it without a new approval (with a
 * reason, audited); a final case takes no payment; the 年审 decides whether the case continues
 * into the next year (with that year's amount) or ends.
 */
import { startStack, type Stack } from '../support/api-stack';
import { aidJourney } from '../support/aid-journey';
import { oid } from '../support/people';

let stack: Stack;
let aid: ReturnType<typeof aidJourney>;
beforeAll(async () => {
  stack = await startStack();
  aid = aidJourney(stack, 'amount');
  await aid.signIn();
});
afterAll(() => stack.stop());

const ledgerOf = async (id: string) =>
  (
    await stack.db
      .collection('aidLedger')
      .find({ caseId: oid(id) })
      .toArray()
  ).map((l) => l.amountFen);
const yearAgo = (id: string) =>
  stack.db
    .collection('aidCases')
    .updateOne({ _id: oid(id) }, { $set: { reviewDueAt: new Date(Date.now() - 86_400_000) } });

describe('approving a case', () => {
  it('needs the approving level to fix the yearly amount, which the case then shows to officers and the worker', async () => {
    const token = await aid.worker();
    const id = await aid.apply(token);
    await aid.toTown(id);
    await aid.step(aid.officers.town, id, 'approve');
    const city = await aid.view(aid.officers.city, id);
    const approve = city.offers.find((o: any) => o.action === 'approve');
    expect(approve.needs.map((n: any) => [n.need, n.required])).toEqual(
      expect.arrayContaining([['amount', true]]),
    );
    const without = await aid.act(aid.officers.city, id, 'approve', { category: 'deep' });
    expect([without.status, without.body.error.code]).toEqual([400, 'AMOUNT_REQUIRED']);
    await aid.step(aid.officers.city, id, 'approve', { category: 'deep', amountFen: 360_000 });
    for (const who of [token, aid.officers.base]) {
      expect((await aid.view(who, id)).amount).toMatchObject({
        approvedFen: 360_000,
        paidFen: 0,
        leftFen: 360_000,
      });
    }
    const audit = await stack.db
      .collection('auditLog')
      .findOne({ entityId: id, action: 'aid.approve', 'data.to': 'publicity' });
    expect(audit!.data).toMatchObject({ approvedFen: 360_000, previousApprovedFen: null });
  });
});

describe('payments', () => {
  it('stay within the approved amount: one that would pass it is refused and writes nothing', async () => {
    const id = await aid.apply(await aid.worker());
    await aid.toFiled(id, 300_000);
    expect((await aid.pay(aid.officers.city, id, 200_000)).status).toBe(200);
    const before = await stack.db.collection('auditLog').countDocuments({ entityId: id });
    const over = await aid.pay(aid.officers.city, id, 150_000);
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({
      code: 'PAYMENT_OVER_APPROVED',
      details: { approvedFen: 300_000, paidFen: 200_000, leftFen: 100_000 },
    });
    expect(await stack.db.collection('auditLog').countDocuments({ entityId: id })).toBe(before);
    expect((await aid.pay(aid.officers.city, id, 100_000, 'spring_festival')).status).toBe(200);
    expect(await ledgerOf(id)).toEqual([200_000, 100_000]);
    const view = await aid.view(aid.officers.city, id);
    expect(view.amount).toMatchObject({ paidFen: 300_000, leftFen: 0 });
    // nothing left: the panel says so before anything is typed
    expect(
      view.offers.find((o: any) => o.action === 'record_payment').blockedBy.map((b: any) => b.code),
    ).toEqual(['AMOUNT_USED_UP']);
    expect((await aid.pay(aid.officers.city, id, 1)).body.error.code).toBe('AMOUNT_USED_UP');
    expect(await ledgerOf(id)).toEqual([200_000, 100_000]);
  });

  it('go past it only after a new approval with a reason, audited with the amounts before and after', async () => {
    const id = await aid.apply(await aid.worker());
    await aid.toFiled(id, 300_000);
    await aid.pay(aid.officers.city, id, 300_000);
    const noReason = await aid.act(aid.officers.city, id, 'revise_amount', { amountFen: 500_000 });
    expect(noReason.body.error.code).toBe('COMMENT_REQUIRED');
    const byTown = await aid.act(aid.officers.town, id, 'revise_amount', {
      amountFen: 500_000,
      comment: '加',
    });
    expect(byTown.body.error.code).toBe('NOT_YOUR_LEVEL');
    const revised = await aid.step(aid.officers.city, id, 'revise_amount', {
      amountFen: 500_000,
      comment: '丈夫再次住院，医疗救助增加',
    });
    expect(revised.amount).toMatchObject({ approvedFen: 500_000, paidFen: 300_000, leftFen: 200_000 });
    const audit = await stack.db
      .collection('auditLog')
      .findOne({ entityId: id, action: 'aid.revise_amount' });
    expect(audit!.data).toMatchObject({
      approvedFen: 500_000,
      previousApprovedFen: 300_000,
      comment: '丈夫再次住院，医疗救助增加',
    });
    expect((await aid.pay(aid.officers.city, id, 200_000, 'medical')).status).toBe(200);
    expect(await ledgerOf(id)).toEqual([300_000, 200_000]);
  });

  it('let exactly one of two payments through when together they would pass the amount', async () => {
    const id = await aid.apply(await aid.worker());
    await aid.toFiled(id, 300_000);
    const { version } = await aid.view(aid.officers.city, id);
    const rs = await Promise.all(
      [1, 2].map(() =>
        stack.call('POST', `/api/aid/cases/${id}/payments`, {
          token: aid.officers.city,
          body: { amountFen: 200_000, kind: 'living', version },
        }),
      ),
    );
    expect(rs.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await ledgerOf(id)).toEqual([200_000]);
  });

  it('are not taken on a final case', async () => {
    const rejected = await aid.apply(await aid.worker());
    await aid.toTown(rejected);
    await aid.step(aid.officers.town, rejected, 'approve');
    await aid.step(aid.officers.city, rejected, 'reject', { comment: '收入超过标准' });
    const onRejected = await aid.pay(aid.officers.city, rejected, 100);
    expect([onRejected.status, onRejected.body.error.code]).toEqual([409, 'TRANSITION_NOT_ALLOWED']);

    const closed = await aid.apply(await aid.worker());
    await aid.toFiled(closed);
    await aid.pay(aid.officers.city, closed, 100_000);
    await yearAgo(closed);
    await aid.step(aid.officers.city, closed, 'close', { comment: '家庭收入已超过标准，不再帮扶' });
    const onClosed = await aid.pay(aid.officers.city, closed, 100);
    expect([onClosed.status, onClosed.body.error.code]).toEqual([409, 'TRANSITION_NOT_ALLOWED']);
    expect(await ledgerOf(closed)).toEqual([100_000]);
  });
});

describe('the 年审', () => {
  it('continues a case into the next year with that year’s amount, once the review is due', async () => {
    const token = await aid.worker();
    const id = await aid.apply(token);
    await aid.toFiled(id, 300_000);
    await aid.pay(aid.officers.city, id, 300_000);
    const early = await aid.act(aid.officers.city, id, 'renew', { amountFen: 240_000 });
    expect(early.body.error.code).toBe('REVIEW_NOT_DUE');
    await yearAgo(id);
    expect((await aid.act(aid.officers.city, id, 'renew')).body.error.code).toBe('AMOUNT_REQUIRED');
    const renewed = await aid.step(aid.officers.city, id, 'renew', { amountFen: 240_000 });
    expect(renewed.status).toBe('filed');
    expect(renewed.amount).toMatchObject({ approvedFen: 240_000, paidFen: 0, leftFen: 240_000 });
    const stored = await stack.db.collection('aidCases').findOne({ _id: oid(id) });
    expect(stored!.reviewDueAt.getTime()).toBeGreaterThan(Date.now() + 300 * 86_400_000);
    expect((await aid.pay(aid.officers.city, id, 240_000)).status).toBe(200);
    // still the household's one open case
    const again = await stack.call('POST', '/api/aid/cases', {
      token,
      body: { householdSize: 2, submit: false },
    });
    expect(again.body.error.code).toBe('AID_CASE_OPEN');
  });

  it('ends a case with a reason the worker reads, after which the household may apply again', async () => {
    const token = await aid.worker();
    const id = await aid.apply(token);
    await aid.toFiled(id);
    await yearAgo(id);
    expect((await aid.act(aid.officers.city, id, 'close')).body.error.code).toBe('COMMENT_REQUIRED');
    const closed = await aid.step(aid.officers.city, id, 'close', {
      comment: '子女已工作，家庭收入超过标准',
    });
    expect(closed.status).toBe('closed');
    const mine = await aid.view(token, id);
    expect(mine.statusText).toBe('帮扶已结束');
    const told = await stack.call('GET', '/api/notifications', { token });
    expect(told.body.items[0]).toMatchObject({ title: '年审完成，帮扶结束' });
    expect(told.body.items[0].body).toContain('子女已工作');
    expect(
      (await stack.call('POST', '/api/aid/cases', { token, body: { householdSize: 2, submit: false } }))
        .status,
    ).toBe(201);
  });
});
