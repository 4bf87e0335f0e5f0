/**
 * 现场签到大屏 (officer; meant for a laptop or tablet browser at the venue): the rotating code
 * workers scan with 首页 → 扫码签到. It changes every 30 seconds, with the seconds left shown
 * large, so a photo sent elsewhere stops working within a minute; the code is also printed in
 * characters for typing in. The check-in list (入场, 领物资…) is chosen here.
 */
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import {
  parseVenueScene,
  type CompetitionView,
  type VenueCodeView,
} from '../../../../contracts/competitions';
import { ChoiceChips } from '../../../../components/ChoiceChips';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { PageShell } from '../../../../components/PageShell';
import { QrCode } from '../../../../components/QrCode';
import { api, ApiError, errorText } from '../../../../services/api';
import { useShownData } from '../../../../services/useShownData';
import { venueManualCode } from '../../../../services/venueCode';
import '../../scanner.scss';

export default function VenueScreenPage() {
  const { params } = useRouter();
  const id = encodeURIComponent(params.id ?? '');
  const { data: c, error } = useShownData(async () => {
    const view = await api.get<CompetitionView>(`/api/competitions/${id}`);
    if (!view.can.scan)
      throw new ApiError('NOT_IN_ORG_SCOPE', '您不是这项竞赛的工作人员，不能打开签到大屏', 403);
    return view;
  });
  const [list, setList] = useState(params.list ?? 'entry');
  const [code, setCode] = useState<VenueCodeView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [now, setNow] = useState(Date.now());
  const fetching = useRef(false);

  const fetchCode = async () => {
    if (fetching.current) return;
    fetching.current = true;
    try {
      setCode(
        await api.get<VenueCodeView>(`/api/competitions/${id}/venue-code?list=${encodeURIComponent(list)}`),
      );
      setProblem(null);
    } catch (e) {
      setProblem(`新的签到码没有取到：${errorText(e)}。正在重试…`);
    } finally {
      fetching.current = false;
    }
  };

  // a new code for a new list; then once a second: the countdown, and the next code when due
  useEffect(() => {
    if (!c) return;
    setCode(null);
    void fetchCode();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [c, list]);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (code && now >= Date.parse(code.refreshAt)) void fetchCode();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [now, code]);

  const seconds = code ? Math.max(0, Math.ceil((Date.parse(code.refreshAt) - now) / 1000)) : null;
  const listNames = Object.fromEntries((c?.checkinLists ?? []).map((l) => [l.key, l.name]));
  const parsed = code ? parseVenueScene(code.scene) : null;

  return (
    <PageShell>
      <ErrorNotice message={error} />
      {c ? (
        <View className="venue" id="venue">
          <View className="venue-title" id="venue-title">
            {c.title} · {listNames[list] ?? list}签到
          </View>
          <View className="section-title">打开「工会服务」小程序，在首页点「扫码签到」，扫下面的二维码</View>
          {code ? (
            <View className="venue-code">
              <QrCode id="venue-qr" text={code.scene} label={`现场签到二维码，${seconds ?? ''} 秒后更换`} />
            </View>
          ) : (
            <View className="notice">正在取签到码…</View>
          )}
          <View className="venue-countdown" id="venue-countdown" ariaRole="timer">
            {seconds === null ? '' : `${seconds} 秒后换新码`}
          </View>
          {parsed ? (
            <View>
              扫不了码时输入签到码：
              <View className="venue-manual" id="venue-manual">
                {venueManualCode(parsed)}
              </View>
            </View>
          ) : null}
          <ErrorNotice id="venue-problem" message={problem} />
          {c.checkinLists.length > 1 ? (
            <>
              <View className="section-title">签到表</View>
              <ChoiceChips
                id="venue-list"
                options={c.checkinLists.map((l) => l.key)}
                labels={listNames}
                selected={[list]}
                onToggle={setList}
              />
            </>
          ) : null}
        </View>
      ) : null}
    </PageShell>
  );
}
