/**
 * The 困难帮扶 application as the worker types it, and how it becomes the API's AidForm.
 *  - Fields are kept as typed text (yuan with 角/分, ages) so nothing typed is lost or
 *    reformatted; `toAidForm` converts the valid ones (yuan → integer fen with yuanToFen) and
 *    leaves out the ones with a problem, which are said in words next to their field.
 *  - The local copy (Taro storage, written on every change) lets the draft survive the app
 *    being closed before the server copy is saved. The bank account is never written to
 *    storage: it goes to the server (encrypted there) and comes back masked.
 *  - "Complete" is what the cloud needs to accept `submit` plus what an officer needs to
 *    review without sending it back: household members for everyone besides the applicant and
 *    a bank account. Evidence photos are asked for but not required (an officer may ask later).
 */
import Taro from '@tarojs/taro';
import {
  AidFormSchema,
  WORK_STATUSES,
  type AidForm,
  type AidCaseView,
  type HardshipCause,
} from '../../contracts/aid';
import { parseYuan, YUAN_PROBLEM } from '../../services/money';

export type WorkStatus = (typeof WORK_STATUSES)[number];

export interface MemberRow {
  relation: string;
  age: string;
  workStatus: WorkStatus | '';
  incomeYuan: string;
}

export interface ApplicationFields {
  householdSize: string;
  incomeYuan: string;
  expenseYuan: string;
  mainCause: HardshipCause | '';
  secondaryCauses: HardshipCause[];
  description: string;
  members: MemberRow[];
  evidenceFileIds: string[];
}

export const EMPTY_FIELDS: ApplicationFields = {
  householdSize: '',
  incomeYuan: '',
  expenseYuan: '',
  mainCause: '',
  secondaryCauses: [],
  description: '',
  members: [],
  evidenceFileIds: [],
};

export const EMPTY_MEMBER: MemberRow = { relation: '', age: '', workStatus: '', incomeYuan: '' };

export const DESCRIPTION_MIN = 10;

// ---- parsing what was typed -------------------------------------------------------------

function parseInt10(text: string): number | null | 'bad' {
  const t = text.trim();
  if (t === '') return null;
  if (!/^\d{1,3}$/.test(t)) return 'bad';
  return Number(t);
}

export type FieldKey =
  | 'householdSize'
  | 'incomeYuan'
  | 'expenseYuan'
  | 'mainCause'
  | 'description'
  | 'members'
  | 'bankAccount';

export type FieldProblems = Partial<Record<FieldKey, string>>;
export type MemberProblems = Partial<Record<keyof MemberRow, string>>[];

function memberProblems(m: MemberRow): Partial<Record<keyof MemberRow, string>> {
  const p: Partial<Record<keyof MemberRow, string>> = {};
  const age = parseInt10(m.age);
  const income = parseYuan(m.incomeYuan);
  if (!m.relation.trim()) p.relation = '请填写与您的关系，例如 妻子、儿子';
  if (age === null) p.age = '请填写年龄';
  else if (age === 'bad' || age > 120) p.age = '年龄请填 0 到 120 的整数';
  if (!m.workStatus) p.workStatus = '请选择工作情况';
  if (income === null) p.incomeYuan = '请填写一年的收入，没有收入填 0';
  else if (income === 'bad') p.incomeYuan = YUAN_PROBLEM;
  return p;
}

export function toMember(m: MemberRow) {
  return {
    relation: m.relation.trim(),
    age: Number(m.age),
    workStatus: m.workStatus as WorkStatus,
    annualIncomeFen: parseYuan(m.incomeYuan) as number,
  };
}

/**
 * Problems with what has been typed so far. `required` adds the "please fill in" ones (shown
 * once the worker asks to submit); without it only wrong values are reported, at once.
 */
export function checkFields(
  f: ApplicationFields,
  bank: { typed: string; saved: boolean },
  required: boolean,
): { problems: FieldProblems; members: MemberProblems } {
  const problems: FieldProblems = {};
  const size = parseInt10(f.householdSize);
  if (size === 'bad' || (typeof size === 'number' && (size < 1 || size > 20)))
    problems.householdSize = '家庭人口请填 1 到 20 的整数（包括您本人）';
  else if (size === null && required) problems.householdSize = '请填写家庭人口';

  for (const key of ['incomeYuan', 'expenseYuan'] as const) {
    const v = parseYuan(f[key]);
    if (v === 'bad') problems[key] = YUAN_PROBLEM;
    else if (v === null && required)
      problems[key] = key === 'incomeYuan' ? '请填写全家一年的收入，没有收入填 0' : '没有这类支出请填 0';
  }
  if (!f.mainCause && required) problems.mainCause = '请选择主要的困难原因';

  const desc = f.description.trim();
  if (desc.length > 2000) problems.description = '情况说明请不超过 2000 字';
  else if (required && desc.length < DESCRIPTION_MIN)
    problems.description = `请用几句话说明家里的困难情况（至少 ${DESCRIPTION_MIN} 个字）`;

  const members = f.members.map((m) => {
    const p = memberProblems(m);
    if (required) return p;
    // while typing, only wrong values count, not empty ones
    const typedWrong: typeof p = {};
    if (m.age.trim() && p.age) typedWrong.age = p.age;
    if (m.incomeYuan.trim() && p.incomeYuan) typedWrong.incomeYuan = p.incomeYuan;
    return typedWrong;
  });
  if (typeof size === 'number' && size >= 1 && size <= 20 && required && f.members.length !== size - 1) {
    problems.members =
      size === 1
        ? '家庭人口是 1 人时，不用填家庭成员，请删掉多出的成员'
        : `家庭人口是 ${size} 人，除您本人外请填 ${size - 1} 位家庭成员（现在填了 ${f.members.length} 位）`;
  }

  const typed = bank.typed.trim();
  if (typed && !/^\d{12,19}$/.test(typed)) problems.bankAccount = '银行卡号应为 12 到 19 位数字';
  else if (!typed && !bank.saved && required)
    problems.bankAccount = '请填写您本人的银行卡号，帮扶金会打到这张卡上';

  return { problems, members };
}

