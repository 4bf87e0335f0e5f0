/**
 * 实名信息修改确认: members of my subtree who asked to change their name or ID number after they
 * had submitted an application. Each shows the old and the new (ID numbers masked); I confirm it
 * (after checking their papers) or refuse it with a reason the member reads. Applications keep
 * the identity they were submitted with either way.
 */
import { View } from '@tarojs/components';
import { useState } from 'react';
import type { IdentityChangeListResponse } from '../../../../contracts/members';
import { Action } from '../../../../components/Action';
import { EmptyState } from '../../../../components/EmptyState';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Fact } from '../../../../components/Facts';
import { MaskedText } from '../../../../components/MaskedText';
import { PageShell } from '../../../../components/PageShell';
import { TextField } from '../../../../components/TextField';
import { api, errorText } from '../../../../services/api';
import { formatDateTime } from '../../../../services/format';
import { useShownData } from '../../../../services/useShownData';
import '../../officer.scss';

export default function IdentityChangesPage() {
  const { data, error, reload } = useShownData(() =>
    api.get<IdentityChangeListResponse>('/api/members/identity-changes'),
  );
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const decide = async (memberId: string, decision: 'confirm' | 'refuse') => {
    const comment = reasons[memberId]?.trim();
    if (decision === 'refuse' && !comment) return setProblem('不同意时请写明原因，会员会看到');
    setBusy(memberId);
    setProblem(null);
    try {
      await api.post(`/api/members/${memberId}/identity-change`, {
        decision,
        ...(comment ? { comment } : {}),
      });
      setDone(
        decision === 'confirm'
          ? '已确认修改，会员会在「消息」里收到通知。'
          : '已不同意修改，会员会在「消息」里看到原因。',
      );
      await reload();
    } catch (e) {
      setProblem(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <PageShell>
      {done ? (
        <View className="notice success" id="identity-done" ariaRole="alert">
          ✓ {done}
        </View>
      ) : null}
      <ErrorNotice message={problem ?? error} />
      <View className="muted small">
        会员已有提交过的申请，修改姓名或身份证号要由工会核对证件后确认。已提交的申请仍按提交时的信息办理。
      </View>
      {data && data.items.length === 0 ? <EmptyState title="没有要确认的修改" /> : null}
      {data?.items.map((c) => (
        <View key={c.memberId} className="card" id={`identity-${c.memberId}`}>
          <View className="section-title">{c.name ?? '（未登记姓名）'}</View>
          <View className="muted">{c.orgName}</View>
          <Fact label="姓名" changed={c.nameChanged}>
            {c.nameChanged ? (
              <>
                <View>原来：{c.name}</View>
                <View>改为：{c.newName}</View>
              </>
            ) : (
              `${c.name ?? ''}（不变）`
            )}
          </Fact>
          <Fact label="身份证号" changed={c.idNumberChanged}>
            {c.idNumberChanged ? (
              <>
                <View>
                  原来：
                  <MaskedText value={c.idNumberMasked} />
                </View>
                <View>
                  改为：
                  <MaskedText value={c.newIdNumberMasked} />
                </View>
              </>
            ) : (
              '不变'
            )}
          </Fact>
          <View className="muted small identity-requested">{formatDateTime(c.requestedAt)} 申请修改</View>
          <TextField
            id={`identity-reason-${c.memberId}`}
            label="说明（不同意时必填，会员会看到）"
            maxlength={200}
            value={reasons[c.memberId] ?? ''}
            onInput={(text) => setReasons((r) => ({ ...r, [c.memberId]: text }))}
          />
          <Action
            id={`identity-confirm-${c.memberId}`}
            disabled={busy !== null}
            onClick={() => void decide(c.memberId, 'confirm')}
          >
            {busy === c.memberId ? '正在提交…' : '核对无误，确认修改'}
          </Action>
          <Action kind="secondary" disabled={busy !== null} onClick={() => void decide(c.memberId, 'refuse')}>
            不同意修改
          </Action>
        </View>
      ))}
    </PageShell>
  );
}
