/**
 * 困难帮扶 · 待办: the cases waiting at my level inside my org subtree, newest first, 20 a page,
 * narrowed by status, category, union and submission date. A second view lists filed cases
 * whose yearly re-verification (年审) is due. Each row opens the review page.
 */
import { Picker, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  AID_STATUS_TEXT,
  CATEGORY_TEXT,
  fenToYuanText,
  HARDSHIP_CATEGORIES,
  type AidCaseSummary,
  type AidQueueResponse,
  type AidStatus,
  type HardshipCategory,
} from '../../../../contracts/aid';
import type { Org, OrgListResponse } from '../../../../contracts/orgs';
import { Action } from '../../../../components/Action';
import { ChoiceChips } from '../../../../components/ChoiceChips';
import { EmptyState } from '../../../../components/EmptyState';
import { PageShell } from '../../../../components/PageShell';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { RowEntry } from '../../../../components/RowEntry';
import { api, errorText } from '../../../../services/api';
import { formatDateTime } from '../../../../services/format';
import { useMember } from '../../../../services/member';
import '../../officer.scss';

const PAGE_SIZE = 20;
const CASE_PAGE = '/packages/officer/pages/aid-case/index';
const PUBLICITY_PAGE = '/packages/aid/pages/publicity/index';

type View_ = 'queue' | 'review';
const VIEWS = ['queue', 'review'] as const;
const VIEW_TEXT: Record<View_, string> = { queue: '待我审核', review: '年审到期' };

const ALL = 'all';
type CategoryChoice = HardshipCategory | typeof ALL;
const CATEGORY_CHOICES = [ALL, ...HARDSHIP_CATEGORIES] as const;
const CATEGORY_CHOICE_TEXT: Record<CategoryChoice, string> = { all: '全部', ...CATEGORY_TEXT };

interface Filters {
  status: AidStatus | null;
  category: CategoryChoice;
  orgId: string | null;
  from: string | null;
  to: string | null;
}
const NO_FILTERS: Filters = { status: null, category: ALL, orgId: null, from: null, to: null };

function queryOf(f: Filters, page: number): string {
  const q = ['queue=1', `page=${page}`, `pageSize=${PAGE_SIZE}`];
  if (f.status) q.push(`status=${f.status}`);
  if (f.category !== ALL) q.push(`category=${f.category}`);
  if (f.orgId) q.push(`orgId=${encodeURIComponent(f.orgId)}`);
  if (f.from) q.push(`from=${f.from}`);
  if (f.to) q.push(`to=${f.to}`);
  return q.join('&');
}

function CaseRow({ c }: { c: AidCaseSummary }) {
  return (
    <View
      className="card officer-case"
      id={`case-${c.id}`}
      hoverClass="tile-pressed"
      ariaRole="button"
      onClick={() => void Taro.navigateTo({ url: `${CASE_PAGE}?id=${c.id}` })}
    >
      <View className="officer-case-head">
        <View className="officer-case-name">{c.applicantName}</View>
        <View className="officer-case-status">{c.statusText}</View>
      </View>
      <View className="muted">{c.orgName}</View>
      <View>
        人均月收入 {fenToYuanText(c.perCapitaMonthlyFen)} 元 · 系统判断 {CATEGORY_TEXT[c.suggestedCategory]}
        {c.category ? ` · 已定 ${CATEGORY_TEXT[c.category]}` : ''}
      </View>
      <View className="muted small">{c.submittedAt ? `${formatDateTime(c.submittedAt)} 提交` : ''}</View>
    </View>
  );
}

