/**
 * After a return (退回补充), what the worker changes is kept as a diff (fact, before, after, when)
 * and shown to the reviewers; where the resubmitted case goes depends on it: a fact the 基层
 * verified in its home visit, changed without the return asking for it, sends the case back to
 * the 基层 (a new visit needed), and the worker is told so before resubmitting; changes to what
 * the return asked for (or to facts nobody verified) go straight back to the returning level.
 * The same holds for an objection upheld as a return at 区/市. (issue 10, item 1)
 */
import { startStack, type Stack } from '../support/api-stack';
import { aidJourney } from '../support/aid-journey';
import { sampleJpeg } from '../support/sample-files';

let stack: Stack;
let aid: ReturnType<typeof aidJourney>;
beforeAll(async () => {
  stack = await startStack();
  aid = aidJourney(stack, 'after-return');
  await aid.signIn();
});
afterAll(() => stack.stop());

const edit = async (token: string, id: string, change: Record<string, unknown>) => {
  const { version } = await aid.view(token, id);
  const r = await stack.call('PUT', `/api/aid/cases/${id}`, { token, body: { ...change, version } });
  expect(r.status).toBe(200);
  return r.body;
};
const resubmit = (token: string, id: string) => aid.act(token, id, 'resubmit');
const fields = (changes: { field: string }[]) => changes.map((c) => c.field).sort();

describe('a case the 街道 returned', () => {
  it('goes back to the 基层 when the worker changed household, income and bank account unasked, and keeps each change as a diff', async () => {
    const token = await aid.worker();
    const id = await aid.apply(token);
    await aid.toTown(id);
    await aid.step(aid.officers.town, id, 'return', { comment: '请补充医院诊断证明', facts: ['evidence'] });

    await edit(token, id, { householdSize: 20, annualIncomeFen: 0, bankAccount: '6222029999999990123' });
    const mine = await aid.view(token, id);
    expect(mine.form.householdSize).toBe(20);
    expect(mine.changes.map((c: any) => [c.field, c.before, c.after, c.resubmittedAt])).toEqual(
      expect.arrayContaining([
        ['householdSize', '3 人', '20 人', null],
        ['annualIncomeFen', '30000 元', '0 元', null],
        // the masked forms agree; the account changed all the same
        ['bankAccount', '6222 **** **** 0123', '6222 **** **** 0123', null],
      ]),
    );
    // told why before resubmitting
    expect(mine.resubmitNote).toContain('基层工会');
    expect(mine.resubmitNote).toContain('家庭人口');
    expect(mine.resubmitNote).toContain('收款银行卡');

    const again = await resubmit(token, id);
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('submitted');

    const base = await aid.view(aid.officers.base, id);
    expect(base.form.householdSize).toBe(20);
    expect(base.changes.map((c: any) => [c.field, c.label, c.before, c.after, c.verified])).toEqual(
      expect.arrayContaining([['householdSize', '家庭人口', '3 人', '20 人', true]]),
    );
    expect(
      base.changes.every((c: any) => typeof c.at === 'string' && typeof c.resubmittedAt === 'string'),
    ).toBe(true);
    expect(base.changedFacts.sort()).toEqual(['annualIncomeFen', 'bankAccount', 'householdSize']);
    // the home visit verified what changed: it no longer stands
    expect(base.visit).toBeNull();
    expect((await aid.act(aid.officers.base, id, 'approve')).body.error.code).toBe('VISIT_NOT_RECORDED');
    const audit = await stack.db.collection('auditLog').findOne({ entityId: id, action: 'aid.resubmit' });
    expect(audit!.data).toMatchObject({ to: 'submitted', reverify: true });
    expect(audit!.data.changedFacts.sort()).toEqual(['annualIncomeFen', 'bankAccount', 'householdSize']);
  });

  it('goes straight back to the 街道 when only what the return asked for changed, the diff shown to it', async () => {
    const token = await aid.worker();
    const id = await aid.apply(token);
    await aid.toTown(id);
    await aid.step(aid.officers.town, id, 'return', {
      comment: '银行卡号有误，请换一张本人的卡',
      facts: ['bankAccount'],
    });
    // a bank account asked for, and the description, which nobody verifies
    await edit(token, id, {
      bankAccount: '6222020000000004567',
      description: '丈夫住院，已补充新的银行卡。',
    });
    expect((await aid.view(token, id)).resubmitNote).toBe('重新提交后，交回街道/镇工会继续审核。');
    const again = await resubmit(token, id);
    expect(again.body.status).toBe('town_review');
    const town = await aid.view(aid.officers.town, id);
    expect(fields(town.changes)).toEqual(['bankAccount', 'description']);
    expect(town.form.bankAccountMasked).toBe('6222 **** **** 4567');
    expect(town.visit).not.toBeNull();
  });

  it('drops a change the worker undid before resubmitting', async () => {
    const token = await aid.worker();
    const id = await aid.apply(token);
    await aid.toTown(id);
    await aid.step(aid.officers.town, id, 'return', { comment: '请补充说明' });
    await edit(token, id, { householdSize: 4, description: '补充：孩子上大学。' });
    await edit(token, id, { householdSize: 3 });
    expect(fields((await aid.view(token, id)).changes)).toEqual(['description']);
    expect((await resubmit(token, id)).body.status).toBe('town_review');
  });

  it('takes a resubmission once when it is sent twice at the same version', async () => {
    const token = await aid.worker();
    const id = await aid.apply(token);
    await aid.toTown(id);
    await aid.step(aid.officers.town, id, 'return', { comment: '请补充说明' });
    await edit(token, id, { description: '补充：孩子上大学。' });
    const { version } = await aid.view(token, id);
    const rs = await Promise.all(
      [1, 2].map(() =>
        stack.call('POST', `/api/aid/cases/${id}/transitions`, {
          token,
          body: { action: 'resubmit', version },
        }),
      ),
    );
    expect(rs.map((r) => r.status).sort()).toEqual([200, 409]);
    const town = await aid.view(aid.officers.town, id);
    expect(town.changes).toHaveLength(1);
    expect(town.history.filter((h: any) => h.action === 'resubmit')).toHaveLength(1);
  });
});

