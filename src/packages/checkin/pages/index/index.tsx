/**
 * 扫码签到 (worker): scan the code on the venue screen — WeChat's scanner in the mini program,
 * the camera in the browser — and every entry the worker has in that competition is checked in
 * on the screen's list. A mini-program code opens this page with the code as its `scene` and
 * signs in at once. The answer is said in words with a symbol: 签到成功, 已经签到过, or why not.
 * Without a camera the worker picks the competition and types the code printed under the QR.
 */
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  parseVenueScene,
  type CompetitionListResponse,
  type SelfCheckinResponse,
} from '../../../../contracts/competitions';
import { Action } from '../../../../components/Action';
import { CameraScanner } from '../../../../components/CameraScanner';
import { ChoiceChips } from '../../../../components/ChoiceChips';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { PageShell } from '../../../../components/PageShell';
import { TextField } from '../../../../components/TextField';
import { api, errorText, newIdempotencyKey } from '../../../../services/api';
import { formatClock } from '../../../../services/format';
import { repeatGuard } from '../../../../services/repeatGuard';
import { scanWithWechat } from '../../../../services/scanCode';
import { useShownData } from '../../../../services/useShownData';
import { sceneFromManualCode } from '../../../../services/venueCode';
import './index.scss';

type Answer = { ok: true; lines: string[] } | { ok: false; text: string };

const NOT_A_VENUE_CODE = '这不是现场签到码。请扫描比赛现场大屏上的二维码。';

export default function CheckinPage() {
  const { params } = useRouter();
  const { data: mine, error } = useShownData(() =>
    api.get<CompetitionListResponse>('/api/competitions?mine=1'),
  );
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [busy, setBusy] = useState(false);
  const [chosen, setChosen] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const guard = useMemo(() => repeatGuard(5000), []);
  const fromCode = useRef(false);

  const signIn = async (scene: string) => {
    const parsed = parseVenueScene(scene);
    if (!parsed) {
      setAnswer({ ok: false, text: NOT_A_VENUE_CODE });
      return;
    }
    setBusy(true);
    try {
      const r = await api.post<SelfCheckinResponse>(
        `/api/competitions/${parsed.competitionId}/self-checkins`,
        {
          scene: scene.trim(),
          nonce: newIdempotencyKey(),
        },
      );
      setAnswer({
        ok: true,
        lines: r.items.map((k) =>
          k.result === 'checked_in'
            ? `✓ 签到成功：${k.eventName}（${formatClock(k.at)}）`
            : `! ${k.eventName} 已经签到过了（${formatClock(k.at)}${k.by ? `，${k.by}` : ''}），不用再签`,
        ),
      });
    } catch (e) {
      setAnswer({ ok: false, text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  // opened by a mini-program code: its scene is the venue code
  useEffect(() => {
    if (fromCode.current || !params.scene) return;
    fromCode.current = true;
    void signIn(decodeURIComponent(params.scene));
  }, [params.scene]);

  const competitions = (mine?.items ?? []).filter((c) => c.phase !== 'published');
  const choice = chosen ?? (competitions.length === 1 ? competitions[0].id : null);
  const titles = Object.fromEntries(competitions.map((c) => [c.id, c.title]));

  const typedIn = () => {
    if (!choice) return;
    const scene = sceneFromManualCode(typed, choice);
    if (!scene)
      setAnswer({ ok: false, text: '签到码是大屏二维码下面的 7 位字符，例如 0ABC-DEF，请核对后再输' });
    else void signIn(scene);
  };

  return (
    <PageShell>
      <View className="card">
        <View className="section-title">到了比赛现场？</View>
        <View>
          扫一下现场大屏上的签到二维码，就签到好了。二维码每 30 秒换一次，请扫现场的，别人发来的照片扫不了。
        </View>
      </View>
      <ErrorNotice message={error} />

      <View id="checkin-answer">
        {busy ? <View className="notice">正在签到…</View> : null}
        {answer && !busy ? (
          answer.ok ? (
            <View className="notice success checkin-answer" id="checkin-done" ariaRole="alert">
              {answer.lines.map((l) => (
                <View key={l}>{l}</View>
              ))}
            </View>
          ) : (
            <View className="notice error checkin-answer" id="checkin-failed" ariaRole="alert">
              ✕ 没有签到：{answer.text}
            </View>
          )
        ) : null}
      </View>

      {process.env.TARO_ENV === 'weapp' ? (
        <Action
          id="checkin-scan"
          disabled={busy}
          onClick={() => void scanWithWechat().then((t) => (t ? signIn(t) : undefined))}
        >
          扫码签到
        </Action>
      ) : (
        <CameraScanner
          id="checkin-camera"
          hint="把现场大屏上的二维码放在画面中间"
          onText={(t) => {
            if (guard(t)) void signIn(t);
          }}
        />
      )}

      {competitions.length > 0 ? (
        <View className="card checkin-manual" id="checkin-manual">
          <View className="section-title">扫不了码？输入签到码</View>
          {competitions.length > 1 ? (
            <ChoiceChips
              id="checkin-competition"
              options={competitions.map((c) => c.id)}
              labels={titles}
              selected={choice ? [choice] : []}
              onToggle={setChosen}
            />
          ) : (
            <View className="muted">{competitions[0].title}</View>
          )}
          <TextField
            id="checkin-code"
            label="签到码（大屏二维码下面的 7 位）"
            value={typed}
            maxlength={12}
            placeholder="例如 0ABC-DEF"
            onInput={setTyped}
          />
          <Action
            id="checkin-code-submit"
            kind="secondary"
            disabled={busy || !choice || !typed.trim()}
            onClick={typedIn}
          >
            签到
          </Action>
        </View>
      ) : mine ? (
        <View className="muted" id="checkin-none">
          您还没有报名竞赛。报名后，比赛当天在这里扫码签到。
        </View>
      ) : null}
    </PageShell>
  );
}
