/**
 * The application being filled in, kept safe on a phone with poor signal:
 *  1. every change is written to the phone at once (Taro storage, without the bank account);
 *  2. 1.5 s after the last change the valid part of the form is saved to the server: the first
 *     save creates the draft (POST, submit: false), later ones update it (PUT with its version);
 *     saves run one at a time, in order, and a save with nothing new is skipped;
 *  3. when the server is unreachable the phone copy stays marked unsaved and the next change, or
 *     the submit, tries again. If a create's answer was lost, the retry meets the one-open-case
 *     rule (AID_CASE_OPEN) and adopts the draft that did land instead of making a second one.
 * On opening, the server copy is read; unsaved phone edits of the same case win over it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  maskBankAccount,
  type AidCaseSummary,
  type AidCaseView,
  type CreateAidCaseResponse,
} from '../../contracts/aid';
import type { ChangeView } from '../../contracts/workflow';
import { api, ApiError, errorText } from '../../services/api';
import { EMPTY_FIELDS, fromCaseView, toAidForm, type ApplicationFields } from './applicationForm';
import { readLocalDraft, writeLocalDraft } from './localDraft';
import { FINAL_STATUSES } from './links';

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'offline' | 'failed';

export interface DraftCase {
  id: string | null;
  version: number | null;
  status: 'draft' | 'returned';
  bankMasked: string | null;
  /** the officer's reason when the case was returned for more material */
  returnReason: string | null;
  /** a returned case: what the worker changed since (not resubmitted yet), and where a resubmission goes and why */
  changes: ChangeView[];
  resubmitNote: string | null;
}

export type LoadResult =
  | { kind: 'loading' }
  | { kind: 'ready'; offline: boolean }
  | { kind: 'elsewhere'; caseId: string }
  | { kind: 'failed'; message: string };

const SAVE_DELAY_MS = 1500;
const EMPTY_SNAPSHOT = JSON.stringify(toAidForm(EMPTY_FIELDS, ''));

/** What the cloud says of the worker's changes since a return (not resubmitted yet). */
const pendingOf = (view: AidCaseView) => ({
  changes: view.changes.filter((c) => c.resubmittedAt === null),
  resubmitNote: view.resubmitNote,
});

function returnReasonOf(view: AidCaseView): string | null {
  const last = [...view.history].reverse().find((h) => h.action === 'return');
  return last?.comment ?? null;
}

