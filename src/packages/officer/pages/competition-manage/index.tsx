/**
 * One competition for an officer: where registration stands per event, what to do at the venue
 * (扫码验票, 现场签到大屏), scores (录入成绩 for judges) and results (公布, 导出), nominating
 * members of the officer's subtree, and the entries the officer may see.
 */
import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type {
  CandidateView,
  CompetitionView,
  RegistrationListResponse,
  RegistrationView,
} from '../../../../contracts/competitions';
import { Action } from '../../../../components/Action';
import { ChoiceChips } from '../../../../components/ChoiceChips';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Fact, FactCard } from '../../../../components/Facts';
import { PageShell } from '../../../../components/PageShell';
import { TextField } from '../../../../components/TextField';
import { api, errorText } from '../../../../services/api';
import { formatDateTime } from '../../../../services/format';
import { useShownData } from '../../../../services/useShownData';
import { SCANNER_PAGE, SCORES_PAGE, VENUE_PAGE } from '../../competitionLinks';
import '../../officer.scss';

const RESULTS_PAGE = '/packages/competition/pages/results/index';
const go = (url: string) => void Taro.navigateTo({ url });

function Nominate({ c, onDone }: { c: CompetitionView; onDone: () => void }) {
  const [eventId, setEventId] = useState(c.events[0]?.id ?? '');
  const [q, setQ] = useState('');
  const [found, setFound] = useState<CandidateView[] | null>(null);
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const names = Object.fromEntries(c.events.map((e) => [e.id, e.name]));

  const search = async () => {
    try {
      setFound(
        (
          await api.get<{ items: CandidateView[] }>(
            `/api/competitions/${c.id}/candidates?q=${encodeURIComponent(q.trim())}`,
          )
        ).items,
      );
      setSaid(null);
    } catch (e) {
      setSaid({ ok: false, text: errorText(e) });
    }
  };
  const nominate = async (m: CandidateView) => {
    setBusy(true);
    try {
      const r = await api.post<RegistrationView>(`/api/competitions/${c.id}/nominations`, {
        eventId,
        memberId: m.memberId,
      });
      setSaid({
        ok: true,
        text: `已推荐 ${m.name} 参加「${names[eventId]}」：${r.status === 'registered' ? '已报名' : `候补第 ${r.waitlistPosition ?? ''} 位`}`,
      });
      onDone();
    } catch (e) {
      setSaid({ ok: false, text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card" id="nominate">
      <View className="section-title">推荐本单位职工报名</View>
      <ChoiceChips
        id="nominate-event"
        options={c.events.map((e) => e.id)}
        labels={names}
        selected={[eventId]}
        onToggle={setEventId}
      />
      <TextField id="nominate-q" label="姓名" value={q} placeholder="输入姓名查找" onInput={setQ} />
      <Action id="nominate-search" kind="secondary" onClick={() => void search()}>
        查找
      </Action>
      {said ? (
        <View className={said.ok ? 'notice success' : 'notice error'} ariaRole="alert">
          {said.ok ? '✓' : '✕'} {said.text}
        </View>
      ) : null}
      {found && found.length === 0 ? <View className="muted">没有找到可以推荐的职工。</View> : null}
      {found?.map((m) => (
        <View
          key={m.memberId}
          className="row-entry"
          hoverClass="row-pressed"
          ariaRole="button"
          onClick={busy ? undefined : () => void nominate(m)}
        >
          <View className="row-entry-label">
            {m.name} · {m.orgName}
          </View>
          <View className="row-entry-value">推荐 ›</View>
        </View>
      ))}
    </View>
  );
}

export default function CompetitionManagePage() {
  const { params } = useRouter();
  const id = encodeURIComponent(params.id ?? '');
  const { data, error, reload } = useShownData(async () => {
    const [c, regs] = await Promise.all([
      api.get<CompetitionView>(`/api/competitions/${id}`),
      api.get<RegistrationListResponse>(`/api/competitions/${id}/registrations`),
    ]);
    return { c, regs: regs.items };
  });
  const c = data?.c;

  return (
    <PageShell>
      <ErrorNotice message={error} />
      {c ? (
        <>
          <View className="page-title" id="manage-title">
            {c.title}
          </View>
          <FactCard title={`${c.kindText} · ${c.phaseText}`} id="manage-facts">
            <Fact label="比赛时间">{formatDateTime(c.startsAt)}</Fact>
            <Fact label="地点">{c.venue}</Fact>
            <Fact label="报名截止">{formatDateTime(c.registrationClosesAt)}</Fact>
            {c.events.map((e) => (
              <Fact key={e.id} label={e.name}>
                已报 {e.registered} / {e.capacity} 人{e.waitlisted ? `，候补 ${e.waitlisted} 人` : ''}
              </Fact>
            ))}
          </FactCard>

          {c.can.scan ? (
            <>
              <Action id="manage-scan" onClick={() => go(`${SCANNER_PAGE}?id=${c.id}`)}>
                扫码验票
              </Action>
              <Action id="manage-venue" kind="secondary" onClick={() => go(`${VENUE_PAGE}?id=${c.id}`)}>
                现场签到大屏
              </Action>
              <View className="muted small">
                签到大屏请在现场的电脑或平板浏览器里打开，职工用小程序首页的「扫码签到」扫它。
              </View>
            </>
          ) : null}
          {c.can.judge ? (
            <Action id="manage-scores" kind="secondary" onClick={() => go(`${SCORES_PAGE}?id=${c.id}`)}>
              录入成绩
            </Action>
          ) : null}
          <Action id="manage-results" kind="secondary" onClick={() => go(`${RESULTS_PAGE}?id=${c.id}`)}>
            {c.can.manage ? '成绩、公布和导出' : '查看成绩'}
          </Action>

          {c.can.nominate ? <Nominate c={c} onDone={() => void reload()} /> : null}

          <View className="section-title">报名名单（{data.regs.length} 人）</View>
          <View className="list" id="manage-registrations">
            {data.regs.map((r) => (
              <View key={r.id} className="row-entry">
                <View className="row-entry-label">
                  {r.name} · {r.eventName}
                </View>
                <View className="row-entry-value">
                  {r.status === 'waitlisted' && r.waitlistPosition
                    ? `候补第 ${r.waitlistPosition} 位`
                    : r.statusText}
                  {r.checkins.length ? ' · 已签到' : ''}
                </View>
              </View>
            ))}
          </View>
        </>
      ) : null}
    </PageShell>
  );
}
