/**
 * What each aid transition needs and what it leaves behind: the requirements' codes, the patch
 * the repository writes, the history entry the worker reads and the audit entry.
 */
import type { AidStatus } from '../../src/contracts/aid';
import { AppError } from '../../cloud/platform/http/app-error';
import { assertCanRead, canRead, type WorkflowActor } from '../../cloud/core/workflow/actor';
import { applyTransition, availableActions, readOnlyReason } from '../../cloud/core/workflow/engine';
import type { AidCaseSnapshot, AidTransitionInput } from '../../cloud/core/aid/case';
import { aidProgram, QUEUE_STATUSES } from '../../cloud/core/aid/workflow';
import type { Objection } from '../../cloud/core/workflow/table';

const DAY = 86_400_000;
const NOW = new Date('2026-11-24T10:00:00+08:00');
const CASE_PATH = ['c1', 'c1d1', 'c1d1t1', 'c1d1t1b1'];
const officer = (memberId: string, orgId: string, level: WorkflowActor['officerLevel']): WorkflowActor => ({
  memberId,
  roles: ['worker', 'officer'],
  officerOrgId: orgId,
  officerLevel: level,
  officerOrgName: { c1: '江城市总工会', c1d1t1: '东湖街道工会', c1d1t1b1: '江城机械厂工会' }[orgId] ?? orgId,
});
const owner: WorkflowActor = { memberId: 'owner', roles: ['worker'], officerOrgId: null, officerLevel: null };
const stranger: WorkflowActor = { memberId: 'x', roles: ['worker'], officerOrgId: null, officerLevel: null };
const base = officer('b', 'c1d1t1b1', 'base');
const town = officer('t', 'c1d1t1', 'town');
const city = officer('c', 'c1', 'city');
const townElsewhere = officer('t2', 'c1d1t2', 'town');

/** what the approving level fixed: 3 000 元 for the year, nothing paid yet */
const approved3000 = { approvedFen: 300_000, paidFen: 0, defaultFen: null, periodFrom: NOW };
const at = (status: AidStatus, over: Partial<AidCaseSnapshot> = {}): AidCaseSnapshot => ({
  id: 'case1',
  status,
  version: 4,
  ownerId: 'owner',
  orgPath: CASE_PATH,
  returnedFrom: null,
  submitted: status !== 'draft',
  returnAsks: [],
  changedFacts: [],
  amount: ['filed', 'paid', 'closed'].includes(status) ? approved3000 : null,
  category: null,
  visit: null,
  earlierVisits: [],
  publicity: null,
  objections: [],
  payments: [],
  missingFields: [],
  reviewDueAt: null,
  ...over,
});
const objection = (id: string, text: string, objectorId = 'x'): Objection => ({
  id,
  objectorId,
  text,
  fileIds: [],
  at: NOW,
  status: 'open',
});
const visited = { date: '2026-11-20', findings: '属实', officerId: 'b', at: NOW };
const seven = aidProgram({ publicityDays: 7 });

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return 'ok';
}
const run = (
  c: AidCaseSnapshot,
  who: WorkflowActor,
  action: Parameters<typeof applyTransition>[3],
  input: Partial<AidTransitionInput> = {},
  now = NOW,
  program = seven,
) => applyTransition(program, c, who, action as never, { version: c.version, ...input }, now);

