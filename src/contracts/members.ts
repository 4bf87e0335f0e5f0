import * as z from 'zod/mini';
import { findIdNumberProblem, ID_NUMBER_PROBLEM_TEXT } from './idNumber';
import { PersonNameSchema } from './person-name';
import type { OrgLevel } from './orgs';

export const ROLES = ['worker', 'officer'] as const;
export type Role = (typeof ROLES)[number];

// kept in files without zod, so the login and home screens can import them without the schemas
export { CURRENT_CONSENT_VERSION } from './consentVersion';
export { DEMO_ACCOUNTS } from './demoAccounts';

export const PHONE_PATTERN = /^1[3-9]\d{9}$/;

/** PUT /api/members/me */
export const UpdateProfileSchema = z.strictObject({
  name: PersonNameSchema,
  idNumber: z.string().check(
    z.refine((v) => findIdNumberProblem(v) === null, {
      error: (issue) => ID_NUMBER_PROBLEM_TEXT[findIdNumberProblem(String(issue.input)) ?? 'format'],
    }),
  ),
  phone: z.string().check(z.regex(PHONE_PATTERN, '手机号应为 11 位数字，以 1 开头')),
  orgId: z.string().check(z.minLength(1, '请选择所属工会'), z.maxLength(64)),
  consentVersion: z.string().check(z.minLength(1), z.maxLength(32)),
});
export type UpdateProfileInput = z.infer<typeof UpdateProfileSchema>;

/** What the API returns for a member: never the raw ID number. */
export interface MemberView {
  id: string;
  name: string | null;
  orgId: string | null;
  orgName: string | null;
  roles: Role[];
  /** for officers: the org they act for, and its level */
  officerOrgId: string | null;
  officerLevel: OrgLevel | null;
  idNumberMasked: string | null;
  phoneMasked: string | null;
  profileComplete: boolean;
  consent: { version: string; at: string } | null;
  /** a change of name or ID number waiting for the union's confirmation (until then the old ones stand) */
  identityChangePending: { name: string; idNumberMasked: string; requestedAt: string } | null;
}

/** PUT /api/members/me: the member, and what the worker should know about the change (e.g. cases that stay with their union). */
export interface UpdateProfileResponse extends MemberView {
  notices: string[];
}

/** GET /api/members/identity-changes (officer): changes of name or ID number waiting in the officer's subtree. */
export interface IdentityChangeItem {
  memberId: string;
  orgName: string | null;
  name: string | null;
  idNumberMasked: string | null;
  newName: string;
  newIdNumberMasked: string;
  nameChanged: boolean;
  idNumberChanged: boolean;
  requestedAt: string;
}
export interface IdentityChangeListResponse {
  items: IdentityChangeItem[];
}

/** POST /api/members/:id/identity-change (officer) */
export const IdentityDecisionSchema = z.strictObject({
  decision: z.enum(['confirm', 'refuse']),
  comment: z.optional(z.string().check(z.trim(), z.maxLength(200))),
});
export type IdentityDecisionInput = z.infer<typeof IdentityDecisionSchema>;

/** POST /api/auth/dev-login and /api/auth/wx-login */
export const DevLoginSchema = z.strictObject({
  openid: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'openid 格式不正确')),
});
export const WxLoginSchema = z.strictObject({
  code: z.string().check(z.minLength(1, '缺少登录凭证'), z.maxLength(128)),
});
export interface LoginResponse {
  token: string;
  member: MemberView;
}
