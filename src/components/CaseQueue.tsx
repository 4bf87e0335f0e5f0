/**
 * An officer's queue, for any program of the review kit: the cases waiting at their level in
 * their subtree (the program's list route with `queue=1`), newest first, 20 a page, narrowed by
 * the statuses of their level (the API says which), the program's own choices (e.g. a category),
 * one union below theirs, and the submission dates. `refresh` changes when the page is shown
 * again: a case decided meanwhile has moved on and must leave the list.
 * The cases come first: the filters fold into one row that says which are in force (筛选：全部,
 * or the chosen ones in words) and opens them when tapped, so at 市 level a dozen union chips do
 * not push the only waiting case below the first screen.
 */
import { Picker, View } from '@tarojs/components';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { CaseQueueResponse } from '../contracts/workflow';
import type { Org, OrgListResponse } from '../contracts/orgs';
import { api, errorText } from '../services/api';
import { useMember } from '../services/member';
import { Action } from './Action';
import { ChoiceChips } from './ChoiceChips';
import { EmptyState } from './EmptyState';
import { ErrorNotice } from './ErrorNotice';
import './CaseQueue.scss';

const PAGE_SIZE = 20;
const ALL = 'all';

/** A filter of the program's own: one of `options`, or all. */
export interface QueueChoice {
  /** the list route's query parameter, and the chips' id: filter-<key> */
  key: string;
  label: string;
  options: readonly string[];
  labels: Readonly<Record<string, string>>;
}

interface Filters {
  status: string | null;
  choices: Record<string, string | null>;
  orgId: string | null;
  from: string | null;
  to: string | null;
}
const NO_FILTERS: Filters = { status: null, choices: {}, orgId: null, from: null, to: null };

function queryOf(f: Filters, page: number): string {
  const q = ['queue=1', `page=${page}`, `pageSize=${PAGE_SIZE}`];
  if (f.status) q.push(`status=${f.status}`);
  for (const [key, value] of Object.entries(f.choices))
    if (value) q.push(`${key}=${encodeURIComponent(value)}`);
  if (f.orgId) q.push(`orgId=${encodeURIComponent(f.orgId)}`);
  if (f.from) q.push(`from=${f.from}`);
  if (f.to) q.push(`to=${f.to}`);
  return q.join('&');
}

interface Props<T extends { id: string }> {
  /** ids: <idPrefix>-filters, -total, -list */
  idPrefix: string;
  /** the program's case list route, e.g. /api/aid/cases */
  path: string;
  statusText: Readonly<Record<string, string>>;
  choices?: readonly QueueChoice[];
  refresh: number;
  renderItem: (item: T) => ReactNode;
}

export function CaseQueue<T extends { id: string }>({
  idPrefix,
  path,
  statusText,
  choices = [],
  refresh,
  renderItem,
}: Props<T>) {
  const member = useMember();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [page, setPage] = useState(1);
  const [data, setData] = useState<CaseQueueResponse<T> | null>(null);
  const [orgs, setOrgs] = useState<Org[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [filtersOpen, setFiltersOpen] = useState(false);

  const load = useCallback(() => {
    api
      .get<CaseQueueResponse<T>>(`${path}?${queryOf(filters, page)}`)
      .then((d) => {
        setData(d);
        setError(null);
      })
      .catch((e: unknown) => setError(errorText(e)));
  }, [path, filters, page]);
  useEffect(load, [load, refresh]);

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
  // the filters in force, in words, for the folded row
  const inForce = [
    filters.status ? statusText[filters.status] : null,
    ...choices.map((c) => {
      const v = filters.choices[c.key];
      return v ? c.labels[v] : null;
    }),
    filters.orgId ? orgLabels[filters.orgId] : null,
    filters.from || filters.to ? `${filters.from ?? '最早'} 至 ${filters.to ?? '今天'}` : null,
  ].filter((x): x is string => Boolean(x));

  return (
    <>
      <ErrorNotice message={error} />
      <View
        className="queue-filter-toggle"
        id={`${idPrefix}-filter-toggle`}
        hoverClass="row-pressed"
        ariaRole="button"
        onClick={() => setFiltersOpen(!filtersOpen)}
      >
        <View className="queue-filter-summary">
          {inForce.length ? `筛选（${inForce.length} 项）：${inForce.join('、')}` : '筛选：全部申请'}
        </View>
        <View className="queue-filter-open">{filtersOpen ? '收起 ▴' : '筛选 ▾'}</View>
      </View>
      {filtersOpen ? (
        <View className="card queue-filters" id={`${idPrefix}-filters`}>
          <View className="field-hint">状态</View>
          <ChoiceChips
            id="filter-status"
            options={[ALL, ...(data?.statuses ?? [])]}
            labels={{ ...statusText, [ALL]: '全部' }}
            selected={[filters.status ?? ALL]}
            onToggle={(s) => setFilter({ status: s === ALL ? null : s })}
          />
          {choices.map((c) => (
            <View key={c.key}>
              <View className="field-hint">{c.label}</View>
              <ChoiceChips
                id={`filter-${c.key}`}
                options={[ALL, ...c.options]}
                labels={{ ...c.labels, [ALL]: '全部' }}
                selected={[filters.choices[c.key] ?? ALL]}
                onToggle={(v) =>
                  setFilter({ choices: { ...filters.choices, [c.key]: v === ALL ? null : v } })
                }
              />
            </View>
          ))}
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
          <View className="queue-dates">
            <Picker
              mode="date"
              value={filters.from ?? ''}
              onChange={(e) => setFilter({ from: e.detail.value })}
            >
              <View className="chip" id="filter-from">
                {filters.from ? `从 ${filters.from}` : '从哪天起'}
              </View>
            </Picker>
            <Picker mode="date" value={filters.to ?? ''} onChange={(e) => setFilter({ to: e.detail.value })}>
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
          {inForce.length ? (
            <Action kind="secondary" onClick={() => setFilter({ ...NO_FILTERS })}>
              清除筛选，看全部
            </Action>
          ) : null}
        </View>
      ) : null}

      {data ? (
        <View className="muted small" id={`${idPrefix}-total`}>
          共 {data.total} 件{data.total > PAGE_SIZE ? `，第 ${page} / ${pages} 页` : ''}
        </View>
      ) : (
        <View className="muted">正在读取…</View>
      )}
      {data && data.items.length === 0 ? (
        <EmptyState title="没有要办的申请">有新的申请到您这一级时，会显示在这里。</EmptyState>
      ) : null}
      <View id={`${idPrefix}-list`}>{data?.items.map(renderItem)}</View>
      {data && pages > 1 ? (
        <View className="queue-pager">
          <Action kind="secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            上一页
          </Action>
          <Action kind="secondary" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            下一页
          </Action>
        </View>
      ) : null}
    </>
  );
}
