/**
 * 录入成绩 (judges): per event, every entry with a box per scoring part (up to the part's full
 * marks); 保存 sends that entry's parts and shows its new total and rank. Once results are
 * published, scores are frozen and the page says so.
 */
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { ResultRow, ResultsView } from '../../../../contracts/competitions';
import { Action } from '../../../../components/Action';
import { ChoiceChips } from '../../../../components/ChoiceChips';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { PageShell } from '../../../../components/PageShell';
import { TextField } from '../../../../components/TextField';
import { api, errorText } from '../../../../services/api';
import { useShownData } from '../../../../services/useShownData';
import '../../officer.scss';

function ScoreRow({
  competitionId,
  row,
  parts,
  frozen,
}: {
  competitionId: string;
  row: ResultRow;
  parts: ResultsView['parts'];
  frozen: boolean;
}) {
  const [typed, setTyped] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      parts.map((p) => [p.key, row.parts[p.key] === undefined ? '' : String(row.parts[p.key])]),
    ),
  );
  const [now, setNow] = useState(row);
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const entered: Record<string, number> = {};
    for (const p of parts) {
      const t = typed[p.key].trim();
      if (!t) continue;
      const n = Number(t);
      if (!/^\d+(\.\d{1,2})?$/.test(t) || n > p.maxPoints) {
        setSaid({ ok: false, text: `${p.name}请填 0 到 ${p.maxPoints} 分，最多两位小数` });
        return;
      }
      entered[p.key] = n;
    }
    if (Object.keys(entered).length === 0) {
      setSaid({ ok: false, text: '请至少填一项分数' });
      return;
    }
    setBusy(true);
    try {
      const r = await api.post<ResultRow>(`/api/competitions/${competitionId}/scores`, {
        registrationId: row.registrationId,
        parts: entered,
      });
      setNow(r);
      setSaid({
        ok: true,
        text: r.total === null ? '已保存，其他项还没录入' : `已保存：总分 ${r.total}，第 ${r.rank} 名`,
      });
    } catch (e) {
      setSaid({ ok: false, text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card" id={`score-${row.registrationId}`}>
      <View className="officer-case-head">
        <View className="officer-case-name">{now.name}</View>
        <View className="officer-case-status">{now.total === null ? '未评完' : `${now.total} 分`}</View>
      </View>
      <View className="muted">
        {now.orgName}
        {now.checkedIn ? ' · 已签到' : ' · 未签到'}
      </View>
      {parts.map((p) => (
        <TextField
          key={p.key}
          id={`score-${row.registrationId}-${p.key}`}
          label={`${p.name}（满分 ${p.maxPoints}，占 ${p.weight}%）`}
          keypad="decimal"
          value={typed[p.key]}
          onInput={(v) => setTyped((old) => ({ ...old, [p.key]: v }))}
        />
      ))}
      {said ? (
        <View className={said.ok ? 'notice success' : 'notice error'} ariaRole="alert">
          {said.ok ? '✓' : '✕'} {said.text}
        </View>
      ) : null}
      {frozen ? null : (
        <Action id={`score-${row.registrationId}-save`} disabled={busy} onClick={() => void save()}>
          {busy ? '正在保存…' : '保存'}
        </Action>
      )}
    </View>
  );
}

export default function ScoresPage() {
  const { params } = useRouter();
  const id = encodeURIComponent(params.id ?? '');
  const { data, error } = useShownData(() => api.get<ResultsView>(`/api/competitions/${id}/results`));
  const [eventId, setEventId] = useState<string | null>(null);
  const events = data?.events ?? [];
  const chosen = events.find((e) => e.id === eventId) ?? events[0];
  const names = Object.fromEntries(events.map((e) => [e.id, e.name]));

  return (
    <PageShell>
      <ErrorNotice message={error} />
      {data?.published ? <View className="notice">成绩已经公布，不能再修改。</View> : null}
      {events.length > 1 ? (
        <ChoiceChips
          id="scores-event"
          options={events.map((e) => e.id)}
          labels={names}
          selected={chosen ? [chosen.id] : []}
          onToggle={setEventId}
        />
      ) : null}
      {chosen && chosen.rows.length === 0 ? <View className="muted">这个项目没有参赛人员。</View> : null}
      {data && chosen
        ? chosen.rows.map((row) => (
            <ScoreRow
              key={`${chosen.id}-${row.registrationId}`}
              competitionId={id}
              row={row}
              parts={data.parts}
              frozen={data.published}
            />
          ))
        : null}
    </PageShell>
  );
}
