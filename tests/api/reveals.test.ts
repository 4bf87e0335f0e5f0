/**
 * Reveals need a purpose and have limits (issue 10, item 6): a reveal names its purpose (a short
 * list and words of the officer's own) and the case it serves; it is refused for a member with no
 * case or registration in the officer's reach; each officer may reveal so many values an hour
 * (REVEALS_PER_HOUR, here 4), counted in MongoDB across every function; the officers of an org
 * read who revealed whose value, when and why.
 */
import { startStack, type Stack } from '../support/api-stack';
import { aidJourney } from '../support/aid-journey';
import { officerOf } from '../support/people';

let stack: Stack;
let aid: ReturnType<typeof aidJourney>;
beforeAll(async () => {
  stack = await startStack({ env: { REVEALS_PER_HOUR: '4' } });
  aid = aidJourney(stack, 'reveals');
  await aid.signIn();
});
afterAll(() => stack.stop());

let n = 0;
/** A 基层 officer of 江城机械厂工会 of their own, so each test has its own hourly count. */
const freshBase = () => officerOf(stack, `reveals-base-${++n}`, 'c1d1t1b1');
const onCase = (token: string, id: string, body: Record<string, unknown>) =>
  stack.call('POST', `/api/aid/cases/${id}/reveal`, { token, body });
const onMember = (token: string, memberId: string, body: Record<string, unknown>) =>
  stack.call('POST', `/api/members/${memberId}/id-number/reveal`, { token, body });
const memberIdOf = async (token: string) => (await stack.call('GET', '/api/members/me', { token })).body.id;
const revealCount = () => stack.db.collection('auditLog').countDocuments({ action: 'pii.revealed' });

