/**
 * 困难帮扶 · 审核: one case as a reviewing officer sees it. On top, whether it is mine to act on
 * now (or read-only, and why); the applicant with ID number and bank account masked (full value
 * on demand, audited); the application and the system's suggestion; the home visit; objections
 * during 公示; the timeline; and the decision panel with only the actions open to me now.
 */
import { Textarea, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { AidCaseView } from '../../../../contracts/aid';
import { Action } from '../../../../components/Action';
import { AidCaseFacts } from '../../../../components/AidCaseFacts';
import { AidPayments } from '../../../../components/AidPayments';
import { PageShell } from '../../../../components/PageShell';
import { StatusTimeline } from '../../../../components/StatusTimeline';
import { api, ApiError, errorText } from '../../../../services/api';
import { formatDateTime } from '../../../../services/format';
import { useShownData } from '../../../../services/useShownData';
import { AidDecisionPanel, type Decision, type DecisionRequest } from '../../components/AidDecisionPanel';
import { RevealField } from '../../components/RevealField';
import '../../officer.scss';

const DONE_TEXT: Record<Decision | 'uphold_objection' | 'dismiss_objection', string> = {
  record_visit: '入户核查已记录',
  approve: '已通过，已交下一步办理',
  return: '已退回职工补充材料',
  reject: '已作出不予通过的决定',
  set_category: '困难类别已保存',
  file: '已建档',
  record_payment: '发放已记录到台账',
  uphold_objection: '异议已认定成立',
  dismiss_objection: '异议已认定不成立',
};

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

  const send = async (label: keyof typeof DONE_TEXT, request: DecisionRequest) => {
    if (!view || busy) return;
    setBusy(true);
    setDone(null);
    setError(null);
    try {
      const path =
        request.kind === 'payment'
          ? `/api/aid/cases/${view.id}/payments`
          : `/api/aid/cases/${view.id}/transitions`;
      setView(await api.post<AidCaseView>(path, { ...request.body, version: view.version }));
      setDone(DONE_TEXT[label]);
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
              caseId={view.id}
              field="idNumber"
            />
            <RevealField
              id="applicant-bank"
              label="收款银行卡"
              masked={view.form.bankAccountMasked}
              caseId={view.id}
              field="bankAccount"
            />
          </View>

          <AidDecisionPanel
            key={`${view.id}-${round}`}
            view={view}
            busy={busy}
            refusal={error}
            onDecide={(a, r) => void send(a, r)}
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
                nativeProps={{ 'aria-label': '异议处理意见' }}
                onInput={(e) => setObjectionComment(e.detail.value)}
              />
              {openObjections.map((o, i) => {
                const decide = (
                  action: 'dismiss_objection' | 'uphold_objection',
                  upholdAs?: 'return' | 'reject',
                ) =>
                  void send(action, {
                    kind: 'transition',
                    body: {
                      action,
                      objectionId: o.id,
                      ...(upholdAs ? { upholdAs } : {}),
                      ...(objectionComment.trim() ? { comment: objectionComment.trim() } : {}),
                    },
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

          <AidPayments id="officer-payments" title="发放记录" payments={view.payments} />

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