/** What is still missing, in words, for the line under the submit button. */
export function missingText(f: ApplicationFields, bank: { typed: string; saved: boolean }): string[] {
  const { problems, members } = checkFields(f, bank, true);
  const names: Record<FieldKey, string> = {
    householdSize: '家庭人口',
    incomeYuan: '家庭年收入',
    expenseYuan: '刚性支出',
    mainCause: '主要困难原因',
    description: '情况说明',
    members: '家庭成员',
    bankAccount: '银行卡号',
  };
  const out = (Object.keys(problems) as FieldKey[]).map((k) => names[k]);
  if (!problems.members && members.some((m) => Object.keys(m).length > 0)) out.push('家庭成员');
  return out;
}

/**
 * The valid part of the form, for the server: a field with a problem is left out (the server
 * keeps what it had), so an auto-save never fails on a half-typed value.
 */
export function toAidForm(f: ApplicationFields, bankTyped: string): AidForm {
  const { problems, members } = checkFields(f, { typed: bankTyped, saved: true }, false);
  const out: AidForm = {};
  const size = parseInt10(f.householdSize);
  if (typeof size === 'number' && !problems.householdSize) out.householdSize = size;
  const income = parseYuan(f.incomeYuan);
  if (typeof income === 'number') out.annualIncomeFen = income;
  const expense = parseYuan(f.expenseYuan);
  if (typeof expense === 'number') out.rigidExpenseFen = expense;
  if (f.mainCause) out.mainCause = f.mainCause;
  out.secondaryCauses = f.secondaryCauses.filter((c) => c !== f.mainCause);
  if (f.description.trim().length <= 2000) out.description = f.description.trim();
  // members go as a whole list once every row is filled in and right
  const allRows = f.members.every((m, i) => Object.keys(memberProblems(m)).length === 0 && !members[i]?.age);
  if (allRows) out.householdMembers = f.members.map(toMember);
  out.evidenceFileIds = f.evidenceFileIds;
  if (bankTyped && !problems.bankAccount) out.bankAccount = bankTyped.trim();
  // the shared schema has the last word on what may be sent
  const parsed = AidFormSchema.safeParse(out);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) delete (out as Record<string, unknown>)[String(issue.path[0])];
  return out;
}

/** The server's copy of the case, back into typed text. */
export function fromCaseView(c: AidCaseView): ApplicationFields {
  const yuan = (fen: number | undefined) => (fen === undefined ? '' : String(fen / 100));
  const form = c.form;
  return {
    householdSize: form.householdSize === undefined ? '' : String(form.householdSize),
    incomeYuan: yuan(form.annualIncomeFen),
    expenseYuan: yuan(form.rigidExpenseFen),
    mainCause: form.mainCause ?? '',
    secondaryCauses: form.secondaryCauses ?? [],
    description: form.description ?? '',
    members: (form.householdMembers ?? []).map((m) => ({
      relation: m.relation,
      age: String(m.age),
      workStatus: m.workStatus,
      incomeYuan: yuan(m.annualIncomeFen),
    })),
    evidenceFileIds: form.evidenceFileIds ?? [],
  };
}

// ---- the local copy -----------------------------------------------------------------------

export interface LocalDraft {
  /** the server's case once it exists */
  caseId: string | null;
  version: number | null;
  fields: ApplicationFields;
  /** changes not yet on the server */
  dirty: boolean;
  updatedAt: string;
}

const draftKey = (memberId: string) => `aid.draft.${memberId}`;

export function readLocalDraft(memberId: string): LocalDraft | null {
  try {
    const d = Taro.getStorageSync(draftKey(memberId)) as LocalDraft | '';
    if (!d || typeof d !== 'object' || !d.fields) return null;
    return { ...d, fields: { ...EMPTY_FIELDS, ...d.fields } };
  } catch {
    return null;
  }
}

export function writeLocalDraft(memberId: string, draft: LocalDraft): void {
  try {
    Taro.setStorageSync(draftKey(memberId), draft);
  } catch {
    // storage full or unavailable: the server copy still gets saved
  }
}

export function clearLocalDraft(memberId: string): void {
  try {
    Taro.removeStorageSync(draftKey(memberId));
  } catch {
    // nothing to clear
  }
}
