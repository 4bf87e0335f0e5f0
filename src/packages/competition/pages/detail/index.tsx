/**
 * One competition for a worker: what, when, where and the rules in plain words; the worker's own
 * entries (registered with a ticket, waiting with their place, nominated by their union) with
 * cancelling asked once more on the page; every event with its seats left or waiting list, and
 * 报名 (or 报名候补 when full) where the worker may still enter. Results once published.
 */
import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import {
  ENTRY_MODE_TEXT,
  type CompetitionView,
  type EventView,
  type RegistrationView,
} from '../../../../contracts/competitions';
import { Action } from '../../../../components/Action';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Fact, FactCard } from '../../../../components/Facts';
import { PageShell } from '../../../../components/PageShell';
import { api, errorText } from '../../../../services/api';
import { formatDateTime } from '../../../../services/format';
import { profilePage, useMember } from '../../../../services/member';
import { scrollToId } from '../../../../services/scrollTo';
import { useShownData } from '../../../../services/useShownData';
import { resultsLink, ticketLink } from '../../links';
import { seatsLeft, seatsText } from '../../seats';
import '../../competition.scss';

const go = (url: string) => void Taro.navigateTo({ url });

function entryStatus(r: RegistrationView): string {
  if (r.status === 'waitlisted') return r.waitlistPosition ? `候补第 ${r.waitlistPosition} 位` : r.statusText;
  return r.statusText;
}

function MyEntry({
  c,
  r,
  confirming,
  busy,
  onAskCancel,
  onCancel,
  onKeep,
}: {
  c: CompetitionView;
  r: RegistrationView;
  confirming: boolean;
  busy: boolean;
  onAskCancel: () => void;
  onCancel: () => void;
  onKeep: () => void;
}) {
  return (
    <View className="card" id={`entry-${r.id}`}>
      <View className="comp-card-head">
        <View className="section-title comp-card-title">{r.eventName}</View>
        <View className="comp-entry-status" id={`entry-${r.id}-status`}>
          {entryStatus(r)}
        </View>
      </View>
      {r.nominated ? (
        <View id={`entry-${r.id}-nominated`}>
          由{r.orgName}推荐报名{r.teamLeader ? '，担任领队' : ''}。
        </View>
      ) : null}
      {r.status === 'waitlisted' ? (
        <View className="muted">
          有人取消时按顺序递补，递补成功会在「消息」里通知您，入场券也会在这里出现。
        </View>
      ) : null}
      {r.status === 'registered' ? (
        <Action id={`entry-${r.id}-ticket`} onClick={() => go(ticketLink(c.id, r.id))}>
          查看入场券
        </Action>
      ) : null}
      {confirming ? (
        <View className="card comp-confirm" id={`entry-${r.id}-confirm`}>
          <View>
            确定取消「{r.eventName}」的{r.status === 'waitlisted' ? '候补' : '报名'}
            吗？取消后名额会让给候补的人，不能恢复。
          </View>
          <Action id={`entry-${r.id}-cancel-yes`} disabled={busy} onClick={onCancel}>
            {busy ? '正在取消…' : '确定取消'}
          </Action>
          <Action kind="secondary" onClick={onKeep}>
            不取消
          </Action>
        </View>
      ) : (
        <Action id={`entry-${r.id}-cancel`} kind="secondary" onClick={onAskCancel}>
          {r.status === 'waitlisted' ? '取消候补' : '取消报名'}
        </Action>
      )}
    </View>
  );
}

function Rules({ c }: { c: CompetitionView }) {
  const lines = [
    `报名时间：${formatDateTime(c.registrationOpensAt)} 至 ${formatDateTime(c.registrationClosesAt)}`,
    `报名方式：${ENTRY_MODE_TEXT[c.entryMode]}${c.entryMode === 'team' ? '，由基层工会推荐' : ''}`,
    c.onePerPerson ? '每人只能报一个项目' : null,
    c.perUnitQuota ? `每个基层工会每个项目最多 ${c.perUnitQuota} 人` : null,
    `请提前 30 分钟到场，凭入场券和身份证签到；比赛开始 ${c.lateLimitMinutes} 分钟后不能再入场`,
  ].filter((l): l is string => Boolean(l));
  return (
    <View id="competition-rules">
      {lines.map((l) => (
        <View key={l} className="comp-rules-line">
          · {l}
        </View>
      ))}
    </View>
  );
}

