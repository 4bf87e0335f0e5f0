/**
 * 查看完整号码的记录: every time an officer of my subtree read a member's full ID number or bank
 * account, newest first: who (and their union), whose value, which, when, and why (the purpose
 * chosen and the words given), for which application. Officers read it to keep each other honest
 * (PIPL: access to sensitive data is logged and reviewed).
 */
import { View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import type { RevealReportResponse } from '../../../../contracts/privacy';
import { Action } from '../../../../components/Action';
import { EmptyState } from '../../../../components/EmptyState';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { PageShell } from '../../../../components/PageShell';
import { api } from '../../../../services/api';
import { formatDateTime } from '../../../../services/format';
import { useShownData } from '../../../../services/useShownData';
import '../../officer.scss';

const PAGE_SIZE = 20;

export default function RevealReportPage() {
  const [page, setPage] = useState(1);
  const { data, error, reload } = useShownData(() =>
    api.get<RevealReportResponse>(`/api/members/reveals?page=${page}&pageSize=${PAGE_SIZE}`),
  );
  const first = useRef(true);
  useEffect(() => {
    // shown: useShownData reads page 1; a page turned afterwards is read here
    if (first.current) first.current = false;
    else void reload();
  }, [page, reload]);
  const go = (p: number) => setPage(p);
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  return (
    <PageShell>
      <ErrorNotice message={error} />
      {data && data.items.length === 0 ? <EmptyState title="还没有人查看过完整号码" /> : null}
      {data?.items.map((r, i) => (
        <View key={`${r.at}-${i}`} className="card" id={`reveal-${i}`}>
          <View className="section-title">
            {r.officerName ?? '工会干部'}（{r.officerOrgName ?? '—'}）
          </View>
          <View>
            查看了 {r.memberName ?? '会员'} 的{r.fieldText}
          </View>
          <View>
            用途：{r.purposeText}
            {r.note ? `，${r.note}` : ''}
          </View>
          <View className="muted small">{formatDateTime(r.at)}</View>
        </View>
      ))}
      {data && pages > 1 ? (
        <View>
          <View className="muted small">
            第 {page} 页，共 {pages} 页
          </View>
          {page > 1 ? (
            <Action kind="secondary" onClick={() => go(page - 1)}>
              上一页
            </Action>
          ) : null}
          {page < pages ? (
            <Action kind="secondary" onClick={() => go(page + 1)}>
              下一页
            </Action>
          ) : null}
        </View>
      ) : null}
    </PageShell>
  );
}