describe('a reveal', () => {
  it('names its purpose: none, an unknown one, or 其他 without words is refused and nothing is audited', async () => {
    const officer = await freshBase();
    const id = await aid.apply(await aid.worker());
    const before = await revealCount();
    for (const body of [
      { field: 'idNumber' },
      { field: 'idNumber', purpose: 'curiosity' },
      { field: 'idNumber', purpose: 'other' },
      { field: 'idNumber', purpose: 'other', note: ' ' },
    ]) {
      const r = await onCase(officer, id, body);
      expect([r.status, r.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect(await revealCount()).toBe(before);
  });

  it('records who revealed whose value, why and for which case', async () => {
    const officer = await freshBase();
    const worker = await aid.worker();
    const id = await aid.apply(worker);
    const r = await onCase(officer, id, { field: 'idNumber', purpose: 'other', note: '电话里核对身份' });
    expect(r.status).toBe(200);
    const audit = await stack.db.collection('auditLog').findOne({ requestId: r.headers.get('x-request-id') });
    expect(audit).toMatchObject({
      action: 'pii.revealed',
      actorId: await memberIdOf(officer),
      entity: 'aidCase',
      entityId: id,
      orgPath: ['c1', 'c1d1', 'c1d1t1', 'c1d1t1b1'],
      data: {
        field: 'idNumber',
        subjectId: await memberIdOf(worker),
        purpose: 'other',
        note: '电话里核对身份',
        program: 'aid',
        caseId: id,
      },
    });
  });

  it('of a member’s ID number is refused for a member with no case or registration in the officer’s reach', async () => {
    const officer = await freshBase();
    const noCase = await aid.worker();
    const elsewhere = await aid.worker('c1d1t2b1');
    const elsewhereCase = await aid.apply(elsewhere);
    const mine = await aid.worker();
    const myCase = await aid.apply(mine);
    const before = await revealCount();
    const refusals = [
      // a member of the officer's union with no case at all
      await onMember(officer, await memberIdOf(noCase), {
        purpose: 'verify_identity',
        serves: { identityChange: true },
      }),
      // naming a case of another member
      await onMember(officer, await memberIdOf(noCase), {
        purpose: 'verify_identity',
        serves: { program: 'aid', caseId: myCase },
      }),
      // a member whose case lies in another 街道
      await onMember(officer, await memberIdOf(elsewhere), {
        purpose: 'verify_identity',
        serves: { program: 'aid', caseId: elsewhereCase },
      }),
      // no such member
      await onMember(officer, '0123456789abcdef01234567', {
        purpose: 'verify_identity',
        serves: { identityChange: true },
      }),
    ];
    expect(refusals.map((r) => [r.status, r.body.error.code])).toEqual(Array(4).fill([404, 'NOT_FOUND']));
    expect(new Set(refusals.map((r) => r.body.error.message)).size).toBe(1);
    expect(await revealCount()).toBe(before);
    const served = await onMember(officer, await memberIdOf(mine), {
      purpose: 'verify_identity',
      serves: { program: 'aid', caseId: myCase },
    });
    expect(served.status).toBe(200);
    expect(served.body.idNumber).toMatch(/^\d{17}[\dX]$/);
  });

  it('is limited per officer per hour, counted in MongoDB across the aid and members functions', async () => {
    const officer = await freshBase();
    const cases: { id: string; memberId: string }[] = [];
    for (let i = 0; i < 5; i++) {
      const w = await aid.worker();
      cases.push({ id: await aid.apply(w), memberId: await memberIdOf(w) });
    }
    for (const c of cases.slice(0, 2))
      expect((await onCase(officer, c.id, { field: 'idNumber', purpose: 'verify_identity' })).status).toBe(
        200,
      );
    for (const c of cases.slice(2, 4))
      expect(
        (
          await onMember(officer, c.memberId, {
            purpose: 'verify_identity',
            serves: { program: 'aid', caseId: c.id },
          })
        ).status,
      ).toBe(200);
    const before = await revealCount();
    const fifth = await onCase(officer, cases[4].id, { field: 'idNumber', purpose: 'verify_identity' });
    expect([fifth.status, fifth.body.error.code]).toEqual([429, 'REVEAL_LIMIT_REACHED']);
    expect(fifth.body.value).toBeUndefined();
    const viaMembers = await onMember(officer, cases[4].memberId, {
      purpose: 'verify_identity',
      serves: { program: 'aid', caseId: cases[4].id },
    });
    expect(viaMembers.body.error.code).toBe('REVEAL_LIMIT_REACHED');
    expect(await revealCount()).toBe(before);
    const quota = await stack.db
      .collection('quotas')
      .findOne({ _id: { $regex: `^reveals:${await memberIdOf(officer)}:h` } as never });
    expect(quota).toMatchObject({ count: 4 });
    // another officer still may
    expect(
      (await onCase(await freshBase(), cases[4].id, { field: 'idNumber', purpose: 'verify_identity' }))
        .status,
    ).toBe(200);
  });
});

describe('the reveal report', () => {
  it('shows the org’s officers who revealed which member’s value, when and why, and no one else', async () => {
    const officer = await freshBase();
    const worker = await aid.worker();
    const id = await aid.apply(worker);
    await onCase(officer, id, { field: 'idNumber', purpose: 'home_visit', note: '约上门时间前核对' });
    const report = await stack.call('GET', '/api/members/reveals?pageSize=50', { token: aid.officers.town });
    expect(report.status).toBe(200);
    const line = report.body.items.find((i: { caseId: string }) => i.caseId === id);
    expect(line).toMatchObject({
      memberName: '测试职工',
      field: 'idNumber',
      fieldText: '身份证号',
      purpose: 'home_visit',
      purposeText: '入户核查联系',
      note: '约上门时间前核对',
      program: 'aid',
      officerOrgName: '江城机械厂工会',
    });
    expect(new Date(line.at).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const otherTown = await officerOf(stack, 'reveals-other-town', 'c1d1t2');
    const elsewhere = await stack.call('GET', '/api/members/reveals?pageSize=50', { token: otherTown });
    expect(elsewhere.body.items.map((i: { caseId: string }) => i.caseId)).not.toContain(id);
    expect((await stack.call('GET', '/api/members/reveals', { token: worker })).status).toBe(403);
  });
});
