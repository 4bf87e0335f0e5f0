import {
  CreateAidCaseSchema,
  HouseholdMemberSchema,
  PaymentSchema,
  TransitionSchema,
  UpdateDraftSchema,
} from '../../src/contracts/aid';
import { isValidPaymentFen, isValidYearlyFen } from '../../cloud/core/aid/amount';

const application = {
  householdSize: 3,
  annualIncomeFen: 3_000_000,
  rigidExpenseFen: 600_000,
  mainCause: 'illness',
  description: '丈夫患病住院',
  submit: true,
};
const ok = (schema: { safeParse: (v: unknown) => { success: boolean } }, value: unknown) =>
  schema.safeParse(value).success;

describe('the application body', () => {
  it('accepts a complete application with household members', () => {
    expect(
      ok(CreateAidCaseSchema, {
        ...application,
        secondaryCauses: ['schooling'],
        householdMembers: [{ relation: '配偶', age: 45, workStatus: 'unable', annualIncomeFen: 0 }],
        bankAccount: '6222021234567890123',
      }),
    ).toBe(true);
  });

  it.each([
    ['negative', -1],
    ['fractional fen', 100.5],
    ['absurd', 10_000_000_001],
    ['not a number', '3000000'],
    ['infinite', Number.POSITIVE_INFINITY],
  ])('refuses a %s income', (_label, annualIncomeFen) => {
    expect(ok(CreateAidCaseSchema, { ...application, annualIncomeFen })).toBe(false);
  });

  it('refuses a negative or fractional 刚性支出 and a household member with a bad income', () => {
    expect(ok(CreateAidCaseSchema, { ...application, rigidExpenseFen: -5 })).toBe(false);
    expect(ok(CreateAidCaseSchema, { ...application, rigidExpenseFen: 0.1 })).toBe(false);
    expect(
      ok(HouseholdMemberSchema, { relation: '子女', age: 12, workStatus: 'student', annualIncomeFen: -1 }),
    ).toBe(false);
  });

  it('refuses fields it does not know, here and in household members', () => {
    expect(ok(CreateAidCaseSchema, { ...application, status: 'filed' })).toBe(false);
    expect(
      ok(HouseholdMemberSchema, {
        relation: '子女',
        age: 12,
        workStatus: 'student',
        annualIncomeFen: 0,
        idNumber: 'x',
      }),
    ).toBe(false);
  });

  it('refuses an unknown cause and a household of nobody', () => {
    expect(ok(CreateAidCaseSchema, { ...application, mainCause: 'gambling' })).toBe(false);
    expect(ok(CreateAidCaseSchema, { ...application, householdSize: 0 })).toBe(false);
  });

  it('lets a draft be saved incomplete, with its version', () => {
    expect(ok(CreateAidCaseSchema, { description: '先存草稿', submit: false })).toBe(true);
    expect(ok(UpdateDraftSchema, { householdSize: 2, version: 3 })).toBe(true);
    expect(ok(UpdateDraftSchema, { householdSize: 2 })).toBe(false);
  });
});

describe('the payment body', () => {
  it.each([
    ['zero', 0],
    ['negative', -100],
    ['fractional fen', 10.5],
    ['absurd', 10_000_001],
    ['not a number', Number.NaN],
  ])('refuses a %s amount', (_label, amountFen) => {
    expect(ok(PaymentSchema, { amountFen, kind: 'living', version: 5 })).toBe(false);
    expect(isValidPaymentFen(amountFen)).toBe(false);
  });

  it('accepts whole fen up to 10 万元 of a known kind, and nothing else', () => {
    expect(ok(PaymentSchema, { amountFen: 10_000_000, kind: 'spring_festival', version: 5 })).toBe(true);
    expect(isValidPaymentFen(1)).toBe(true);
    expect(ok(PaymentSchema, { amountFen: 100, kind: 'bonus', version: 5 })).toBe(false);
    expect(ok(PaymentSchema, { amountFen: 100, kind: 'living', version: 5, note: 'x' })).toBe(false);
    expect(ok(PaymentSchema, { amountFen: 100, kind: 'living' })).toBe(false);
  });

  it('treats zero as a valid yearly income but not a negative or absurd one', () => {
    expect(isValidYearlyFen(0)).toBe(true);
    expect(isValidYearlyFen(-1)).toBe(false);
    expect(isValidYearlyFen(10_000_000_001)).toBe(false);
  });
});

describe('the transition body', () => {
  it('accepts the issue actions with the version the officer saw', () => {
    for (const action of ['approve', 'return', 'reject', 'withdraw', 'resubmit']) {
      expect(ok(TransitionSchema, { action, version: 2, comment: '意见' })).toBe(true);
    }
    expect(ok(TransitionSchema, { action: 'set_category', version: 2, category: 'relative' })).toBe(true);
  });

  it('refuses an unknown action or category, a missing or fractional version, and unknown fields', () => {
    expect(ok(TransitionSchema, { action: 'approve_all', version: 2 })).toBe(false);
    expect(ok(TransitionSchema, { action: 'approve', version: 2, category: 'rich' })).toBe(false);
    expect(ok(TransitionSchema, { action: 'approve' })).toBe(false);
    expect(ok(TransitionSchema, { action: 'approve', version: 1.5 })).toBe(false);
    expect(ok(TransitionSchema, { action: 'approve', version: 2, status: 'paid' })).toBe(false);
  });

  it('takes payments only through their own body, not as a transition', () => {
    expect(ok(TransitionSchema, { action: 'record_payment', version: 2 })).toBe(false);
  });
});
