/**
 * A member's identity is fixed once it matters (issue 10, item 5): a case keeps the applicant's
 * name, masked ID number and union as submitted; once a member has a case past draft, a change of
 * name or ID number waits for an officer of their subtree to confirm it (audited, once); a change
 * of union moves no open case, and the member is told so.
 */
import { CURRENT_CONSENT_VERSION } from '../../src/contracts/members';
import { startStack, type Stack } from '../support/api-stack';
import { aidJourney } from '../support/aid-journey';
import { freshIdNumber, officerOf, oid } from '../support/people';

let stack: Stack;
let aid: ReturnType<typeof aidJourney>;
let otherTown: string;
beforeAll(async () => {
  stack = await startStack();
  aid = aidJourney(stack, 'identity');
  await aid.signIn();
  otherTown = await officerOf(stack, 'identity-other-town', 'c1d1t2');
});
afterAll(() => stack.stop());

const profile = (token: string, over: Record<string, string> = {}) =>
  stack.call('PUT', '/api/members/me', {
    token,
    body: {
      name: '测试职工',
      idNumber: freshIdNumber(),
      phone: '13700000000',
      orgId: 'c1d1t1b1',
      consentVersion: CURRENT_CONSENT_VERSION,
      ...over,
    },
  });
const me = async (token: string) => (await stack.call('GET', '/api/members/me', { token })).body;
const memberIdOf = async (token: string) => (await me(token)).id as string;
const revealOnCase = (token: string, id: string) =>
  stack.call('POST', `/api/aid/cases/${id}/reveal`, {
    token,
    body: { field: 'idNumber', purpose: 'verify_identity' },
  });
const decide = (token: string, memberId: string, decision: 'confirm' | 'refuse', comment?: string) =>
  stack.call('POST', `/api/members/${memberId}/identity-change`, {
    token,
    body: { decision, ...(comment ? { comment } : {}) },
  });

