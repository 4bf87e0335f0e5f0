/**
 * 帮扶公示: approved cases during their 公示, names masked (张*国), with the union and the dates.
 * Anyone who knows a case is not as stated may object in writing; the approving union decides.
 * The objector's own name is not shown to anyone here.
 */
import { Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { CATEGORY_TEXT, type AidPublicityItem } from '../../../../contracts/aid';
import { Action } from '../../../../components/Action';
import { EmptyState } from '../../../../components/EmptyState';
import { FieldError } from '../../../../components/FieldError';
import { PageShell } from '../../../../components/PageShell';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { api, errorText } from '../../../../services/api';
import { submissionKey } from '../../../../services/submission-key';
import { formatDateTime } from '../../../../services/format';
import { useShownData } from '../../../../services/useShownData';
import '../../aid.scss';

const MIN_TEXT = 5;

export default function AidPublicityPage() {
  const { data, error } = useShownData(() => api.get<{ items: AidPublicityItem[] }>('/api/aid/publicity'));
  const items = data?.items ?? null;
  const [objecting, setObjecting] = useState<{ id: string; text: string } | null>(null);
  // a retry after a lost answer is not a second objection; a new one after the cloud answers
  const [submission] = useState(submissionKey);
  const [objectionError, setObjectionError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async () => {
    if (!objecting || busy) return;
    if (objecting.text.trim().length < MIN_TEXT) {
      setObjectionError(`请写清楚异议内容（至少 ${MIN_TEXT} 个字）`);
      return;
    }
    setBusy(true);
    try {
      const body = { text: objecting.text.trim() };
      await api.post(`/api/aid/cases/${objecting.id}/objections`, body, {
        idempotencyKey: submission.current,
      });
      submission.settle();
      setSent(objecting.id);
      setObjecting(null);
    } catch (e) {
      submission.settle(e);
      setObjectionError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageShell>
      <View className="muted small aid-lead-note">
        下面是审批通过、正在公示的帮扶名单。如果您了解到某户情况和申请不符，可以在公示期内提出异议，工会会核实处理。
      </View>
      <ErrorNotice message={error} />
      {items && items.length === 0 ? <EmptyState title="现在没有正在公示的名单" /> : null}
      {items?.map((p) => (
        <View key={p.id} className="card aid-publicity-item" id={`publicity-${p.id}`}>
          <View className="section-title">{p.nameMasked}</View>
          <View>{p.orgName}</View>
          <View>困难类别：{p.category ? CATEGORY_TEXT[p.category] : '—'}</View>
          <View className="muted small">
            公示：{formatDateTime(p.startsAt)} 至 {formatDateTime(p.endsAt)}
          </View>
          {sent === p.id ? (
            <View className="notice success" ariaRole="alert">
              ✓ 异议已提交，工会会核实处理。
            </View>
          ) : null}
          {objecting?.id === p.id ? (
            <View className="field aid-objection">
              <View className="field-label">异议内容</View>
              <Textarea
                id="objection-text"
                className="textarea"
                value={objecting.text}
                maxlength={1000}
                autoHeight
                placeholder="请写清楚您了解到的情况"
                nativeProps={{ 'aria-label': '异议内容' }}
                onInput={(e) => {
                  setObjecting({ ...objecting, text: e.detail.value });
                  setObjectionError(null);
                }}
              />
              <FieldError message={objectionError} />
              <Action id="objection-send" disabled={busy} onClick={() => void send()}>
                {busy ? '正在提交…' : '提交异议'}
              </Action>
              <Action kind="secondary" onClick={() => setObjecting(null)}>
                取消
              </Action>
            </View>
          ) : (
            <Action
              kind="secondary"
              onClick={() => {
                setObjectionError(null);
                setObjecting({ id: p.id, text: '' });
                submission.settle(); // another objection: another request
              }}
            >
              对这一户有异议
            </Action>
          )}
        </View>
      ))}
    </PageShell>
  );
}
