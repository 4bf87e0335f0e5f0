/**
 * 我的金秋助学申请: where it is now and what happens next (in words, at the top), the amount
 * (the table's, then the approved one), every step so far on the timeline (who = the union, when,
 * the reason given), the money paid, and what the worker may still do: correct and resubmit a
 * returned application, or withdraw before the 区/市 decision (asked once more on the page).
 */
import { View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { BursaryApplicationView } from '../../../../contracts/bursary';
import { fenToYuanText } from '../../../../contracts/money';
import { Action } from '../../../../components/Action';
import { BursaryCaseFacts } from '../../../../components/BursaryCaseFacts';
import { CaseStatusCard, StatusLine } from '../../../../components/CaseStatusCard';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { PageShell } from '../../../../components/PageShell';
import { PaymentList } from '../../../../components/PaymentList';
import { StatusTimeline } from '../../../../components/StatusTimeline';
import { WithdrawAction } from '../../../../components/WithdrawAction';
import { api, ApiError, errorText } from '../../../../services/api';
import { formatDateTime } from '../../../../services/format';
import { useShownData } from '../../../../services/useShownData';
import { APPLY_PAGE, registeredNotice } from '../../links';
import '../../bursary.scss';

const PAYMENT_TEXT = { schooling: '金秋助学金' };

export default function BursaryCasePage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const {
    data: view,
    setData: setView,
    error,
    setError,
    reload,
  } = useShownData(() =>
    api.get<BursaryApplicationView>(`/api/bursary/applications/${encodeURIComponent(id)}`),
  );
  const [busy, setBusy] = useState(false);
  const [justSent, setJustSent] = useState(false);

  useDidShow(() => {
    if (registeredNotice.applicationId === id) {
      registeredNotice.applicationId = null;
      setJustSent(true);
    }
  });

  const withdraw = async () => {
    if (!view || busy) return;
    setBusy(true);
    try {
      setView(
        await api.post<BursaryApplicationView>(`/api/bursary/applications/${view.id}/transitions`, {
          action: 'withdraw',
          version: view.version,
        }),
      );
    } catch (e) {
      setError(errorText(e));
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') void reload();
    } finally {
      setBusy(false);
    }
  };

  const amount = view?.approvedAmountFen ?? view?.standardAmountFen ?? null;
  return (
    <PageShell>
      {justSent && view?.status !== 'withdrawn' ? (
        <View className="notice success" id="bursary-submitted" ariaRole="alert">
          ✓ 已提交。工会办理的每一步都会在「消息」里告诉您。
        </View>
      ) : null}
      <ErrorNotice message={error} />
      {view ? (
        <>
          <CaseStatusCard id="bursary-case-status" progress={view}>
            <StatusLine>
              {view.child.name} · {view.approvedAmountFen !== null ? '批准' : '按标准'}{' '}
              {fenToYuanText(amount!)} 元
            </StatusLine>
            {view.publicity && view.status === 'publicity' ? (
              <StatusLine>
                公示时间：{formatDateTime(view.publicity.startsAt)} 至 {formatDateTime(view.publicity.endsAt)}
              </StatusLine>
            ) : null}
          </CaseStatusCard>

          {view.editable ? (
            <Action
              id="bursary-edit"
              onClick={() => void Taro.navigateTo({ url: `${APPLY_PAGE}?id=${view.id}` })}
            >
              补充材料，重新提交
            </Action>
          ) : null}

          <PaymentList
            id="bursary-payments"
            title="已发放"
            payments={view.payments}
            kindText={PAYMENT_TEXT}
          />

          <View className="section-title">办理进度</View>
          <View className="card">
            <StatusTimeline id="bursary-timeline" progress={view} />
          </View>

          <BursaryCaseFacts view={view} />

          {view.actions.includes('withdraw') ? (
            <WithdrawAction
              id="bursary-withdraw"
              meaning="撤回后这份申请就不再办理了。今年还在报名时间内的，可以重新申请。"
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
