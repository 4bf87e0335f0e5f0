/**
 * The copy of the 困难帮扶 application kept on the phone (Taro storage, written on every change),
 * so the draft survives the app being closed before the server copy is saved. The bank account
 * is never written to storage: it goes to the server (encrypted there) and comes back masked.
 */
import Taro from '@tarojs/taro';
import { EMPTY_FIELDS, type ApplicationFields } from './applicationForm';

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