export function useAidDraft(memberId: string | null, requestedId: string | null) {
  const [load, setLoad] = useState<LoadResult>({ kind: 'loading' });
  const [fields, setFields] = useState<ApplicationFields>(EMPTY_FIELDS);
  const [bankTyped, setBankTyped] = useState('');
  /** the typed account once the worker left the field (saving a half-typed number would be wrong) */
  const [bankCommitted, setBankCommitted] = useState('');
  const [draft, setDraft] = useState<DraftCase>({
    id: null,
    version: null,
    status: 'draft',
    bankMasked: null,
    returnReason: null,
    changes: [],
    resubmitNote: null,
  });
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [saveError, setSaveError] = useState<string | null>(null);
  const [savedAt, setSavedAt] = useState<Date | null>(null);

  const latest = useRef({ fields, bank: bankCommitted });
  latest.current = { fields, bank: bankCommitted };
  const server = useRef<{ id: string | null; version: number | null; lastSaved: string | null }>({
    id: null,
    version: null,
    lastSaved: null,
  });
  const chain = useRef<Promise<boolean>>(Promise.resolve(true));

  const adopt = useCallback((view: AidCaseView, local: ApplicationFields | null) => {
    server.current = {
      id: view.id,
      version: view.version,
      lastSaved: local ? null : JSON.stringify(toAidForm(fromCaseView(view), '')),
    };
    setFields(local ?? fromCaseView(view));
    setDraft({
      id: view.id,
      version: view.version,
      status: view.status as DraftCase['status'],
      bankMasked: view.form.bankAccountMasked,
      returnReason: returnReasonOf(view),
      ...pendingOf(view),
    });
  }, []);

  // ---- opening -------------------------------------------------------------------------------
  useEffect(() => {
    if (!memberId) return;
    let alive = true;
    const local = readLocalDraft(memberId);
    (async () => {
      let id = requestedId;
      if (!id) {
        const mine = await api.get<{ items: AidCaseSummary[] }>('/api/aid/cases?mine=1');
        const open = mine.items.find((c) => !FINAL_STATUSES.includes(c.status));
        if (open && !open.editable) return { kind: 'elsewhere', caseId: open.id } as const;
        id = open?.id ?? null;
      }
      if (!id) {
        if (local && local.caseId === null) setFields(local.fields);
        return { kind: 'ready', offline: false } as const;
      }
      const view = await api.get<AidCaseView>(`/api/aid/cases/${encodeURIComponent(id)}`);
      if (!view.editable) return { kind: 'elsewhere', caseId: view.id } as const;
      const unsaved = local && local.caseId === view.id && local.dirty ? local.fields : null;
      if (alive) adopt(view, unsaved);
      return { kind: 'ready', offline: false } as const;
    })()
      .then((r) => alive && setLoad(r))
      .catch((e: unknown) => {
        if (!alive) return;
        // no signal: carry on with the phone's copy, the server copy is saved later
        if (e instanceof ApiError && e.code === 'NETWORK' && local) {
          server.current = { id: local.caseId, version: local.version, lastSaved: null };
          setFields(local.fields);
          setDraft((d) => ({ ...d, id: local.caseId, version: local.version }));
          setLoad({ kind: 'ready', offline: true });
        } else setLoad({ kind: 'failed', message: errorText(e) });
      });
    return () => {
      alive = false;
    };
  }, [memberId, requestedId, adopt]);

  // ---- saving --------------------------------------------------------------------------------
  const saveNow = useCallback((): Promise<boolean> => {
    chain.current = chain.current.then(async () => {
      if (!memberId) return false;
      const { fields: f, bank } = latest.current;
      const form = toAidForm(f, bank);
      const snap = JSON.stringify(form);
      const s = server.current;
      if (s.id && snap === s.lastSaved) return true;
      setSaveState('saving');
      try {
        if (!s.id) {
          try {
            const r = await api.post<CreateAidCaseResponse>('/api/aid/cases', { ...form, submit: false });
            s.id = r.id;
            s.version = r.version;
          } catch (e) {
            if (!(e instanceof ApiError && e.code === 'AID_CASE_OPEN')) throw e;
            // an earlier create landed though its answer was lost: continue with that draft
            const mine = await api.get<{ items: AidCaseSummary[] }>('/api/aid/cases?mine=1');
            const open = mine.items.find((c) => !FINAL_STATUSES.includes(c.status));
            if (!open?.editable) throw e;
            s.id = open.id;
            s.version = open.version;
            const v = await api.put<AidCaseView>(`/api/aid/cases/${open.id}`, {
              ...form,
              version: s.version,
            });
            s.version = v.version;
            setDraft((d) => ({ ...d, ...pendingOf(v) }));
          }
        } else {
          const v = await api.put<AidCaseView>(`/api/aid/cases/${encodeURIComponent(s.id)}`, {
            ...form,
            version: s.version,
          });
          s.version = v.version;
          setDraft((d) => ({ ...d, ...pendingOf(v) }));
        }
        s.lastSaved = snap;
        const still = JSON.stringify(toAidForm(latest.current.fields, latest.current.bank)) !== snap;
        writeLocalDraft(memberId, {
          caseId: s.id,
          version: s.version,
          fields: latest.current.fields,
          dirty: still,
          updatedAt: new Date().toISOString(),
        });
        setDraft((d) => ({
          ...d,
          id: s.id,
          version: s.version,
          bankMasked: form.bankAccount ? maskBankAccount(form.bankAccount) : d.bankMasked,
        }));
        setSaveState(still ? 'pending' : 'saved');
        setSaveError(null);
        setSavedAt(new Date());
        return true;
      } catch (e) {
        const offline = e instanceof ApiError && e.code === 'NETWORK';
        setSaveState(offline ? 'offline' : 'failed');
        setSaveError(errorText(e));
        return false;
      }
    });
    return chain.current;
  }, [memberId]);

  // every change: to the phone now, to the server after a pause
  useEffect(() => {
    if (!memberId || load.kind !== 'ready') return;
    const snap = JSON.stringify(toAidForm(fields, bankCommitted));
    if (server.current.id && snap === server.current.lastSaved) return;
    // nothing typed yet: no draft on the phone or the server
    if (!server.current.id && snap === EMPTY_SNAPSHOT) return;
    writeLocalDraft(memberId, {
      caseId: server.current.id,
      version: server.current.version,
      fields,
      dirty: true,
      updatedAt: new Date().toISOString(),
    });
    setSaveState((st) => (st === 'offline' || st === 'failed' ? st : 'pending'));
    const t = setTimeout(() => void saveNow(), SAVE_DELAY_MS);
    return () => clearTimeout(t);
  }, [memberId, load.kind, fields, bankCommitted, saveNow]);

  /** Saves what is on screen, the bank account as typed included; resolves to the server copy or null. */
  const flush = useCallback(async (): Promise<{ id: string; version: number } | null> => {
    latest.current = { ...latest.current, bank: bankTyped.trim() };
    setBankCommitted(bankTyped.trim());
    const ok = await saveNow();
    const s = server.current;
    return ok && s.id && s.version ? { id: s.id, version: s.version } : null;
  }, [bankTyped, saveNow]);

  /** After a refused submit (someone else changed it), read the server copy again. */
  const reload = useCallback(async () => {
    const id = server.current.id;
    if (!id) return;
    adopt(await api.get<AidCaseView>(`/api/aid/cases/${encodeURIComponent(id)}`), null);
  }, [adopt]);

  return {
    load,
    fields,
    setFields,
    bankTyped,
    setBankTyped,
    commitBank: () => setBankCommitted(bankTyped.trim()),
    /** typed but not yet left: a number still too short is not a problem yet */
    bankTyping: bankTyped.trim() !== bankCommitted,
    draft,
    saveState,
    saveError,
    savedAt,
    flush,
    reload,
  };
}
