/** Keeps the signed-in member fresh: pages call refreshMember() when shown, and read useMember(). */
import { useEffect, useState } from 'react';
import type { MemberView } from '../contracts/members';
import { CURRENT_CONSENT_VERSION } from '../contracts/consentVersion';
import { api } from './api';
import { getMember, getToken, goToLogin, onMemberChange, setMember } from './session';

export async function refreshMember(): Promise<MemberView | null> {
  if (!getToken()) return null;
  const member = await api.get<MemberView>('/api/members/me');
  setMember(member);
  return member;
}

export function useMember(): MemberView | null {
  const [member, set] = useState(getMember);
  useEffect(() => {
    set(getMember());
    return onMemberChange(set);
  }, []);
  return member;
}

export function hasCurrentConsent(member: MemberView | null): boolean {
  return member?.consent?.version === CURRENT_CONSENT_VERSION;
}

/** 实名信息: the consent page first unless the current consent version is already given. */
export const PROFILE_CONSENT_PAGE = '/packages/profile/pages/consent/index';
export const PROFILE_FORM_PAGE = '/packages/profile/pages/form/index';
export function profilePage(member: MemberView | null): string {
  return hasCurrentConsent(member) ? PROFILE_FORM_PAGE : PROFILE_CONSENT_PAGE;
}

/**
 * 退出登录: the server ends the session (on every device), then the app forgets it. Without a
 * connection the phone still forgets it; the token then lapses at its expiry.
 */
export async function logout(): Promise<void> {
  if (getToken()) await api.post('/api/auth/logout', undefined, { retries: 0 }).catch(() => undefined);
  goToLogin();
}
