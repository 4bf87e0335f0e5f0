/**
 * What the case view offers each caller on an aid case (cloud/core/workflow/offers.ts): the
 * actions open to them now, each with what it needs (from the table's requirements and what the
 * rule accepts) and what on the case still holds it, in the program's words.
 */
import { ObjectId } from 'mongodb';
import type { AidStatus } from '../../src/contracts/aid';
import type { ActionOffer } from '../../src/contracts/workflow';
import type { WorkflowActor } from '../../cloud/core/workflow/actor';
import { offersFor } from '../../cloud/core/workflow/offers';
import { caseViewKit } from '../../cloud/core/workflow/case-view';
import type { CaseDocBase } from '../../cloud/core/workflow/case-store';
import type { AidCaseSnapshot } from '../../cloud/core/aid/case';
import { aidProgram } from '../../cloud/core/aid/workflow';

const NOW = new Date('2026-11-24T10:00:00+08:00');
const program = aidProgram({ publicityDays: 7 });
const officer = (memberId: string, officerOrgId: string, officerLevel: WorkflowActor['officerLevel']) =>
  ({ memberId, roles: ['worker', 'officer'], officerOrgId, officerLevel }) satisfies WorkflowActor;
const owner: WorkflowActor = { memberId: 'owner', roles: ['worker'], officerOrgId: null, officerLevel: null };
const [base, town, city] = [
  officer('b', 'c1d1t1b1', 'base'),
  officer('t', 'c1d1t1', 'town'),
  officer('c', 'c1', 'city'),
];

/** A case of `owner` in 江城机械厂工会, nothing decided yet. */
const NOTHING_YET = {
  returnedFrom: null,
  category: null,
  visit: null,
  publicity: null,
  reviewDueAt: null,
  returnAsks: [],
  changedFacts: [],
};
const NONE = { objections: [], payments: [], missingFields: [], earlierVisits: [] };
const at = (status: AidStatus, over: Partial<AidCaseSnapshot> = {}): AidCaseSnapshot => {
  const orgPath = ['c1', 'c1d1', 'c1d1t1', 'c1d1t1b1'];
  const amount = ['filed', 'paid'].includes(status)
    ? { approvedFen: 300_000, paidFen: 0, defaultFen: null, periodFrom: NOW }
    : null;
  const submitted = status !== 'draft';
  return {
    id: 'case1',
    status,
    version: 4,
    ownerId: 'owner',
    orgPath,
    submitted,
    amount,
    ...NOTHING_YET,
    ...NONE,
    ...over,
  };
};
/** the stored case as far as the kit's view reads it: nothing changed or approved yet */
const doc = {
  _id: new ObjectId(),
  version: 3,
  applicantName: '李秀英',
  orgName: '江城机械厂工会',
  history: [],
  changes: [],
  unsubmitted: null,
  approvedAmount: null,
  paidFen: 0,
} as unknown as CaseDocBase;

const offers = (c: AidCaseSnapshot, who: WorkflowActor) => offersFor(program, c, who, NOW);
const offer = (c: AidCaseSnapshot, who: WorkflowActor, action: string): ActionOffer => {
  const found = offers(c, who).find((o) => o.action === action);
  if (!found) throw new Error(`${action} is not offered`);
  return found;
};
const needsOf = (o: ActionOffer) => o.needs.map((n) => `${n.need}${n.required ? '!' : '?'}`);

