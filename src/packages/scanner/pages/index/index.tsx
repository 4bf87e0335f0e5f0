/**
 * 扫码验票 (officer at the door): choose the check-in list (入场, 领物资…), then scan tickets —
 * WeChat's scanner in the mini program, the camera in the browser — or type the short code.
 * Each scan is answered large, in words and a symbol as well as colour (VerdictPanel).
 * Offline mode is the officer's explicit choice: it downloads the pack (no personal data),
 * checks each scan on the device with the same steps as the cloud, keeps a queue in storage,
 * shows how many wait, and uploads them when asked, saying which scans met a conflict.
 */
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useMemo, useRef, useState } from 'react';
import {
  type CheckinListView,
  type CheckinSyncResponse,
  type CompetitionView,
  type OfflinePack,
} from '../../../../contracts/competitions';
import { Action } from '../../../../components/Action';
import { CameraScanner } from '../../../../components/CameraScanner';
import { ChoiceChips } from '../../../../components/ChoiceChips';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { PageShell } from '../../../../components/PageShell';
import { TextField } from '../../../../components/TextField';
import { api, ApiError, errorText, newIdempotencyKey } from '../../../../services/api';
import { formatClock, formatDateTime } from '../../../../services/format';
import { repeatGuard } from '../../../../services/repeatGuard';
import { scanWithWechat } from '../../../../services/scanCode';
import { useShownData } from '../../../../services/useShownData';
import { VerdictPanel } from '../../components/VerdictPanel';
import { checkOffline } from '../../offlineCheck';
import { checkOnline } from '../../onlineCheck';
import { offlineStore } from '../../offlineStore';
import type { Verdict } from '../../verdict';
import '../../scanner.scss';

type Mode = 'online' | 'offline';
const MODES = ['online', 'offline'] as const;
const MODE_TEXT: Record<Mode, string> = { online: '在线核验', offline: '离线模式' };

/** What the page needs of the competition: from the cloud, or from the stored pack offline. */
interface Setup {
  title: string;
  lists: CheckinListView[];
}