describe('requirements of a transition', () => {
  it('refuses to submit an incomplete application and names the missing fields', () => {
    try {
      run(at('draft', { missingFields: ['description'] }), owner, 'submit');
      throw new Error('submitted');
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('AID_INCOMPLETE');
      expect((e as AppError).details).toEqual({ missing: ['description'] });
    }
  });

  it('needs a reason in words to return or reject, not just spaces', () => {
    expect(codeOf(() => run(at('town_review'), town, 'return'))).toBe('COMMENT_REQUIRED');
    expect(codeOf(() => run(at('submitted'), base, 'reject', { comment: '   ' }))).toBe('COMMENT_REQUIRED');
  });

  it('needs a category to approve at 区/市, but one set earlier on the case is enough', () => {
    expect(codeOf(() => run(at('city_approval'), city, 'approve', { amountFen: 300_000 }))).toBe(
      'CATEGORY_REQUIRED',
    );
    const r = run(at('city_approval', { category: 'relative' }), city, 'approve', { amountFen: 300_000 });
    expect(r.patch.category).toBe('relative');
  });

  it('lets 基层 approve only after the home visit is recorded, and needs the visit details to record it', () => {
    expect(codeOf(() => run(at('submitted'), base, 'approve'))).toBe('VISIT_NOT_RECORDED');
    expect(codeOf(() => run(at('submitted'), base, 'record_visit'))).toBe('VISIT_REQUIRED');
    const v = run(at('submitted'), base, 'record_visit', {
      visit: { date: '2026-11-20', findings: ' 属实 ' },
    });
    expect(v.status).toBe('base_review');
    expect(v.patch.visit).toEqual({ date: '2026-11-20', findings: '属实', officerId: 'b', at: NOW });
    expect(run(at('base_review', { visit: visited }), base, 'approve').status).toBe('town_review');
  });

  it('refuses a payment that is not a positive whole number of fen below the ceiling, or of an unknown kind', () => {
    const bigEnough = { ...approved3000, approvedFen: 100_000_000 };
    const pay = (amountFen: number, kind = 'living') =>
      codeOf(() =>
        run(at('filed', { amount: bigEnough }), city, 'record_payment', { payment: { amountFen, kind } }),
      );
    expect(pay(0)).toBe('AMOUNT_INVALID');
    expect(pay(-100)).toBe('AMOUNT_INVALID');
    expect(pay(10.5)).toBe('AMOUNT_INVALID');
    expect(pay(10_000_001)).toBe('AMOUNT_INVALID');
    expect(pay(Number.NaN)).toBe('AMOUNT_INVALID');
    expect(pay(100, 'lottery')).toBe('PAYMENT_KIND_INVALID');
    expect(pay(10_000_000)).toBe('ok');
  });

  it('does not let an officer review their own case', () => {
    const ownerOfficer = officer('owner', 'c1d1t1b1', 'base');
    expect(codeOf(() => run(at('base_review', { visit: visited }), ownerOfficer, 'approve'))).toBe(
      'FORBIDDEN',
    );
    expect(run(at('base_review'), ownerOfficer, 'withdraw').status).toBe('withdrawn');
  });
});

