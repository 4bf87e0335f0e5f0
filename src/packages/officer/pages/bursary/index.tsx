/**
 * 金秋助学 · 待办: the kit's queue (the applications waiting at my level inside my org subtree,
 * newest first, 20 a page, narrowed by status, union and submission date) with 金秋助学's own
 * filter, the school level. Each row opens the review page. A 区/市 officer also finds the year's
 * campaign settings here; everyone finds the 公示 list.
 */
import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useRef, useState } from 'react';
import {
  BURSARY_GROUP_TEXT,
  BURSARY_STATUS_TEXT,
  SCHOOL_LEVEL_TEXT,
  SCHOOL_LEVELS,
  type BursarySummary,
} from '../../../../contracts/bursary';
import { fenToYuanText } from '../../../../contracts/money';
import { CaseQueue, type QueueChoice } from '../../../../components/CaseQueue';
import { PageShell } from '../../../../components/PageShell';
import { RowEntry } from '../../../../components/RowEntry';
import { formatDateTime } from '../../../../services/format';
import { useMember } from '../../../../services/member';
import '../../officer.scss';

const CASE_PAGE = '/packages/officer/pages/bursary-case/index';
const CAMPAIGN_PAGE = '/packages/officer/pages/bursary-campaign/index';
const PUBLICITY_PAGE = '/packages/bursary/pages/publicity/index';

const CHOICES: QueueChoice[] = [
  { key: 'level', label: '学段', options: SCHOOL_LEVELS, labels: SCHOOL_LEVEL_TEXT },
];

function ApplicationRow({ a }: { a: BursarySummary }) {
  return (
    <View
      className="card officer-case"
      id={`case-${a.id}`}
      hoverClass="tile-pressed"
      ariaRole="button"
      onClick={() => void Taro.navigateTo({ url: `${CASE_PAGE}?id=${a.id}` })}
    >
      <View className="officer-case-head">
        <View className="officer-case-name">{a.childName}</View>
        <View className="officer-case-status">{a.statusText}</View>
      </View>
      <View className="muted">
        家长 {a.applicantName} · {a.orgName}
      </View>
      <View>
        {SCHOOL_LEVEL_TEXT[a.level]} · {BURSARY_GROUP_TEXT[a.group]} · 标准{' '}
        {fenToYuanText(a.standardAmountFen)} 元
      </View>
      <View className="muted small">{a.submittedAt ? `${formatDateTime(a.submittedAt)} 提交` : ''}</View>
    </View>
  );
}

export default function OfficerBursaryQueuePage() {
  const member = useMember();
  /** bumps when the page is shown again: back from a review page, the application has moved on */
  const [shownAt, setShownAt] = useState(0);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) setShownAt((n) => n + 1);
    shown.current = true;
  });
  const setsCampaigns = member?.officerLevel === 'district' || member?.officerLevel === 'city';

  return (
    <PageShell>
      <CaseQueue<BursarySummary>
        idPrefix="officer-bursary"
        path="/api/bursary/applications"
        statusText={BURSARY_STATUS_TEXT}
        choices={CHOICES}
        refresh={shownAt}
        renderItem={(a) => <ApplicationRow key={a.id} a={a} />}
      />
      <View className="list officer-links">
        {setsCampaigns ? (
          <RowEntry
            id="officer-campaign-entry"
            label="今年的金秋助学设置"
            value="查看 ›"
            onClick={() => void Taro.navigateTo({ url: CAMPAIGN_PAGE })}
          />
        ) : null}
        <RowEntry
          id="officer-publicity-entry"
          label="助学公示名单"
          value="查看 ›"
          onClick={() => void Taro.navigateTo({ url: PUBLICITY_PAGE })}
        />
      </View>
    </PageShell>
  );
}