export default function CompetitionDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const member = useMember();
  const needsProfile = Boolean(member && !member.profileComplete);
  const {
    data: c,
    error,
    reload,
  } = useShownData(() => api.get<CompetitionView>(`/api/competitions/${encodeURIComponent(id)}`));
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  const say = (ok: string | null, problem: string | null) => {
    setDone(ok);
    setActionError(problem);
    scrollToId('competition-action-result');
  };

  const register = async (e: EventView) => {
    if (!c || busy) return;
    setBusy(true);
    try {
      const r = await api.post<RegistrationView>(`/api/competitions/${c.id}/registrations`, {
        eventId: e.id,
      });
      await reload();
      say(
        r.status === 'registered'
          ? `「${e.name}」报名成功。入场券在「我的报名」里，比赛当天给检票人员扫一下。`
          : `「${e.name}」名额已满，您已排在候补第 ${r.waitlistPosition ?? ''} 位。有人取消时按顺序递补，递补成功会在「消息」里通知您。`,
        null,
      );
    } catch (err) {
      say(null, errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const cancel = async (r: RegistrationView) => {
    if (!c || busy) return;
    setBusy(true);
    try {
      await api.del<RegistrationView>(`/api/competitions/${c.id}/registrations/${r.id}`);
      setConfirming(null);
      await reload();
      say(`已取消「${r.eventName}」的${r.status === 'waitlisted' ? '候补' : '报名'}。`, null);
    } catch (err) {
      say(null, errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const mine = c?.myRegistrations ?? [];
  const entered = (e: EventView) => mine.some((r) => r.eventId === e.id);
  const blockedByOnePerPerson = Boolean(c?.onePerPerson && mine.length > 0);

  return (
    <PageShell>
      <ErrorNotice message={error} />
      {c ? (
        <>
          <View className="page-title" id="competition-title">
            {c.title}
          </View>
          <FactCard title={`${c.kindText} · ${c.phaseText}`} id="competition-facts">
            <Fact label="比赛时间">{formatDateTime(c.startsAt)}</Fact>
            <Fact label="比赛地点">{c.venue}</Fact>
            <Fact label="主办单位">{c.orgName}</Fact>
            {c.description ? <Fact label="说明">{c.description}</Fact> : null}
            <Fact label="须知">
              <Rules c={c} />
            </Fact>
          </FactCard>

          <View id="competition-action-result">
            {done ? (
              <View className="notice success" id="competition-done" ariaRole="alert">
                ✓ {done}
              </View>
            ) : null}
            <ErrorNotice id="competition-action-error" message={actionError ? `✕ ${actionError}` : null} />
          </View>

          {mine.length > 0 ? (
            <View id="competition-mine">
              <View className="section-title">我的报名</View>
              {mine.map((r) => (
                <MyEntry
                  key={r.id}
                  c={c}
                  r={r}
                  busy={busy}
                  confirming={confirming === r.id}
                  onAskCancel={() => setConfirming(r.id)}
                  onKeep={() => setConfirming(null)}
                  onCancel={() => void cancel(r)}
                />
              ))}
            </View>
          ) : null}

          {c.phase === 'published' ? (
            <Action id="competition-results" onClick={() => go(resultsLink(c.id))}>
              查看成绩
            </Action>
          ) : null}

          <View className="section-title">比赛项目</View>
          <View className="card" id="competition-events">
            {c.events.map((e) => (
              <View key={e.id} className="comp-event" id={`event-${e.id}`}>
                <View className="comp-event-name">{e.name}</View>
                <View className="muted">{formatDateTime(e.startsAt)} 开始</View>
                <View id={`event-${e.id}-seats`}>{seatsText(e)}</View>
                {entered(e) ? (
                  <View className="comp-entry-status">您已报名这个项目</View>
                ) : c.can.register && !blockedByOnePerPerson ? (
                  <Action id={`event-${e.id}-register`} disabled={busy} onClick={() => void register(e)}>
                    {busy ? '正在提交…' : seatsLeft(e) > 0 ? `报名「${e.name}」` : `报名候补「${e.name}」`}
                  </Action>
                ) : null}
              </View>
            ))}
          </View>
          {c.phase === 'open' && needsProfile ? (
            <View className="notice" id="competition-profile-needed">
              报名前请先登记实名信息（姓名、身份证号、所属工会）。
              <View className="link-text" ariaRole="button" onClick={() => go(profilePage(member))}>
                去登记实名信息 ›
              </View>
            </View>
          ) : null}
          {c.phase === 'open' && !c.can.register && !needsProfile ? (
            <View className="muted" id="competition-no-register">
              {c.entryMode === 'team'
                ? '这项竞赛由单位组队参加，想参加请联系您所在的基层工会推荐。'
                : '这项竞赛只限主办工会下属单位的会员报名。'}
            </View>
          ) : null}
          {blockedByOnePerPerson && c.can.register ? (
            <View className="muted">这项竞赛每人只能报一个项目。想换项目，请先取消已报的项目。</View>
          ) : null}
          {c.phase === 'upcoming' ? (
            <View className="muted">报名 {formatDateTime(c.registrationOpensAt)} 开始。</View>
          ) : null}
        </>
      ) : null}
    </PageShell>
  );
}