describe('公示 and filing', () => {
  const approved = (program = seven) =>
    run(at('city_approval'), city, 'approve', { category: 'deep', amountFen: 300_000 }, NOW, program).patch
      .publicity!;

  it('opens a 公示 of the configured number of days when 区/市 approves', () => {
    expect(approved()).toEqual({ startsAt: NOW, endsAt: new Date(NOW.getTime() + 7 * DAY) });
  });

  it('files only once the 公示 days have passed: not a second early, exactly at the end yes', () => {
    const pub = at('publicity', { category: 'deep', publicity: approved() });
    const end = pub.publicity!.endsAt.getTime();
    expect(codeOf(() => run(pub, city, 'file', {}, new Date(end - 1000)))).toBe('PUBLICITY_NOT_ENDED');
    const filed = run(pub, city, 'file', {}, new Date(end));
    expect(filed.status).toBe('filed');
    expect(filed.patch.reviewDueAt).toEqual(new Date(end + 365 * DAY)); // 年审 a year later
  });

  it('files at once when the 公示 length is 0 days', () => {
    const zero = aidProgram({ publicityDays: 0 });
    const pub = at('publicity', { publicity: approved(zero) });
    expect(run(pub, city, 'file', {}, NOW, zero).status).toBe('filed');
  });

  it('refuses a negative or fractional 公示 length in the configuration', () => {
    expect(() => aidProgram({ publicityDays: -1 })).toThrow(RangeError);
    expect(() => aidProgram({ publicityDays: 1.5 })).toThrow(RangeError);
  });

  it('holds filing while an objection is open', () => {
    const pub = at('publicity', {
      publicity: { startsAt: NOW, endsAt: NOW },
      objections: [objection('o1', '不实')],
    });
    expect(codeOf(() => run(pub, city, 'file'))).toBe('OBJECTION_OPEN');
  });

  it('takes an objection from any member but the applicant, without showing who objected', () => {
    const pub = at('publicity', { publicity: { startsAt: NOW, endsAt: NOW } });
    const filed = (id: string, text: string, objectorId = 'x') => ({ id, objectorId, text, fileIds: [] });
    const r = run(pub, stranger, 'object', { objection: filed('o1', '该户新买了汽车') });
    expect(r.status).toBe('publicity');
    expect(r.patch.objections).toEqual([objection('o1', '该户新买了汽车')]);
    expect(r.historyEntry).toMatchObject({ actorRole: 'public', orgName: null, level: null });
    expect(codeOf(() => run(pub, owner, 'object', { objection: filed('o2', '我反对', 'owner') }))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(() => run(pub, stranger, 'object', { objection: filed('o3', ' ') }))).toBe(
      'OBJECTION_TEXT_REQUIRED',
    );
  });

  it('sends an objection to the approving level, which upholds it (rejected or returned) or dismisses it', () => {
    const pub = at('publicity', {
      category: 'deep',
      publicity: { startsAt: NOW, endsAt: NOW },
      objections: [objection('o1', '不实')],
    });
    expect(codeOf(() => run(pub, town, 'dismiss_objection', { objectionId: 'o1' }))).toBe('NOT_YOUR_LEVEL');
    expect(codeOf(() => run(pub, city, 'dismiss_objection', { objectionId: 'nope' }))).toBe(
      'OBJECTION_NOT_FOUND',
    );
    const dismissed = run(pub, city, 'dismiss_objection', { objectionId: 'o1' });
    expect(dismissed.status).toBe('publicity');
    expect(dismissed.patch.objections![0].status).toBe('dismissed');

    expect(codeOf(() => run(pub, city, 'uphold_objection', { objectionId: 'o1' }))).toBe('COMMENT_REQUIRED');
    const rejected = run(pub, city, 'uphold_objection', { objectionId: 'o1', comment: '核实有车' });
    expect(rejected.status).toBe('rejected');
    expect(rejected.patch.open).toBe(false);
    const returned = run(pub, city, 'uphold_objection', {
      objectionId: 'o1',
      comment: '请补充车辆情况',
      upholdAs: 'return',
    });
    expect(returned.status).toBe('returned');
    expect(returned.patch).toMatchObject({ returnedFrom: 'city_approval', publicity: null });
  });
});

describe('returning for more material (退回补充)', () => {
  it.each(['submitted', 'base_review', 'town_review', 'city_approval'] as const)(
    'sends a case returned at %s back to that state when the worker resubmits',
    (state) => {
      const reviewer = { submitted: base, base_review: base, town_review: town, city_approval: city }[state];
      const returned = run(at(state, { visit: visited }), reviewer, 'return', { comment: '请补充诊断证明' });
      expect(returned.patch).toMatchObject({ status: 'returned', returnedFrom: state, open: true });
      const again = run(at('returned', { returnedFrom: returned.patch.returnedFrom! }), owner, 'resubmit');
      expect(again.status).toBe(state);
      expect(again.patch.returnedFrom).toBeNull();
    },
  );

  it('refuses a resubmit when the case does not know who returned it', () => {
    expect(codeOf(() => run(at('returned'), owner, 'resubmit'))).toBe('TRANSITION_NOT_ALLOWED');
  });
});

