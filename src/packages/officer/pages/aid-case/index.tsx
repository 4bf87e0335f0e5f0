/**
 * 困难帮扶 · 审核: one case as a reviewing officer sees it. On top, whether it is mine to act on
 * now (or read-only, and why); the applicant with ID number and bank account masked (full value
 * on demand, with a purpose, audited); the application and the system's suggestion, with what the
 * worker changed after a return marked; the home visit; objections during 公示; the approved
 * amount and payments; the timeline; and the shared decision panel with the actions the cloud
 * offers me now.
 * Aid's own glue: a payment goes to its own route, and objections are decided in their own card.
 */
import { Textarea, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { PAYMENT_KIND_TEXT, type AidCaseView } from '../../../../contracts/aid';
import type { DecisionBody } from '../../../../contracts/workflow';
import { Action } from '../../../../components/Action';
import { AidCaseFacts } from '../../../../components/AidCaseFacts';
import { ChangeList } from '../../../../components/ChangeList';
import { DecisionPanel } from '../../../../components/DecisionPanel';
import { PageShell } from '../../../../components/PageShell';
import { PaymentList } from '../../../../components/PaymentList';
import { StatusTimeline } from '../../../../components/StatusTimeline';
import { api, ApiError, errorText } from '../../../../services/api';
import { formatDateTime } from '../../../../services/format';
import { useShownData } from '../../../../services/useShownData';
import { RevealField } from '../../components/RevealField';
import '../../officer.scss';

/** A decision on an objection names it, and how an upheld one ends. */
type AidDecision = DecisionBody & { objectionId?: string; upholdAs?: 'return' | 'reject' };

/** The route and body for a decision: a payment has its own route and shape. */
function requestOf(view: AidCaseView, d: AidDecision): { path: string; body: Record<string, unknown> } {
  if (d.action === 'record_payment')
    return {
      path: `/api/aid/cases/${view.id}/payments`,
      body: { amountFen: d.amountFen, kind: d.paymentKind, version: view.version },
    };
  return { path: `/api/aid/cases/${view.id}/transitions`, body: { ...d, version: view.version } };
}

export default function OfficerAidCasePage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const {
    data: view,
    setData: setView,
    error,
    setError,
    reload,
  } = useShownData(() => api.get<AidCaseView>(`/api/aid/cases/${encodeURIComponent(id)}`));
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** bumps after each decision so the panel starts empty again */
  const [round, setRound] = useState(0);
  const [objectionComment, setObjectionComment] = useState('');

  const send = async (decision: AidDecision) => {
    if (!view || busy) return;
    setBusy(true);
    setDone(null);
    setError(null);
    try {
      const { path, body } = requestOf(view, decision);
      setView(await api.post<AidCaseView>(path, body));
      setDone(view.offers.find((o) => o.action === decision.action)?.done ?? '已办理');
      setRound((r) => r + 1);
      setObjectionComment('');
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') {
        await reload();
        setError('这份申请刚被别人处理过，下面已是最新情况，请看过后再办理。');
      } else setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const openObjections = view?.objections.filter((o) => o.status === 'open') ?? [];
  const decidesObjections = Boolean(view?.actions.includes('dismiss_objection'));

  return (
    <PageShell>
      {done ? (
        <View className="notice success" id="decision-done" ariaRole="alert">
          ✓ {done}。职工会在「消息」里收到通知。
        </View>
      ) : null}
      {error ? (
        <View className="notice error" id="decision-error" ariaRole="alert">
          {error}
        </View>
      ) : null}
      {!view ? (
        error ? null : (
          <View className="muted">正在读取…</View>
        )
      ) : (
        <>
          <View className="card" id="officer-case-head">
            <View className="section-title officer-case-title">{view.applicantName}</View>
            <View className="muted">{view.orgName}</View>
            <View className="officer-case-status-line">现在：{view.statusText}</View>
            {view.readOnlyReason ? (
              <View className="notice officer-readonly" id="officer-readonly">
                {view.readOnlyReason}
              </View>
            ) : null}
            <RevealField
              id="applicant-id-number"
              label="身份证号"
              masked={view.applicantIdNumberMasked}
              path={`/api/aid/cases/${view.id}/reveal`}
              field="idNumber"
              needed={view.revealable.includes('idNumber')}
            />
            <RevealField
              id="applicant-bank"
              label="收款银行卡"
              masked={view.form.bankAccountMasked}
              path={`/api/aid/cases/${view.id}/reveal`}
              field="bankAccount"
              needed={view.revealable.includes('bankAccount')}
            />
          </View>

          <DecisionPanel
            key={`${view.id}-${round}`}
            id="aid-decide"
            offers={view.offers}
            busy={busy}
            refusal={error}
            onDecide={(_offer, body) => void send(body)}
          />

          {decidesObjections && openObjections.length > 0 ? (
            <View className="card" id="officer-objections">
              <View className="section-title">公示异议（{openObjections.length} 条待处理）</View>
              <View className="field-label">处理意见（认定成立时必填，职工会看到）</View>
              <Textarea
                id="objection-comment"
                className="textarea"
                value={objectionComment}
                maxlength={500}
                autoHeight
                onInput={(e) => setObjectionComment(e.detail.value)}
              />
              {openObjections.map((o, i) => {
                const decide = (
                  action: 'dismiss_objection' | 'uphold_objection',
                  upholdAs?: 'return' | 'reject',
                ) =>
                  void send({
                    action,
                    objectionId: o.id,
                    ...(upholdAs ? { upholdAs } : {}),
                    ...(objectionComment.trim() ? { comment: objectionComment.trim() } : {}),
                  });
                return (
                  <View key={o.id} className="officer-objection" id={`objection-${i}`}>
                    <View className="field-label">第 {i + 1} 条异议</View>
                    <View>{o.text}</View>
                    <View className="muted small">{formatDateTime(o.at)} 提出</View>
                    <Action kind="secondary" disabled={busy} onClick={() => decide('dismiss_objection')}>
                      不成立，继续公示
                    </Action>
                    <Action
                      kind="secondary"
                      disabled={busy}
                      onClick={() => decide('uphold_objection', 'return')}
                    >
                      成立，退回职工补充
                    </Action>
                    <Action
                      kind="secondary"
                      disabled={busy}
                      onClick={() => decide('uphold_objection', 'reject')}
                    >
                      成立，不予帮扶
                    </Action>
                  </View>
                );
              })}
            </View>
          ) : null}

          {view.visit ? (
            <View className="card" id="officer-visit">
              <View className="section-title">入户核查</View>
              <View>{view.visit.date}</View>
              <View>{view.visit.findings}</View>
            </View>
          ) : null}

          <PaymentList
            id="officer-payments"
            title="发放记录"
            payments={view.payments}
            kindText={PAYMENT_KIND_TEXT}
            amount={view.amount}
          />

          <ChangeList id="officer-changes" title="退回后职工改动的内容" changes={view.changes} />

          <AidCaseFacts view={view} />

          <View className="section-title">办理经过</View>
          <View className="card">
            <StatusTimeline id="officer-timeline" progress={view} />
          </View>
        </>
      )}
    </PageShell>
  );
}