export default function ScannerPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [mode, setMode] = useState<Mode>(() => (offlineStore.isOffline(id) ? 'offline' : 'online'));
  const { data: setup, error } = useShownData<Setup>(async () => {
    const stored = offlineStore.pack(id);
    if (offlineStore.isOffline(id) && stored) return { title: stored.title, lists: stored.pack.lists };
    const c = await api.get<CompetitionView>(`/api/competitions/${encodeURIComponent(id)}`);
    if (!c.can.scan) throw new ApiError('NOT_IN_ORG_SCOPE', '您不是这项竞赛的工作人员，不能验票', 403);
    return { title: c.title, lists: c.checkinLists };
  });
  const [list, setList] = useState<string>('entry');
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [checking, setChecking] = useState(false);
  const [typed, setTyped] = useState('');
  const [queueCount, setQueueCount] = useState(() => offlineStore.queue(id).length);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [sync, setSync] = useState<CheckinSyncResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const guard = useMemo(() => repeatGuard(2500), []);
  const inFlight = useRef(false);

  const listKeys = (setup?.lists ?? []).map((l) => l.key);
  const listNames = Object.fromEntries((setup?.lists ?? []).map((l) => [l.key, l.name]));
  const listName = listNames[list] ?? list;

  const check = async (text: string) => {
    if (!text.trim() || inFlight.current) return;
    inFlight.current = true;
    setChecking(true);
    const nonce = newIdempotencyKey();
    try {
      if (mode === 'offline') {
        const stored = offlineStore.pack(id);
        if (!stored) {
          setVerdict({ kind: 'unchecked', reason: '还没有下载离线名单' });
          return;
        }
        const queue = offlineStore.queue(id);
        const out = checkOffline(stored.pack, queue, { text, list, nonce, nowMs: Date.now() });
        if (out.queued) {
          offlineStore.setQueue(id, [...queue, out.queued]);
          setQueueCount(queue.length + 1);
        }
        setVerdict(out.verdict);
      } else {
        setVerdict(await checkOnline(id, { text, list, nonce }));
      }
    } finally {
      inFlight.current = false;
      setChecking(false);
    }
  };

  const onCamera = (text: string) => {
    if (guard(text)) void check(text);
  };

  const scanInWechat = async () => {
    const text = await scanWithWechat();
    if (text) await check(text);
  };

  const goOffline = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const pack = await api.get<OfflinePack>(`/api/competitions/${encodeURIComponent(id)}/offline-pack`);
      offlineStore.setPack(id, { pack, title: setup?.title ?? '' });
      offlineStore.setOffline(id, true);
      setMode('offline');
      setVerdict(null);
      setNotice(
        `已下载离线名单（${pack.registrationIds.length} 人，${formatDateTime(pack.generatedAt)}）。现在扫码只在本机核验，记得联网后上传。`,
      );
    } catch (e) {
      setProblem(`没有切换到离线模式：${errorText(e)}`);
    } finally {
      setBusy(false);
    }
  };

  const upload = async (thenOnline: boolean) => {
    const queue = offlineStore.queue(id);
    setBusy(true);
    setProblem(null);
    try {
      if (queue.length > 0) {
        const r = await api.post<CheckinSyncResponse>(
          `/api/competitions/${encodeURIComponent(id)}/checkins/sync`,
          {
            items: queue.map(({ ticket, list: l, nonce, scannedAt }) => ({
              ticket,
              list: l,
              nonce,
              scannedAt,
            })),
          },
        );
        // what was uploaded leaves the queue; scans made meanwhile stay
        const sent = new Set(queue.map((q) => q.nonce));
        const left = offlineStore.queue(id).filter((q) => !sent.has(q.nonce));
        offlineStore.setQueue(id, left);
        setQueueCount(left.length);
        setSync(r);
      }
      if (thenOnline) {
        offlineStore.setOffline(id, false);
        setMode('online');
        setVerdict(null);
      }
      setNotice(
        queue.length > 0
          ? `已上传 ${queue.length} 条签到。${thenOnline ? '已回到在线核验。' : ''}`
          : '没有要上传的签到。已回到在线核验。',
      );
    } catch (e) {
      setProblem(`没有上传：${errorText(e)}。扫码记录还在本机，联网后再点上传。`);
    } finally {
      setBusy(false);
    }
  };

  const chooseMode = (m: Mode) => {
    if (m === mode || busy) return;
    if (m === 'offline') void goOffline();
    else void upload(true);
  };

  return (
    <PageShell>
      <ErrorNotice message={error} />
      {setup ? (
        <>
          <View className="page-title" id="scanner-title">
            {setup.title}
          </View>
          {notice ? (
            <View className="notice success" id="scanner-notice" ariaRole="alert">
              ✓ {notice}
            </View>
          ) : null}
          <ErrorNotice id="scanner-problem" message={problem ? `✕ ${problem}` : null} />

          {mode === 'offline' || queueCount > 0 ? (
            <View className="card" id="scanner-queue">
              <View className="scanner-queue">
                <View>
                  {mode === 'offline' ? '离线模式 · ' : ''}待上传 {queueCount} 条
                </View>
              </View>
              <Action
                id="scanner-upload"
                disabled={busy || queueCount === 0}
                onClick={() => void upload(false)}
              >
                {busy ? '正在上传…' : '上传签到记录'}
              </Action>
            </View>
          ) : null}
          {sync ? <SyncReport sync={sync} /> : null}

          <View className="section-title">扫码：{listName}</View>
          <View id="scanner-result">
            {checking ? <View className="notice">正在核验…</View> : null}
            {verdict && !checking ? <VerdictPanel id="scanner-verdict" verdict={verdict} /> : null}
          </View>
          {process.env.TARO_ENV === 'weapp' ? (
            <Action id="scanner-scan" onClick={() => void scanInWechat()}>
              扫码验票
            </Action>
          ) : (
            <CameraScanner id="scanner-camera" onText={onCamera} hint="把入场券二维码放在画面中间" />
          )}

          <View className="section-title">手动输入票号</View>
          <TextField
            id="scanner-code"
            label="票号（二维码下面的 8 位）"
            value={typed}
            maxlength={200}
            placeholder="例如 ABCD-2345"
            onInput={setTyped}
          />
          <Action
            id="scanner-check"
            kind="secondary"
            disabled={checking || !typed.trim()}
            onClick={() => void check(typed)}
          >
            核验票号
          </Action>
          <View className="section-title">签到表</View>
          <ChoiceChips
            id="scanner-list"
            options={listKeys}
            labels={listNames}
            selected={[list]}
            onToggle={(k) => {
              setList(k);
              setVerdict(null);
            }}
          />
          <View className="section-title">核验方式</View>
          <ChoiceChips
            id="scanner-mode"
            options={MODES}
            labels={MODE_TEXT}
            selected={[mode]}
            onToggle={chooseMode}
          />
          <View className="muted small">
            {mode === 'online'
              ? '信号不好时可以切换到离线模式：先下载报名名单（不含姓名等个人信息），扫码在本机核验，联网后再上传。'
              : '离线模式：扫码在本机核验，记录保存在本机。联网后请点「上传签到记录」。'}
          </View>
        </>
      ) : null}
    </PageShell>
  );
}

function SyncReport({ sync }: { sync: CheckinSyncResponse }) {
  const conflicts = sync.results.filter((r) => r.conflict || r.outcome === 'refused');
  const { counts } = sync;
  return (
    <View className="card" id="scanner-sync">
      <View className="section-title">上传结果</View>
      <View>
        签到 {counts.checked_in} 条，已签到过 {counts.already} 条，不能签到 {counts.refused} 条，冲突{' '}
        {counts.conflicts} 条。
      </View>
      {conflicts.map((r) => (
        <View key={r.nonce} className="scanner-conflict">
          {r.outcome === 'refused'
            ? `✕ 不能签到：${r.message ?? ''}`
            : r.outcome === 'checked_in'
              ? `! 冲突：另一台设备后来也扫了这张票，以本机先扫的为准（${r.at ? formatClock(r.at) : ''}）`
              : `! 冲突：这张票 ${r.at ? formatClock(r.at) : ''}${r.by ? ` 已由${r.by}` : ''}签到，以先扫的为准，本机这次不计`}
        </View>
      ))}
    </View>
  );
}
