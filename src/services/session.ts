/**
 * The signed-in member: token and last known MemberView, kept in Taro storage so a restart
 * of the mini program does not ask the worker to log in again. Pages read it synchronously
 * and refresh the member from GET /api/members/me when they show.
 */
import Taro from '@tarojs/taro';
import type { MemberView } from '../contracts/members';
import { readStored } from './storage';

const TOKEN_KEY = 'session.token';
const MEMBER_KEY = 'session.member';

export const LOGIN_PAGE = '/pages/login/index';

type Listener = (member: MemberView | null) => void;
const listeners = new Set<Listener>();

const read = readStored;

export function getToken(): string | null {
  return read<string>(TOKEN_KEY);
}

export function getMember(): MemberView | null {
  return read<MemberView>(MEMBER_KEY);
}

export function isOfficer(member: MemberView | null): boolean {
  return Boolean(member?.roles.includes('officer'));
}

export function saveSession(token: string, member: MemberView): void {
  Taro.setStorageSync(TOKEN_KEY, token);
  setMember(member);
}

export function setMember(member: MemberView): void {
  Taro.setStorageSync(MEMBER_KEY, member);
  listeners.forEach((l) => l(member));
}

export function clearSession(): void {
  Taro.removeStorageSync(TOKEN_KEY);
  Taro.removeStorageSync(MEMBER_KEY);
  listeners.forEach((l) => l(null));
}

export function onMemberChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

let leaving = false;

/**
 * Back to the login page with nothing of the old session left (logout, or a 401). Requests
 * that fail together (a page and the unread count) open it once, not once each.
 */
export function goToLogin(): void {
  clearSession();
  if (leaving) return;
  leaving = true;
  void Promise.resolve(Taro.reLaunch({ url: LOGIN_PAGE })).finally(() => {
    leaving = false;
  });
}