describe('a member with a submitted case', () => {
  it('keeps the identity the case was submitted with, and the change of name and ID number waits for the union', async () => {
    const token = await aid.worker();
    const id = await aid.apply(token);
    const before = await me(token);
    const submittedId = (await revealOnCase(aid.officers.base, id)).body.value;
    const newId = freshIdNumber();
    const r = await profile(token, { name: '王新名', idNumber: newId });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ name: before.name, idNumberMasked: before.idNumberMasked });
    expect(r.body.identityChangePending).toMatchObject({ name: '王新名' });
    expect(r.body.notices.join('')).toContain('工会确认');
    const view = await aid.view(aid.officers.base, id);
    expect([view.applicantName, view.applicantIdNumberMasked]).toEqual([before.name, before.idNumberMasked]);
    expect((await revealOnCase(aid.officers.base, id)).body.value).toBe(submittedId);
    const audit = await stack.db.collection('auditLog').findOne({
      action: 'member.profile_updated',
      entityId: before.id,
      'data.identityChangeWaits': true,
    });
    expect(audit).not.toBeNull();
  });

  it('takes the change once an officer of its subtree confirms it, audited and told, and the case keeps the old identity', async () => {
    const token = await aid.worker();
    const id = await aid.apply(token);
    const memberId = await memberIdOf(token);
    const oldName = (await me(token)).name;
    const submittedId = (await revealOnCase(aid.officers.base, id)).body.value;
    await profile(token, { name: '李改名', idNumber: freshIdNumber() });

    const listed = await stack.call('GET', '/api/members/identity-changes', { token: aid.officers.base });
    expect(listed.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ memberId, name: oldName, newName: '李改名' })]),
    );
    const elsewhere = await stack.call('GET', '/api/members/identity-changes', { token: otherTown });
    expect(elsewhere.body.items.map((i: { memberId: string }) => i.memberId)).not.toContain(memberId);
    const home = await stack.call('GET', '/api/members/officer/home', { token: aid.officers.base });
    expect(home.body.programs.find((p: { key: string }) => p.key === 'identity').pending).toBeGreaterThan(0);

    // another 街道, the worker themself, a worker: none may decide
    expect((await decide(otherTown, memberId, 'confirm')).body.error.code).toBe('NOT_FOUND');
    expect((await decide(token, memberId, 'confirm')).body.error.code).toBe('FORBIDDEN');
    expect((await me(token)).name).toBe(oldName);

    const confirmed = await decide(aid.officers.base, memberId, 'confirm');
    expect(confirmed.status).toBe(200);
    expect((await me(token)).name).toBe('李改名');
    expect((await me(token)).identityChangePending).toBeNull();
    const again = await decide(aid.officers.town, memberId, 'confirm');
    expect([again.status, again.body.error.code]).toEqual([409, 'IDENTITY_CHANGE_NOT_PENDING']);
    expect(
      await stack.db
        .collection('auditLog')
        .countDocuments({ action: 'member.identity_change_confirmed', entityId: memberId }),
    ).toBe(1);
    const told = await stack.call('GET', '/api/notifications', { token });
    expect(told.body.items.map((m: { title: string }) => m.title)).toContain('实名信息修改已确认');
    // the case keeps who applied
    expect((await aid.view(aid.officers.base, id)).applicantName).toBe(oldName);
    expect((await revealOnCase(aid.officers.base, id)).body.value).toBe(submittedId);
  });

  it('keeps the old identity when the officer refuses the change', async () => {
    const token = await aid.worker();
    await aid.apply(token);
    const memberId = await memberIdOf(token);
    const oldName = (await me(token)).name;
    await profile(token, { name: '赵不对' });
    expect((await decide(aid.officers.base, memberId, 'refuse', '姓名与户口本不符')).status).toBe(200);
    expect(await me(token)).toMatchObject({ name: oldName, identityChangePending: null });
    expect(
      await stack.db
        .collection('auditLog')
        .findOne({ action: 'member.identity_change_refused', entityId: memberId }),
    ).toMatchObject({ data: { comment: '姓名与户口本不符' } });
  });

  it('refuses a waiting ID number that another member already has', async () => {
    const taken = freshIdNumber();
    await profile(await aid.worker(), { idNumber: taken });
    const token = await aid.worker();
    await aid.apply(token);
    const r = await profile(token, { idNumber: taken });
    expect([r.status, r.body.error.code]).toEqual([409, 'ID_NUMBER_TAKEN']);
    expect((await me(token)).identityChangePending).toBeNull();
  });
});

describe('a member with only a draft', () => {
  it('changes name and ID number at once, and the case takes them when submitted', async () => {
    const token = await aid.worker();
    const id = await aid.apply(token, {}, false);
    const r = await profile(token, { name: '周草稿' });
    expect([r.body.name, r.body.identityChangePending, r.body.notices]).toEqual(['周草稿', null, []]);
    await aid.step(token, id, 'submit');
    expect((await aid.view(aid.officers.base, id)).applicantName).toBe('周草稿');
  });
});

describe('a change of union', () => {
  it('moves no open case: it stays with the union it was submitted to, and the member is told', async () => {
    const token = await aid.worker();
    const id = await aid.apply(token);
    const r = await profile(token, { name: (await me(token)).name, orgId: 'c1d1t2b1' });
    expect(r.status).toBe(200);
    expect(r.body.orgId).toBe('c1d1t2b1');
    expect(r.body.notices.join('')).toContain('仍由江城机械厂工会办理');
    const stored = await stack.db.collection('aidCases').findOne({ _id: oid(id) });
    expect(stored!.orgPath).toEqual(['c1', 'c1d1', 'c1d1t1', 'c1d1t1b1']);
    const queue = await stack.call('GET', '/api/aid/cases?queue=1', { token: aid.officers.base });
    expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(id);
    const newBase = await officerOf(stack, 'identity-new-base', 'c1d1t2b1');
    expect((await stack.call('GET', `/api/aid/cases/${id}`, { token: newBase })).status).toBe(404);
    const audit = await stack.db.collection('auditLog').findOne({
      action: 'member.profile_updated',
      'data.openCasesKeptAt': 'c1d1t1b1',
    });
    expect(audit).not.toBeNull();
  });
});