export default function OfficerAidQueuePage() {
  const member = useMember();
  const [view, setView] = useState<View_>('queue');
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [page, setPage] = useState(1);
  const [data, setData] = useState<AidQueueResponse | null>(null);
  const [due, setDue] = useState<AidCaseSummary[] | null>(null);
  const [orgs, setOrgs] = useState<Org[]>([]);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    const req =
      view === 'queue'
        ? api.get<AidQueueResponse>(`/api/aid/cases?${queryOf(filters, page)}`).then(setData)
        : api.get<{ items: AidCaseSummary[] }>('/api/aid/reviews-due').then((r) => setDue(r.items));
    req.then(() => setError(null)).catch((e: unknown) => setError(errorText(e)));
  }, [view, filters, page]);

  useEffect(load, [load]);
  // back from a review page: the case has moved on, the list must show it
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) load();
    shown.current = true;
  });

  useEffect(() => {
    api
      .get<OrgListResponse>('/api/orgs')
      .then((r) => setOrgs(r.orgs))
      .catch(() => undefined); // the union filter is optional
  }, []);

  const officerOrgId = member?.officerOrgId ?? null;
  const subOrgs = orgs.filter((o) => officerOrgId && o.id !== officerOrgId && o.path.includes(officerOrgId));
  const orgLabels = Object.fromEntries([[ALL, '全部'], ...subOrgs.map((o) => [o.id, o.name])]);
  const setFilter = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const statusChoices = [ALL, ...(data?.statuses ?? [])] as const;

  return (
    <PageShell>
      <ChoiceChips
        id="officer-aid-view"
        options={VIEWS}
        labels={VIEW_TEXT}
        selected={[view]}
        onToggle={setView}
      />
      <ErrorNotice message={error} />

      {view === 'queue' ? (
        <>
          <View className="card officer-filters" id="officer-aid-filters">
            <View className="field-hint">状态</View>
            <ChoiceChips
              id="filter-status"
              options={statusChoices}
              labels={{ all: '全部', ...AID_STATUS_TEXT }}
              selected={[filters.status ?? ALL]}
              onToggle={(s) => setFilter({ status: s === ALL ? null : (s as AidStatus) })}
            />
            <View className="field-hint">困难类别（工会确定的）</View>
            <ChoiceChips
              id="filter-category"
              options={CATEGORY_CHOICES}
              labels={CATEGORY_CHOICE_TEXT}
              selected={[filters.category]}
              onToggle={(c) => setFilter({ category: c })}
            />
            {subOrgs.length > 0 ? (
              <>
                <View className="field-hint">单位</View>
                <ChoiceChips
                  id="filter-org"
                  options={[ALL, ...subOrgs.map((o) => o.id)]}
                  labels={orgLabels}
                  selected={[filters.orgId ?? ALL]}
                  onToggle={(o) => setFilter({ orgId: o === ALL ? null : o })}
                />
              </>
            ) : null}
            <View className="field-hint">提交日期</View>
            <View className="officer-dates">
              <Picker
                mode="date"
                value={filters.from ?? ''}
                onChange={(e) => setFilter({ from: e.detail.value })}
              >
                <View className="chip" id="filter-from">
                  {filters.from ? `从 ${filters.from}` : '从哪天起'}
                </View>
              </Picker>
              <Picker
                mode="date"
                value={filters.to ?? ''}
                onChange={(e) => setFilter({ to: e.detail.value })}
              >
                <View className="chip" id="filter-to">
                  {filters.to ? `到 ${filters.to}` : '到哪天止'}
                </View>
              </Picker>
              {filters.from || filters.to ? (
                <View className="chip" ariaRole="button" onClick={() => setFilter({ from: null, to: null })}>
                  不限日期
                </View>
              ) : null}
            </View>
          </View>

          {data ? (
            <View className="muted small" id="officer-aid-total">
              共 {data.total} 件{data.total > PAGE_SIZE ? `，第 ${page} / ${pages} 页` : ''}
            </View>
          ) : (
            <View className="muted">正在读取…</View>
          )}
          {data && data.items.length === 0 ? (
            <EmptyState title="没有要办的申请">有新的申请到您这一级时，会显示在这里。</EmptyState>
          ) : null}
          <View id="officer-aid-list">
            {data?.items.map((c) => (
              <CaseRow key={c.id} c={c} />
            ))}
          </View>
          {data && pages > 1 ? (
            <View className="officer-pager">
              <Action kind="secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                上一页
              </Action>
              <Action kind="secondary" disabled={page >= pages} onClick={() => setPage(page + 1)}>
                下一页
              </Action>
            </View>
          ) : null}
        </>
      ) : (
        <>
          <View className="muted small">已建档的困难职工每年要重新核实一次家庭情况。</View>
          {due && due.length === 0 ? <EmptyState title="现在没有到期的年审" /> : null}
          {due?.map((c) => (
            <CaseRow key={c.id} c={c} />
          ))}
        </>
      )}

      <View className="list officer-links">
        <RowEntry
          id="officer-publicity-entry"
          label="帮扶公示名单"
          value="查看 ›"
          onClick={() => void Taro.navigateTo({ url: PUBLICITY_PAGE })}
        />
      </View>
    </PageShell>
  );
}