describe('what a transition leaves behind', () => {
  it('bumps the version, records the acting org and level (never the officer), and audits it', () => {
    const r = run(at('town_review'), town, 'approve', { comment: ' 同意 ' });
    expect(r.patch).toMatchObject({ status: 'city_approval', version: 5, open: true, updatedAt: NOW });
    expect(r.historyEntry).toEqual({
      action: 'approve',
      from: 'town_review',
      to: 'city_approval',
      actorId: 't',
      actorRole: 'officer',
      orgId: 'c1d1t1',
      orgName: '东湖街道工会',
      level: 'town',
      comment: '同意',
      at: NOW,
    });
    expect(r.audit).toEqual({
      actorId: 't',
      action: 'aid.approve',
      entity: 'aidCase',
      entityId: 'case1',
      orgPath: CASE_PATH,
      data: { from: 'town_review', to: 'city_approval', version: 5, comment: '同意' },
    });
  });

  it('appends a payment and puts its amount in the audit entry', () => {
    const earlier = { amountFen: 100_000, kind: 'living', at: NOW, officerId: 'c' };
    const r = run(
      at('paid', { payments: [earlier], amount: { ...approved3000, paidFen: 100_000 } }),
      city,
      'record_payment',
      {
        payment: { amountFen: 50_000, kind: 'summer' },
      },
    );
    expect(r.patch.payments).toEqual([
      earlier,
      { amountFen: 50_000, kind: 'summer', at: NOW, officerId: 'c' },
    ]);
    expect(r.audit.data).toMatchObject({ amountFen: 50_000, kind: 'summer' });
  });

  it('records the worker own steps without an org', () => {
    expect(run(at('draft'), owner, 'submit').historyEntry).toMatchObject({
      actorRole: 'worker',
      orgId: null,
      level: null,
    });
  });

  it('leaves the case snapshot it was given untouched', () => {
    const c = at('publicity', {
      objections: [objection('o1', '不实')],
    });
    const copy = structuredClone(c);
    run(c, city, 'dismiss_objection', { objectionId: 'o1' });
    expect(c).toEqual(copy);
  });
});

describe('reading and the actions offered', () => {
  it('lets the owner and officers of the subtree read, and nobody else', () => {
    const c = at('town_review');
    expect([owner, base, town, city].map((a) => canRead(a, c))).toEqual([true, true, true, true]);
    expect([stranger, townElsewhere].map((a) => canRead(a, c))).toEqual([false, false]);
    expect(codeOf(() => assertCanRead(stranger, c))).toBe('NOT_FOUND');
    // an officer of another subtree hears what a missing case would say
    expect(codeOf(() => assertCanRead(townElsewhere, c))).toBe('NOT_FOUND');
  });

  it('offers each caller only the actions of their level, and tells another level why it is read-only', () => {
    const c = at('submitted');
    expect(availableActions(seven, c, base).sort()).toEqual([
      'approve',
      'record_visit',
      'reject',
      'return',
      'set_category',
    ]);
    expect(availableActions(seven, c, owner)).toEqual(['withdraw']);
    expect(availableActions(seven, c, town)).toEqual([]);
    expect(readOnlyReason(seven, c, town)).toBe('这份申请现在由基层工会办理，您只能查看');
    expect(readOnlyReason(seven, c, base)).toBeNull();
    expect(readOnlyReason(seven, at('rejected'), city)).toBe('这份申请已办结，您只能查看');
  });

  it('leaves the objection out of the actions offered, since it has its own entry point', () => {
    expect(availableActions(seven, at('publicity'), stranger)).toEqual([]);
    expect(availableActions(seven, at('publicity'), stranger, { includePublic: true })).toEqual(['object']);
  });

  it('puts each review state in exactly one level queue', () => {
    expect(QUEUE_STATUSES).toEqual({
      base: ['submitted', 'base_review'],
      town: ['town_review'],
      approver: ['city_approval', 'publicity', 'filed'],
    });
  });
});
