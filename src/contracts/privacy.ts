/**
 * Revealing a full personal value (an ID number, a bank account) is a read of sensitive data
 * (PIPL): an officer says why (a purpose from a short list, and words of their own) and which
 * case it serves; each reveal is audited and counted against an hourly limit, and the officers of
 * an org can read who revealed whose value, when and why (the reveal report).
 */
import * as z from 'zod/mini';

export const REVEAL_PURPOSES = ['verify_identity', 'home_visit', 'payment', 'objection', 'other'] as const;
export type RevealPurpose = (typeof REVEAL_PURPOSES)[number];
export const REVEAL_PURPOSE_TEXT: Record<RevealPurpose, string> = {
  verify_identity: '核对身份',
  home_visit: '入户核查联系',
  payment: '发放核对账户',
  objection: '核实公示异议',
  other: '其他',
};

export const REVEAL_FIELDS = ['idNumber', 'bankAccount'] as const;
export type RevealField = (typeof REVEAL_FIELDS)[number];
export const REVEAL_FIELD_TEXT: Record<RevealField, string> = {
  idNumber: '身份证号',
  bankAccount: '银行卡号',
};

/** Why a value is revealed: a purpose, and a note (needed when the purpose is 其他). */
export const revealPurposeFields = {
  purpose: z.enum(REVEAL_PURPOSES),
  note: z.optional(z.string().check(z.trim(), z.maxLength(100, '说明请不超过 100 字'))),
};

const noteWhenOther = (v: { purpose: RevealPurpose; note?: string }) =>
  v.purpose !== 'other' || Boolean(v.note && v.note.length >= 2);
const NOTE_NEEDED = { error: '选了“其他”，请写明为什么要查看', path: ['note'] };

/** POST <program>/cases/:id/reveal */
export const CaseRevealSchema = z
  .strictObject({ field: z.enum(REVEAL_FIELDS), ...revealPurposeFields })
  .check(z.refine(noteWhenOther, NOTE_NEEDED));
export type CaseRevealInput = z.infer<typeof CaseRevealSchema>;

/**
 * POST /api/members/:id/id-number/reveal: the case it serves (a program's case of that member in
 * the officer's subtree), or the member's own change of identity waiting for confirmation.
 */
export const MemberRevealSchema = z
  .strictObject({
    ...revealPurposeFields,
    serves: z.union([
      z.strictObject({
        program: z.string().check(z.regex(/^[a-z]{2,20}$/)),
        caseId: z.string().check(z.regex(/^[a-f0-9]{24}$/)),
      }),
      z.strictObject({ identityChange: z.literal(true) }),
    ]),
  })
  .check(z.refine(noteWhenOther, NOTE_NEEDED));
export type MemberRevealInput = z.infer<typeof MemberRevealSchema>;

/** One line of the reveal report. */
export interface RevealReportItem {
  at: string;
  /** the officer who looked, and their org */
  officerName: string | null;
  officerOrgName: string | null;
  /** whose value it was */
  memberName: string | null;
  field: RevealField;
  fieldText: string;
  purpose: RevealPurpose | null;
  purposeText: string;
  note: string | null;
  program: string | null;
  caseId: string | null;
}

/** GET /api/members/reveals */
export interface RevealReportResponse {
  items: RevealReportItem[];
  page: number;
  pageSize: number;
  total: number;
}
