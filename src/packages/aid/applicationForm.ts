/**
 * The 困难帮扶 application as the worker types it, and how it becomes the API's AidForm.
 *  - Fields are kept as typed text (yuan with 角/分, ages) so nothing typed is lost or
 *    reformatted; `toAidForm` converts the valid ones (yuan → integer fen with yuanToFen) and
 *    leaves out the ones with a problem, which are said in words next to their field.
 *  - A blank field stays blank: the server keeps a field not yet filled in as null, and that
 *    comes back as an empty box, never as 0 (an income of 0 the worker never typed).
 *  - The household size and the family members' cards go together: a size typed adds the empty
 *    cards it needs, adding or removing a card changes the size (membersForSize).
 *  - "Complete" is what the cloud needs to accept `submit` plus what an officer needs to
 *    review without sending it back: household members for everyone besides the applicant and
 *    a bank account. Evidence photos are asked for but not required (an officer may ask later).
 */
import {
  AidFormSchema,
  WORK_STATUSES,
  type AidForm,
  type AidCaseView,
  type HardshipCause,
} from '../../contracts/aid';
import { parseYuan, yuanProblem } from '../../services/money';

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

/** A small whole number as typed: "3", "3人", "45岁". */
export function parseInt10(text: string): number | null | 'bad' {
  const t = text.trim().replace(/\s*[岁人口]$/, '');
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
  else if (income === 'bad') p.incomeYuan = yuanProblem(m.incomeYuan);
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
export interface BankEntry {
  /** the account as typed (plain digits) */
  typed: string;
  /** one is saved already (shown masked) */
  saved: boolean;
  /** the worker is still typing it: a number too short is not yet a problem */
  typing?: boolean;
}

export function checkFields(
  f: ApplicationFields,
  bank: BankEntry,
  required: boolean,
): { problems: FieldProblems; members: MemberProblems } {
  const problems: FieldProblems = {};
  const size = parseInt10(f.householdSize);
  if (size === 'bad' || (typeof size === 'number' && (size < 1 || size > 20)))
    problems.householdSize = '家庭人口请填 1 到 20 的整数（包括您本人）';
  else if (size === null && required) problems.householdSize = '请填写家庭人口';

  for (const key of ['incomeYuan', 'expenseYuan'] as const) {
    const v = parseYuan(f[key]);
    if (v === 'bad') problems[key] = yuanProblem(f[key]);
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
  if (typed && !/^\d{12,19}$/.test(typed) && (required || !bank.typing))
    problems.bankAccount = `银行卡号应为 12 到 19 位数字（现在是 ${typed.length} 位）`;
  else if (!typed && !bank.saved && required)
    problems.bankAccount = '请填写您本人的银行卡号，帮扶金会打到这张卡上';

  return { problems, members };
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

/** The server's copy of the case, back into typed text; a field not filled in (null) is blank. */
export function fromCaseView(c: AidCaseView): ApplicationFields {
  const yuan = (fen: number | null | undefined) => (fen == null ? '' : String(fen / 100));
  const form = c.form;
  const members = (form.householdMembers ?? []).map((m) => ({
    relation: m.relation,
    age: String(m.age),
    workStatus: m.workStatus,
    incomeYuan: yuan(m.annualIncomeFen),
  }));
  return {
    householdSize: form.householdSize == null ? '' : String(form.householdSize),
    incomeYuan: yuan(form.annualIncomeFen),
    expenseYuan: yuan(form.rigidExpenseFen),
    mainCause: form.mainCause ?? '',
    secondaryCauses: form.secondaryCauses ?? [],
    description: form.description ?? '',
    // the cards not yet filled in (the server keeps only complete ones) are there again
    members: form.householdSize == null ? members : membersForSize(members, form.householdSize),
    evidenceFileIds: form.evidenceFileIds ?? [],
  };
}

const isEmptyMember = (m: MemberRow) =>
  !m.relation.trim() && !m.age.trim() && !m.workStatus && !m.incomeYuan.trim();

/**
 * The family members' cards for a household of `size` (the applicant and size − 1 others): empty
 * cards are added up to that number; extra cards go only while they are empty at the end, so a
 * card the worker filled in is never dropped by a typo in the size (the mismatch is said instead).
 */
export function membersForSize(members: MemberRow[], size: number): MemberRow[] {
  const want = Math.max(0, size - 1);
  const out = [...members];
  while (out.length < want) out.push({ ...EMPTY_MEMBER });
  while (out.length > want && isEmptyMember(out[out.length - 1])) out.pop();
  return out;
}
