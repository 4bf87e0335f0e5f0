/**
 * Validation at the edge, with the shared validators of src/contracts: a name with a line break
 * or a control character is refused (it would forge lines in lists and logs), a date must be a
 * day that exists, and a home visit cannot have happened after today. Refusals change nothing.
 */
import { todayInChina } from '../../src/contracts/calendar-date';
import { CURRENT_CONSENT_VERSION } from '../../src/contracts/members';
import { startStack, writeCounts, type Stack } from '../support/api-stack';
import { freshIdNumber, registeredWorker, submitAidCaseWith } from '../support/people';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

describe('names', () => {
  it.each([['李秀\n英'], ['李秀\r\n英'], ['李秀\t英'], ['李\u0000秀英'], ['李秀\u001b[2J英']])(
    'refuses the name %j with 400 NAME_INVALID and stores nothing',
    async (name) => {
      const token = await stack.login('name-newline');
      const before = await writeCounts(stack.db);
      const r = await stack.call('PUT', '/api/members/me', {
        token,
        body: {
          name,
          idNumber: freshIdNumber(),
          phone: '13700001111',
          orgId: 'c1d1t1b1',
          consentVersion: CURRENT_CONSENT_VERSION,
        },
      });
      expect([r.status, r.body.error.code]).toEqual([400, 'NAME_INVALID']);
      expect(await writeCounts(stack.db)).toEqual(before);
      expect((await stack.db.collection('members').findOne({ openid: 'name-newline' }))!.name).toBeNull();
    },
  );
});

describe('dates', () => {
  const base = () => stack.login('demo-officer-base');
  const recordVisit = async (id: string, date: string) =>
    stack.call('POST', `/api/aid/cases/${id}/transitions`, {
      token: await base(),
      body: { action: 'record_visit', version: 1, visit: { date, findings: '入户核实，情况属实。' } },
    });

  it.each([['9999-99-99'], ['2026-02-30'], ['2026-13-45'], ['2025-02-29']])(
    'refuses the home-visit date %s, a day that does not exist, and changes nothing',
    async (date) => {
      const id = await submitAidCaseWith(stack, await registeredWorker(stack, `visit-bad-${date}`), []);
      const r = await recordVisit(id, date);
      expect([r.status, r.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(r.body.error.message).toContain('核查日期');
      expect((await stack.db.collection('aidCases').findOne({ _id: id as never }))?.visit ?? null).toBeNull();
    },
  );

  it('refuses a home visit dated tomorrow (in China), and takes one dated today', async () => {
    const id = await submitAidCaseWith(stack, await registeredWorker(stack, 'visit-future'), []);
    const tomorrow = todayInChina(new Date(Date.now() + 86_400_000));
    const future = await recordVisit(id, tomorrow);
    expect([future.status, future.body.error.message]).toEqual([400, '核查日期不能晚于今天']);
    const today = await recordVisit(id, todayInChina());
    expect(today.status).toBe(200);
    expect(today.body.visit.date).toBe(todayInChina());
  });

  it('refuses an officer queue filtered by a day that does not exist, and takes real days', async () => {
    const token = await base();
    for (const q of ['from=2026-13-45', 'to=9999-99-99', 'from=2026-02-30&to=2026-03-01']) {
      const r = await stack.call('GET', `/api/aid/cases?queue=1&${q}`, { token });
      expect([r.status, r.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    const ok = await stack.call('GET', '/api/aid/cases?queue=1&from=2024-02-29&to=2026-11-30', { token });
    expect(ok.status).toBe(200);
  });
});
