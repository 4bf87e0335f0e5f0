/**
 * 入场券: the signed ticket as a QR code drawn on the phone, as large as the screen allows, with
 * the 8-character short code printed under it in two groups (read out or typed in when a scanner
 * cannot read the screen), and the event, time, venue, what to bring, and each check-in list with
 * whether it is done, in words.
 */
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { formatShortCode, type CompetitionView, type TicketView } from '../../../../contracts/competitions';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Fact, FactCard } from '../../../../components/Facts';
import { PageShell } from '../../../../components/PageShell';
import { QrCode } from '../../../../components/QrCode';
import { api } from '../../../../services/api';
import { formatClock, formatDateTime } from '../../../../services/format';
import { useShownData } from '../../../../services/useShownData';
import '../../competition.scss';

export default function TicketPage() {
  const { params } = useRouter();
  const id = encodeURIComponent(params.id ?? '');
  const rid = encodeURIComponent(params.rid ?? '');
  const { data, error } = useShownData(async () => {
    const [c, ticket] = await Promise.all([
      api.get<CompetitionView>(`/api/competitions/${id}`),
      api.get<TicketView>(`/api/competitions/${id}/registrations/${rid}/ticket`),
    ]);
    return { c, ticket };
  });
  const c = data?.c;
  const ticket = data?.ticket;
  const entry = c?.myRegistrations.find((r) => r.id === params.rid);
  const event = c?.events.find((e) => e.id === entry?.eventId);
  const lists = (c?.checkinLists ?? []).filter((l) => ticket?.lists.includes(l.key));
  const entryDone = entry?.checkins.find((k) => k.list === 'entry');

  return (
    <PageShell>
      <ErrorNotice message={error} />
      {c && ticket && entry ? (
        <>
          <View className="card" id="ticket">
            <View className="muted ticket-status">{c.title}</View>
            <View className="ticket-event" id="ticket-event">
              {entry.eventName}
            </View>
            <View className="ticket-status" id="ticket-status">
              {entryDone
                ? `✓ 已入场签到（${formatClock(entryDone.at)}）`
                : `${entry.statusText} · 还没有入场签到`}
            </View>
            <QrCode
              id="ticket-qr"
              text={ticket.ticket}
              label={`入场券二维码，票号 ${formatShortCode(ticket.shortCode)}`}
            />
            <View className="muted ticket-code-caption">扫不出来时，请把票号告诉检票人员：</View>
            <View className="ticket-short-code" id="ticket-short-code">
              {formatShortCode(ticket.shortCode)}
            </View>
          </View>

          <FactCard title="比赛信息" id="ticket-facts">
            <Fact label="比赛时间">{formatDateTime(event?.startsAt ?? c.startsAt)}</Fact>
            <Fact label="比赛地点">{c.venue}</Fact>
            <Fact label="参赛人">
              {entry.name}（{entry.orgName}）
            </Fact>
            <Fact label="入场须知">
              请提前 30 分钟到场，带好身份证，给检票人员扫这个二维码。比赛开始 {c.lateLimitMinutes}{' '}
              分钟后不能再入场。
            </Fact>
            <Fact label="有效期至">{formatDateTime(ticket.expiresAt)}</Fact>
          </FactCard>

          <FactCard title="签到情况" id="ticket-checkins">
            {lists.map((l) => {
              const done = entry.checkins.find((k) => k.list === l.key);
              return (
                <View key={l.key} className="ticket-checkin" id={`ticket-checkin-${l.key}`}>
                  <View>{l.name}</View>
                  {done ? (
                    <View className="ticket-checkin-done">✓ 已签到 {formatClock(done.at)}</View>
                  ) : (
                    <View className="muted">未签到</View>
                  )}
                </View>
              );
            })}
          </FactCard>
        </>
      ) : null}
    </PageShell>
  );
}
