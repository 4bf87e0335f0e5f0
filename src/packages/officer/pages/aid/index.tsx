/**
 * 困难帮扶 · 待办: the kit's queue (the cases waiting at my level inside my org subtree, newest
 * first, 20 a page, narrowed by status, union and submission date) with aid's own filter, the
 * category. A second view lists filed cases whose yearly re-verification (年审) is due. Each row
 * opens the review page.
 */
import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import {
  AID_STATUS_TEXT,
  CATEGORY_TEXT,
  fenToYuanText,
  HARDSHIP_CATEGORIES,
  type AidCaseSummary,
} from '../../../../contracts/aid';
import { CaseQueue, type QueueChoice } from '../../../../components/CaseQueue';
import { ChoiceChips } from '../../../../components/ChoiceChips';
import { EmptyState } from '../../../../components/EmptyState';
import { PageShell } from '../../../../components/PageShell';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { RowEntry } from '../../../../components/RowEntry';
import { api, errorText } from '../../../../services/api';
import { formatDateTime, keepWithUnit } from '../../../../services/format';
import '../../officer.scss';

const CASE_PAGE = '/packages/officer/pages/aid-case/index';
const PUBLICITY_PAGE = '/packages/aid/pages/publicity/index';

type View_ = 'queue' | 'review';
const VIEWS = ['queue', 'review'] as const;
const VIEW_TEXT: Record<View_, string> = { queue: '待我审核', review: '年审到期' };

const CHOICES: QueueChoice[] = [
  { key: 'category', label: '困难类别（工会确定的）', options: HARDSHIP_CATEGORIES, labels: CATEGORY_TEXT },
];

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
        {keepWithUnit(`人均月收入 ${fenToYuanText(c.perCapitaMonthlyFen)} 元`)} · 系统判断{' '}
        {CATEGORY_TEXT[c.suggestedCategory]}
        {c.category ? ` · 已定 ${CATEGORY_TEXT[c.category]}` : ''}
      </View>
      <View className="muted small">{c.submittedAt ? `${formatDateTime(c.submittedAt)} 提交` : ''}</View>
    </View>
  );
}

export default function OfficerAidQueuePage() {
  const [view, setView] = useState<View_>('queue');
  const [due, setDue] = useState<AidCaseSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** bumps when the page is shown again: back from a review page, the case has moved on */
  const [shownAt, setShownAt] = useState(0);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) setShownAt((n) => n + 1);
    shown.current = true;
  });

  useEffect(() => {
    if (view !== 'review') return;
    api
      .get<{ items: AidCaseSummary[] }>('/api/aid/reviews-due')
      .then((r) => {
        setDue(r.items);
        setError(null);
      })
      .catch((e: unknown) => setError(errorText(e)));
  }, [view, shownAt]);

  return (
    <PageShell>
      <ChoiceChips
        id="officer-aid-view"
        options={VIEWS}
        labels={VIEW_TEXT}
        selected={[view]}
        onToggle={setView}
      />

      {view === 'queue' ? (
        <CaseQueue<AidCaseSummary>
          idPrefix="officer-aid"
          path="/api/aid/cases"
          statusText={AID_STATUS_TEXT}
          choices={CHOICES}
          refresh={shownAt}
          renderItem={(c) => <CaseRow key={c.id} c={c} />}
        />
      ) : (
        <>
          <ErrorNotice message={error} />
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