describe('the actions a case view offers', () => {
  it('offers the 基层 officer its actions in the table order, each named as its level says it', () => {
    expect(offers(at('submitted'), base).map((o) => [o.action, o.label, o.by])).toEqual([
      ['record_visit', '记录入户核查', 'officer'],
      ['approve', '初审通过', 'officer'],
      ['return', '退回补充', 'officer'],
      ['reject', '不予通过', 'officer'],
      ['set_category', '确定困难类别', 'officer'],
    ]);
    expect(offer(at('town_review'), town, 'approve').label).toBe('审核通过');
    expect(offer(at('city_approval'), city, 'approve').label).toBe('审批通过');
  });

  it('says the 基层 approval is held until the home visit is recorded, and opens it once it is', () => {
    expect(offer(at('submitted'), base, 'approve').blockedBy).toEqual([
      { code: 'VISIT_NOT_RECORDED', message: '请先记录入户核查，再审核通过' },
    ]);
    expect(offer(at('submitted'), base, 'record_visit').blockedBy).toEqual([]);
    const visited = at('base_review', {
      visit: { date: '2026-11-20', findings: '属实', officerId: 'b', at: NOW },
    });
    expect(offer(visited, base, 'approve').blockedBy).toEqual([]);
  });

  it("starts a visit's date at today in China by the cloud's clock, the latest date it takes", () => {
    const visit = (now: Date) =>
      offersFor(program, at('submitted'), base, now)
        .find((o) => o.action === 'record_visit')!
        .needs.find((n) => n.need === 'visit')!;
    expect(visit(NOW).preset).toBe('2026-11-24');
    // 01:00 in Beijing is still the day before in UTC: the China day counts
    expect(visit(new Date('2026-11-30T17:00:00Z')).preset).toBe('2026-12-01');
  });

  it('lists what each action needs from the caller, required or optional, from the table', () => {
    expect(needsOf(offer(at('submitted'), base, 'record_visit'))).toEqual(['visit!']);
    expect(needsOf(offer(at('submitted'), base, 'approve'))).toEqual(['category?', 'comment?']);
    expect(needsOf(offer(at('submitted'), base, 'return'))).toEqual(['comment!', 'facts?']);
    expect(needsOf(offer(at('submitted'), base, 'set_category'))).toEqual(['category!']);
    // the approving level fixes the yearly amount (aid has no amount table: it must be given)
    expect(needsOf(offer(at('city_approval'), city, 'approve'))).toEqual([
      'category!',
      'amount!',
      'comment?',
    ]);
    expect(needsOf(offer(at('filed'), city, 'record_payment'))).toEqual(['amount!', 'paymentKind!']);
    expect(needsOf(offer(at('publicity'), city, 'uphold_objection'))).toEqual(['objection!', 'comment!']);
  });

  it('asks a return for the facts it wants changed only in a program that declares its facts', () => {
    const withoutFacts = { ...program, facts: undefined };
    const returning = offersFor(withoutFacts, at('submitted'), base, NOW).find((o) => o.action === 'return')!;
    expect(needsOf(returning)).toEqual(['comment!']);
  });

  it('words a need as the action asks for it, and gives a choice its options', () => {
    const reason = offer(at('town_review'), town, 'return').needs[0];
    expect(reason).toMatchObject({ label: '要职工补充什么（职工会看到）', missing: '请写明要职工补充什么' });
    expect(offer(at('town_review'), town, 'approve').needs.map((n) => n.label)).toEqual([
      '困难类别（可以先不定）',
      '意见（可以不填）',
    ]);
    const kind = offer(at('filed'), city, 'record_payment').needs[1];
    expect(kind.options).toEqual(expect.arrayContaining([{ value: 'living', label: '生活救助' }]));
  });

  it('holds filing while the 公示 runs or an objection is open, saying which', () => {
    const running = at('publicity', { publicity: { startsAt: NOW, endsAt: new Date(NOW.getTime() + 1000) } });
    expect(offer(running, city, 'file').blockedBy.map((b) => b.code)).toEqual(['PUBLICITY_NOT_ENDED']);
    const objected = at('publicity', {
      publicity: { startsAt: NOW, endsAt: NOW },
      objections: [
        { id: 'o1', objectorId: 'x', text: '不实', fileIds: [], at: NOW, status: 'open' as const },
      ],
    });
    expect(offer(objected, city, 'file').blockedBy.map((b) => b.message)).toEqual([
      '还有未处理的异议，请先处理',
    ]);
  });

  it('offers the worker their own steps and no officer action, and an officer of another level nothing', () => {
    expect(offers(at('submitted'), owner).map((o) => [o.action, o.by])).toEqual([['withdraw', 'worker']]);
    expect(offers(at('submitted'), town)).toEqual([]);
  });

  it('takes the value to start from and a hint from the program view', () => {
    const o = offersFor(program, at('city_approval'), city, NOW, {
      category: { preset: 'deep', hint: '系统初步判断：深度困难' },
    }).find((x) => x.action === 'approve')!;
    expect(o.needs[0]).toMatchObject({ need: 'category', preset: 'deep', hint: '系统初步判断：深度困难' });
  });
});

describe('the kit part of a case view', () => {
  it('lets the owner edit a draft or a returned case, and nobody else', () => {
    const kit = (status: AidStatus, who: WorkflowActor) =>
      caseViewKit(program, { case: at(status), doc }, who, NOW).editable;
    expect(kit('draft', owner)).toBe(true);
    expect(kit('returned', owner)).toBe(true);
    expect(kit('submitted', owner)).toBe(false);
    expect(kit('returned', base)).toBe(false);
  });

  it('sends the normal path with the worker-facing names of its steps', () => {
    const { timeline, statusText, nextStep } = caseViewKit(
      program,
      { case: at('town_review'), doc },
      owner,
      NOW,
    );
    expect(timeline.map((t) => t.status).join(' → ')).toBe(
      'submitted → base_review → town_review → city_approval → publicity → filed → paid',
    );
    expect(timeline[1].label).toBe('基层工会初审（入户核查）');
    expect(statusText).toBe('街道/镇工会审核中');
    expect(nextStep).toContain('区/市总工会审批');
  });
});
