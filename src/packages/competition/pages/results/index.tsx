/**
 * 比赛成绩: per event, every entry's rank, total and prize (一/二/三等奖, in words), the unit
 * teams' scores (sum of the best N), for participants once published; officers of the organiser
 * see them before, publish them (asked once more on the page) and export them to Excel.
 */
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { CompetitionView, ResultRow, ResultsView } from '../../../../contracts/competitions';
import { Action } from '../../../../components/Action';
import { EmptyState } from '../../../../components/EmptyState';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { PageShell } from '../../../../components/PageShell';
import { api, ApiError, errorText } from '../../../../services/api';
import { downloadFile } from '../../../../services/download';
import { formatDateTime } from '../../../../services/format';
import { useShownData } from '../../../../services/useShownData';
import '../../competition.scss';

function Row({ row, parts }: { row: ResultRow; parts: ResultsView['parts'] }) {
  const partText = parts
    .filter((p) => row.parts[p.key] !== undefined)
    .map((p) => `${p.name} ${row.parts[p.key]}`)
    .join('，');
  return (
    <View className="result-row" id={`result-${row.registrationId}`}>
      <View className="result-rank">{row.rank ? `第${row.rank}名` : '—'}</View>
      <View className="result-body">
        <View className="result-name">{row.name}</View>
        <View className="muted small">{row.orgName}</View>
        {partText ? <View className="muted small">{partText}</View> : null}
        {row.prizeText ? <View className="result-prize">★ {row.prizeText}</View> : null}
      </View>
      <View className="result-total">{row.total === null ? '未评完' : `${row.total} 分`}</View>
    </View>
  );
}

export default function ResultsPage() {
  const { params } = useRouter();
  const id = encodeURIComponent(params.id ?? '');
  const { data, error, reload } = useShownData(async () => {
    const c = await api.get<CompetitionView>(`/api/competitions/${id}`);
    try {
      return { c, results: await api.get<ResultsView>(`/api/competitions/${id}/results`) };
    } catch (e) {
      if (e instanceof ApiError && e.code === 'RESULTS_NOT_PUBLISHED') return { c, results: null };
      throw e;
    }
  });
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [exported, setExported] = useState(false);

  const c = data?.c;
  const results = data?.results;
  const manage = Boolean(c?.can.manage);

  const publish = async () => {
    setBusy(true);
    try {
      await api.post<ResultsView>(`/api/competitions/${id}/results/publish`);
      setConfirming(false);
      setActionError(null);
      await reload();
    } catch (e) {
      setActionError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const exportXlsx = async () => {
    setBusy(true);
    try {
      await downloadFile(`/api/competitions/${id}/results/export`, `${c?.title ?? '竞赛'}成绩.xlsx`, 'xlsx');
      setExported(true);
      setActionError(null);
    } catch (e) {
      setActionError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageShell>
      <ErrorNotice message={error} />
      {c ? (
        <View className="page-title" id="results-title">
          {c.title}
        </View>
      ) : null}
      {data && !results ? (
        <EmptyState title="成绩还没有公布">公布后会在「消息」里通知您，也可以回到这里查看。</EmptyState>
      ) : null}
      {results ? (
        <View className="notice" id="results-state">
          {results.published
            ? `成绩已于 ${formatDateTime(results.publishedAt ?? '')} 公布。`
            : '成绩还没有公布：只有工会干部和评委能看到。'}
          {results.parts.length > 0
            ? ` 总分 = ${results.parts.map((p) => `${p.name} ${p.weight}%`).join(' + ')}（满分 100）。`
            : ''}
        </View>
      ) : null}
      <ErrorNotice id="results-action-error" message={actionError ? `✕ ${actionError}` : null} />
      {results?.events.map((e) => (
        <View key={e.id} id={`results-event-${e.id}`}>
          <View className="section-title">{e.name}</View>
          <View className="card">
            {e.rows.length === 0 ? <View className="muted">这个项目没有参赛人员。</View> : null}
            {e.rows.map((row) => (
              <Row key={row.registrationId} row={row} parts={results.parts} />
            ))}
          </View>
          {e.teams.length > 0 ? (
            <View className="card" id={`results-teams-${e.id}`}>
              <View className="section-title">团体成绩</View>
              {e.teams.map((t) => (
                <View key={t.orgId} className="result-row">
                  <View className="result-rank">第{t.rank}名</View>
                  <View className="result-body">
                    <View className="result-name">{t.orgName}</View>
                    <View className="muted small">前 {t.counted} 名成绩之和</View>
                  </View>
                  <View className="result-total">{t.total} 分</View>
                </View>
              ))}
            </View>
          ) : null}
        </View>
      ))}

      {manage && results && !results.published ? (
        confirming ? (
          <View className="card comp-confirm" id="results-publish-confirm">
            <View>公布后所有参赛人员都能看到成绩，并会收到消息；公布后不能再修改分数。确定公布吗？</View>
            <Action id="results-publish-yes" disabled={busy} onClick={() => void publish()}>
              {busy ? '正在公布…' : '确定公布'}
            </Action>
            <Action kind="secondary" onClick={() => setConfirming(false)}>
              先不公布
            </Action>
          </View>
        ) : (
          <Action id="results-publish" onClick={() => setConfirming(true)}>
            公布成绩
          </Action>
        )
      ) : null}
      {manage && results ? (
        <>
          <Action id="results-export" kind="secondary" disabled={busy} onClick={() => void exportXlsx()}>
            导出 Excel 成绩表
          </Action>
          {exported ? (
            <View className="notice success" id="results-exported" ariaRole="alert">
              ✓ 成绩表已导出
            </View>
          ) : null}
        </>
      ) : null}
    </PageShell>
  );
}
