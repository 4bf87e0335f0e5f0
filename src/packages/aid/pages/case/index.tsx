/**
 * 我的帮扶申请: where it is now and what happens next (in words, at the top), every step so far
 * on the timeline (who = the org, when, the reason given), the money paid, and what the worker
 * may still do: fix and resubmit a returned case, or withdraw before the 区/市 decision
 * (asked once more on the page itself, no pop-up).
 */
import { View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { CATEGORY_TEXT, PAYMENT_KIND_TEXT, type AidCaseView } from '../../../../contracts/aid';
import { Action } from '../../../../components/Action';
import { AidCaseFacts } from '../../../../components/AidCaseFacts';
import { ChangeList } from '../../../../components/ChangeList';
import { PageShell } from '../../../../components/PageShell';
import { PaymentList } from '../../../../components/PaymentList';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { StatusTimeline } from '../../../../components/StatusTimeline';
import { api, ApiError, errorText } from '../../../../services/api';
import { formatDateTime } from '../../../../services/format';
import { useShownData } from '../../../../services/useShownData';
import { APPLY_PAGE, submittedNotice } from '../../links';
import '../../aid.scss';

export default function AidCasePage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const {
    data: view,
    setData: setView,
    error,
    setError,
    reload,
  } = useShownData(() => api.get<AidCaseView>(`/api/aid/cases/${encodeURIComponent(id)}`));
  const [confirmWithdraw, setConfirmWithdraw] = useState(false);
  const [busy, setBusy] = useState(false);
  const [justSubmitted, setJustSubmitted] = useState(false);

  useDidShow(() => {
    if (submittedNotice.caseId === id) {
      submittedNotice.caseId = null;
      setJustSubmitted(true);
    }
  });

  const withdraw = async () => {
    if (!view || busy) return;
    setBusy(true);
    try {
      setView(
        await api.post<AidCaseView>(`/api/aid/cases/${view.id}/transitions`, {
          action: 'withdraw',
          version: view.version,
        }),
      );
      setConfirmWithdraw(false);
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
        <View className="notice success" id="aid-submitted" ariaRole="alert">
          ✓ 已提交。工会办理的每一步都会在「消息」里告诉您。
        </View>
      ) : null}
      <ErrorNotice message={error} />
      {view ? (
        <>
          <View className="card" id="aid-case-status">
            <View className="muted small">现在到了</View>
            <View className="section-title aid-status-now">{view.statusText}</View>
            <View>下一步：{view.nextStep}</View>
            {view.category ? (
              <View className="aid-status-extra">困难类别：{CATEGORY_TEXT[view.category]}</View>
            ) : null}
            {view.publicity ? (
              <View className="aid-status-extra">
                公示时间：{formatDateTime(view.publicity.startsAt)} 至 {formatDateTime(view.publicity.endsAt)}
              </View>
            ) : null}
          </View>

          {view.status === 'returned' ? (
            <ChangeList
              id="aid-changes"
              title="您改动的内容"
              changes={view.changes.filter((c) => c.resubmittedAt === null)}
              note={view.resubmitNote}
            />
          ) : null}

          {view.editable ? (
            <Action
              id="aid-edit"
              onClick={() => void Taro.navigateTo({ url: `${APPLY_PAGE}?id=${view.id}` })}
            >
              {view.status === 'returned' ? '补充材料，重新提交' : '继续填写'}
            </Action>
          ) : null}

          <PaymentList
            id="aid-payments"
            title="已发放"
            payments={view.payments}
            kindText={PAYMENT_KIND_TEXT}
            amount={view.amount}
          />

          <View className="section-title">办理进度</View>
          <View className="card">
            <StatusTimeline id="aid-timeline" progress={view} />
          </View>

          <AidCaseFacts view={view} />

          {view.actions.includes('withdraw') ? (
            confirmWithdraw ? (
              <View className="card" id="aid-withdraw-confirm">
                <View>撤回后这份申请就不再办理了。需要时可以重新申请。确定撤回吗？</View>
                <Action id="aid-withdraw-yes" disabled={busy} onClick={() => void withdraw()}>
                  {busy ? '正在撤回…' : '确定撤回'}
                </Action>
                <Action kind="secondary" onClick={() => setConfirmWithdraw(false)}>
                  不撤回
                </Action>
              </View>
            ) : (
              <Action id="aid-withdraw" kind="secondary" onClick={() => setConfirmWithdraw(true)}>
                撤回申请
              </Action>
            )
          ) : null}
        </>
      ) : error ? null : (
        <View className="muted">正在读取…</View>
      )}
    </PageShell>
  );
}
