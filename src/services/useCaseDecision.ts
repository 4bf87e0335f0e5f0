/**
 * An officer's decision on a case, for any program of the review kit: send it with the version
 * the page shows (the program says which route and body), then show the case as the cloud
 * returns it, say what was done in the program's words (the offer's `done`), and start the
 * decision panel afresh. When the cloud asks to confirm first (the program turns that refusal
 * into a question, `askFor`), the question waits for the officer. If someone acted first
 * (VERSION_CONFLICT) nothing was done: the page reloads the case and says so.
 */
import { useState } from 'react';
import type { ActionOffer, DecisionBody } from '../contracts/workflow';
import { api, ApiError, errorText } from './api';

interface Shown<V> {
  data: V | null;
  setData: (v: V) => void;
  setError: (e: string | null) => void;
  reload: () => Promise<void>;
}

export function useCaseDecision<V extends { version: number; offers: ActionOffer[] }, D extends DecisionBody>(
  shown: Shown<V>,
  requestOf: (view: V, decision: D) => { path: string; body: Record<string, unknown> },
  askFor: (e: ApiError) => string | null = () => null,
) {
  const [done, setDone] = useState<string | null>(null);
  /** the cloud asks to confirm the last decision first */
  const [ask, setAsk] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** bumps after each decision so the panel starts empty again */
  const [round, setRound] = useState(0);

  const send = async (decision: D): Promise<boolean> => {
    const view = shown.data;
    if (!view || busy) return false;
    setBusy(true);
    setDone(null);
    shown.setError(null);
    try {
      const { path, body } = requestOf(view, decision);
      shown.setData(await api.post<V>(path, body));
      const said = view.offers.find((o) => o.action === decision.action)?.done ?? '已办理';
      setDone(`${said}。职工会在「消息」里收到通知。`);
      setAsk(null);
      setRound((r) => r + 1);
      return true;
    } catch (e) {
      const question = e instanceof ApiError ? askFor(e) : null;
      if (question) setAsk(question);
      else if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') {
        await shown.reload();
        shown.setError('这份申请刚被别人处理过，下面已是最新情况，请看过后再办理。');
      } else shown.setError(errorText(e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  return { send, busy, done, ask, cancelAsk: () => setAsk(null), round };
}
