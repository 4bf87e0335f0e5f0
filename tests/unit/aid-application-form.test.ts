/** The 困难帮扶 form's own logic (src/packages/aid): blanks, the household's cards, the steps. */
import type { AidCaseView } from '../../src/contracts/aid';
import {
  checkFields,
  EMPTY_FIELDS,
  EMPTY_MEMBER,
  fromCaseView,
  membersForSize,
  toAidForm,
  type MemberRow,
} from '../../src/packages/aid/applicationForm';
import { firstOpenStep, formProblems, LAST_STEP } from '../../src/packages/aid/applicationSteps';

const noBank = { typed: '', saved: false };

describe('the aid application form', () => {
  it('reopens money and household size the server kept blank (null) as blank, not as 0', () => {
    const view = {
      form: {
        householdSize: null,
        annualIncomeFen: null,
        rigidExpenseFen: null,
        mainCause: 'illness',
        secondaryCauses: [],
        description: '',
        householdMembers: [],
        evidenceFileIds: [],
        bankAccountMasked: null,
      },
    } as unknown as AidCaseView;
    const fields = fromCaseView(view);
    expect(fields).toMatchObject({
      householdSize: '',
      incomeYuan: '',
      expenseYuan: '',
      mainCause: 'illness',
    });
    // and nothing is sent back for them, so the server's blanks stay blank
    const sent = toAidForm(fields, '');
    expect(sent.annualIncomeFen).toBeUndefined();
    expect(sent.householdSize).toBeUndefined();
  });

  it('brings back the cards of family members not yet filled in (the server keeps complete ones only)', () => {
    const view = {
      form: { householdSize: 3, householdMembers: [], secondaryCauses: [], evidenceFileIds: [] },
    } as unknown as AidCaseView;
    expect(fromCaseView(view).members).toEqual([EMPTY_MEMBER, EMPTY_MEMBER]);
  });

  it('adds an empty card per family member when the household size is typed', () => {
    expect(membersForSize([], 3)).toEqual([EMPTY_MEMBER, EMPTY_MEMBER]);
    expect(membersForSize([], 1)).toEqual([]);
  });

  it('drops only empty cards when the size goes down, never one filled in', () => {
    const filled: MemberRow = { relation: '丈夫', age: '45', workStatus: 'unable', incomeYuan: '0' };
    expect(membersForSize([filled, { ...EMPTY_MEMBER }], 2)).toEqual([filled]);
    expect(membersForSize([{ ...EMPTY_MEMBER }, filled], 2)).toEqual([{ ...EMPTY_MEMBER }, filled]);
  });

  it('names each missing field with its step and where it is on the page, in the order of the form', () => {
    const problems = formProblems({ ...EMPTY_FIELDS, incomeYuan: '30000' }, noBank);
    expect(problems.map((p) => [p.step, p.label, p.targetId])).toEqual([
      [0, '家庭人口', 'field-household-size-field'],
      [1, '一年的刚性支出', 'field-expense-field'],
      [2, '主要困难原因', 'cause-main-field'],
      [2, '情况说明', 'field-description-field'],
      [LAST_STEP, '银行卡号', 'field-bank-field'],
    ]);
    expect(firstOpenStep(problems)).toBe(0);
  });

  it('points at the first family member with something missing', () => {
    const fields = {
      ...EMPTY_FIELDS,
      householdSize: '3',
      members: [
        { relation: '丈夫', age: '45', workStatus: 'unable' as const, incomeYuan: '0' },
        { ...EMPTY_MEMBER, relation: '儿子' },
      ],
    };
    const members = formProblems(fields, noBank).filter((p) => p.key === 'members');
    expect(members).toEqual([expect.objectContaining({ label: '第 2 位家庭成员', targetId: 'member-1' })]);
  });

  it('opens a complete application on the last step, where 提交 is', () => {
    const complete = {
      householdSize: '1',
      incomeYuan: '3万6',
      expenseYuan: '0',
      mainCause: 'illness' as const,
      secondaryCauses: [],
      description: '丈夫患病住院，家里只有我一份收入。',
      members: [],
      evidenceFileIds: [],
    };
    expect(formProblems(complete, { typed: '', saved: true })).toEqual([]);
    expect(firstOpenStep([])).toBe(LAST_STEP);
    expect(toAidForm(complete, '').annualIncomeFen).toBe(3_600_000);
  });

  it('does not call a bank number too short while it is still being typed, only once the field is left', () => {
    const typing = checkFields(EMPTY_FIELDS, { typed: '6222', saved: false, typing: true }, false);
    expect(typing.problems.bankAccount).toBeUndefined();
    const left = checkFields(EMPTY_FIELDS, { typed: '6222', saved: false, typing: false }, false);
    expect(left.problems.bankAccount).toContain('现在是 4 位');
  });
});