describe('an objection upheld as a return at 区/市', () => {
  async function upheldAsReturn() {
    const token = await aid.worker();
    const id = await aid.apply(token);
    await aid.toPublicity(id);
    const neighbour = await aid.worker();
    const obj = await stack.call('POST', `/api/aid/cases/${id}/objections`, {
      token: neighbour,
      body: { text: '该户家里另有收入，情况可能不实。' },
    });
    expect(obj.status).toBe(201);
    await aid.step(aid.officers.city, id, 'uphold_objection', {
      objectionId: obj.body.id,
      comment: '请说明另外的收入',
      upholdAs: 'return',
    });
    return { token, id };
  }

  it('goes back to the 基层 when the income the 基层 verified changed', async () => {
    const { token, id } = await upheldAsReturn();
    await edit(token, id, { annualIncomeFen: 4_800_000 });
    expect((await aid.view(token, id)).resubmitNote).toContain('全家年收入');
    expect((await resubmit(token, id)).body.status).toBe('submitted');
    expect(fields((await aid.view(aid.officers.base, id)).changes)).toEqual(['annualIncomeFen']);
  });

  it('goes back to the 区/市 when only more evidence was added', async () => {
    const { token, id } = await upheldAsReturn();
    const up = await stack.call('POST', '/api/files', {
      token,
      rawBody: new Uint8Array(sampleJpeg()),
      headers: { 'content-type': 'image/jpeg' },
    });
    expect(up.status).toBe(201);
    await edit(token, id, { evidenceFileIds: [up.body.id] });
    expect((await resubmit(token, id)).body.status).toBe('city_approval');
    const city = await aid.view(aid.officers.city, id);
    expect(city.changes.map((c: any) => [c.field, c.before, c.after])).toEqual([
      ['evidence', '没有上传', '1 张'],
    ]);
  });
});
