/**
 * 困难帮扶 · 审核: one case as a reviewing officer sees it. On top, whether it is mine to act on
 * now (or read-only, and why); the applicant with ID number and bank account masked (full value
 * on demand, with a purpose, audited); the application and the system's suggestion, with what the
 * worker changed after a return marked; the home visit; objections during 公示; the approved
 * amount and payments; the timeline; and the shared decision panel with the actions the cloud
 * offers me now.
 * Aid's own glue: a payment goes to its own route, and objections are decided in their own card.
 */
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import {
  fenToYuanText,
  PAYMENT_KIND_TEXT,
  type AidCaseView,
  type PaymentKind,
} from '../../../../contracts/aid';
import type { DecisionBody } from '../../../../contracts/workflow';
import { Action } from '../../../../components/Action';
import { AidCaseFacts } from '../../../../components/AidCaseFacts';
import { DecisionPanel } from '../../../../components/DecisionPanel';
import { TextArea } from '../../../../components/TextArea';
import { api } from '../../../../services/api';
import { formatDateTime } from '../../../../services/format';
import { useCaseDecision } from '../../../../services/useCaseDecision';
import { useShownData } from '../../../../services/useShownData';
import { CaseHead } from '../../components/CaseHead';
import { OfficerCaseShell } from '../../components/OfficerCaseShell';
import { ApplicantIdNumber } from '../../components/ApplicantIdNumber';
import { CaseRecord } from '../../components/CaseRecord';
import { RevealField } from '../../components/RevealField';
import '../../officer.scss';

/** A decision on an objection names it, and how an upheld one ends. */
type AidDecision = DecisionBody & { objectionId?: string; upholdAs?: 'return' | 'reject' };

/** The route and body for a decision: a payment has its own route and shape. */
function requestOf(view: AidCaseView, d: AidDecision): { path: string; body: Record<string, unknown> } {
  if (d.action === 'record_payment')
    return {
      path: `/api/aid/cases/${view.id}/payments`,
      body: {
        amountFen: d.amountFen,
        kind: d.paymentKind,
        version: view.version,
        ...(d.confirmed ? { confirmRepeat: true } : {}),
      },
    };
  const { confirmed: _confirmed, ...transition } = d;
  return { path: `/api/aid/cases/${view.id}/transitions`, body: { ...transition, version: view.version } };
}

/** The cloud's PAYMENT_REPEAT, as a question naming the earlier payment. */
function repeatQuestion(details: unknown): string {
  const previous = (details as { previous?: { amountFen: number; kind: string; at: string } } | undefined)
    ?.previous;
  if (!previous) return '这一户刚记录过一笔类型和金额都相同的发放。确实要再发一笔吗？';
  const kind = PAYMENT_KIND_TEXT[previous.kind as PaymentKind] ?? '';
  return `这一户在 ${formatDateTime(previous.at)} 已记录过一笔${kind} ${fenToYuanText(previous.amountFen)} 元，和这次的类型、金额都一样。确实要再发一笔吗？`;
}

export default function OfficerAidCasePage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const shown = useShownData(() => api.get<AidCaseView>(`/api/aid/cases/${encodeURIComponent(id)}`));
  const { data: view, error } = shown;
  const decision = useCaseDecision<AidCaseView, AidDecision>(shown, requestOf, (e) =>
    e.code === 'PAYMENT_REPEAT' ? repeatQuestion(e.details) : null,
  );
  const { busy } = decision;
  const [objectionComment, setObjectionComment] = useState('');

  const send = async (d: AidDecision) => {
    if (await decision.send(d)) setObjectionComment('');
  };

  const openObjections = view?.objections.filter((o) => o.status === 'open') ?? [];
  const decidesObjections = Boolean(view?.actions.includes('dismiss_objection'));

  return (
    <OfficerCaseShell view={view} error={error}>
      {(view) => (
        <>
          <CaseHead
            title={view.applicantName}
            orgName={view.orgName}
            statusText={view.statusText}
            readOnlyReason={view.readOnlyReason}
          >
            <ApplicantIdNumber view={view} path="/api/aid/cases" label="身份证号" />
            <RevealField
              id="applicant-bank"
              label="收款银行卡"
              masked={view.form.bankAccountMasked}
              path={`/api/aid/cases/${view.id}/reveal`}
              field="bankAccount"
              needed={view.revealable.includes('bankAccount')}
            />
          </CaseHead>

          <DecisionPanel
            key={`${view.id}-${decision.round}`}
            id="aid-decide"
            offers={view.offers}
            busy={busy}
            refusal={error}
            done={decision.done}
            ask={decision.ask}
            onDecide={(_offer, body) => void send(body)}
            onCancelAsk={decision.cancelAsk}
          />

          {decidesObjections && openObjections.length > 0 ? (
            <View className="card" id="officer-objections">
              <View className="section-title">公示异议（{openObjections.length} 条待处理）</View>
              <View className="field-label">处理意见（认定成立时必填，职工会看到）</View>
              <TextArea
                id="objection-comment"
                label="异议处理意见"
                value={objectionComment}
                maxlength={500}
                onInput={setObjectionComment}
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

          <CaseRecord view={view} paymentKindText={PAYMENT_KIND_TEXT} facts={<AidCaseFacts view={view} />} />
        </>
      )}
    </OfficerCaseShell>
  );
}
