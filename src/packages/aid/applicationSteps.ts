/**
 * The 困难帮扶 form in five short steps, in the order a worker thinks about it: family, money,
 * why, proof, where to pay (and submit). Each step lists the fields it holds, so 下一步 checks only
 * that step, and a problem found on submit names its step and the element to bring into view.
 */
import type { ProblemLink } from '../../components/ProblemSummary';
import { checkFields, type ApplicationFields, type BankEntry, type FieldKey } from './applicationForm';

export interface AidStep {
  /** on the step bar */
  label: string;
  /** in the heading */
  title: string;
  fields: readonly FieldKey[];
}

export const AID_STEPS: readonly AidStep[] = [
  { label: '家庭', title: '家庭情况', fields: ['householdSize', 'members'] },
  { label: '收入', title: '收入和支出', fields: ['incomeYuan', 'expenseYuan'] },
  { label: '原因', title: '困难原因', fields: ['mainCause', 'description'] },
  { label: '照片', title: '证明材料照片', fields: [] },
  { label: '银行卡', title: '收款银行卡，然后提交', fields: ['bankAccount'] },
];

export const LAST_STEP = AID_STEPS.length - 1;

export const FIELD_NAME: Record<FieldKey, string> = {
  householdSize: '家庭人口',
  members: '家庭成员',
  incomeYuan: '全家一年的收入',
  expenseYuan: '一年的刚性支出',
  mainCause: '主要困难原因',
  description: '情况说明',
  bankAccount: '银行卡号',
};

/** The element that holds each field (its label included), to scroll to. */
export const FIELD_TARGET: Record<FieldKey, string> = {
  householdSize: 'field-household-size-field',
  members: 'household-members',
  incomeYuan: 'field-income-field',
  expenseYuan: 'field-expense-field',
  mainCause: 'cause-main-field',
  description: 'field-description-field',
  bankAccount: 'field-bank-field',
};

export interface FormProblem extends ProblemLink {
  step: number;
  key: FieldKey;
}

/** Everything that stops a submit, in the order of the form, each with its step. */
export function formProblems(f: ApplicationFields, bank: BankEntry): FormProblem[] {
  const { problems, members } = checkFields(f, bank, true);
  const out: FormProblem[] = [];
  AID_STEPS.forEach((s, step) => {
    for (const key of s.fields) {
      if (problems[key]) {
        out.push({ key, step, label: FIELD_NAME[key], targetId: FIELD_TARGET[key] });
      } else if (key === 'members') {
        const i = members.findIndex((m) => Object.keys(m).length > 0);
        if (i >= 0) out.push({ key, step, label: `第 ${i + 1} 位家庭成员`, targetId: `member-${i}` });
      }
    }
  });
  return out;
}

/** The step to open on: the first with something to fill in, else the last (where 提交 is). */
export function firstOpenStep(problems: readonly FormProblem[]): number {
  return problems.length ? problems[0].step : LAST_STEP;
}
