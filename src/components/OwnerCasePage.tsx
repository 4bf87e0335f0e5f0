/**
 * The worker's own case, for any program of the review kit: where it is now and what happens
 * next (in words, at the top, with the program's own lines), the way to correct it while the
 * union has it returned (with what the worker changed so far and where resubmitting takes it,
 * and why), the amount approved and the money paid against it, every step so far on the
 * timeline (who = the union, when, the reason given), the program's facts, and withdrawing
 * before the decision (asked once more on the page itself, no pop-up). Ids: <prefix>-submitted,
 * -case-status, -changes, -edit, -payments, -timeline, -withdraw.
 */
import { View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { useState, type ReactNode } from 'react';
import type { CaseViewKit } from '../contracts/workflow';
import { api, ApiError, errorText } from '../services/api';
import { useShownData } from '../services/useShownData';
import { Action } from './Action';
import { CaseStatusCard } from './CaseStatusCard';
import { ChangeList } from './ChangeList';
import { ErrorNotice } from './ErrorNotice';
import { PageShell } from './PageShell';
import { PaymentList, type PaymentLine } from './PaymentList';
import { StatusTimeline } from './StatusTimeline';
import { WithdrawAction } from './WithdrawAction';

export interface OwnerCaseView extends CaseViewKit {
  id: string;
  version: number;
  payments: PaymentLine[];
}

interface Props<V extends OwnerCaseView> {
  prefix: string;
  /** the program's case route without the id, e.g. /api/aid/cases */
  path: string;
  /** set by the program's form after it submitted: the page says so once */
  submitted: { caseId: string | null };
  statusLines: (view: V) => ReactNode;
  editLabel: (view: V) => string;
  onEdit: (view: V) => void;
  paymentKindText: Readonly<Record<string, string>>;
  facts: (view: V) => ReactNode;
  /** what withdrawing means for this program */
  withdrawMeaning: string;
}

export function OwnerCasePage<V extends OwnerCaseView>(p: Props<V>) {
  const { params } = useRouter();
  const id = params.id ?? '';
  const {
    data: view,
    setData,
    error,
    setError,
    reload,
  } = useShownData(() => api.get<V>(`${p.path}/${encodeURIComponent(id)}`));
  const [busy, setBusy] = useState(false);
  const [justSubmitted, setJustSubmitted] = useState(false);

  useDidShow(() => {
    if (p.submitted.caseId === id) {
      p.submitted.caseId = null;
      setJustSubmitted(true);
    }
  });

  const withdraw = async () => {
    if (!view || busy) return;
    setBusy(true);
    try {
      setData(
        await api.post<V>(`${p.path}/${view.id}/transitions`, { action: 'withdraw', version: view.version }),
      );
    } catch (e) {
      setError(errorText(e));
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') void reload();
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageShell>
      {justSubmitted && view?.status !== 'withdrawn' ? (
        <View className="notice success" id={`${p.prefix}-submitted`} ariaRole="alert">
          ✓ 已提交。工会办理的每一步都会在「消息」里告诉您。
        </View>
      ) : null}
      <ErrorNotice message={error} />
      {view ? (
        <>
          <CaseStatusCard id={`${p.prefix}-case-status`} progress={view}>
            {p.statusLines(view)}
          </CaseStatusCard>
          {view.status === 'returned' ? (
            <ChangeList
              id={`${p.prefix}-changes`}
              title="您改动的内容"
              changes={view.changes.filter((c) => c.resubmittedAt === null)}
              note={view.resubmitNote}
            />
          ) : null}
          {view.editable ? (
            <Action id={`${p.prefix}-edit`} onClick={() => p.onEdit(view)}>
              {p.editLabel(view)}
            </Action>
          ) : null}
          <PaymentList
            id={`${p.prefix}-payments`}
            title="已发放"
            payments={view.payments}
            kindText={p.paymentKindText}
            amount={view.amount}
          />
          <View className="section-title">办理进度</View>
          <View className="card">
            <StatusTimeline id={`${p.prefix}-timeline`} progress={view} />
          </View>
          {p.facts(view)}
          {view.actions.includes('withdraw') ? (
            <WithdrawAction
              id={`${p.prefix}-withdraw`}
              meaning={p.withdrawMeaning}
              busy={busy}
              onWithdraw={withdraw}
            />
          ) : null}
        </>
      ) : error ? null : (
        <View className="muted">正在读取…</View>
      )}
    </PageShell>
  );
}
