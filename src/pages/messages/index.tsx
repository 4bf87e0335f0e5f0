/** 消息: the in-app message centre, the channel that always works (subscription messages may not). */
import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import type { NotificationListResponse, NotificationView } from '../../contracts/notifications';
import { EmptyState } from '../../components/EmptyState';
import { PageShell } from '../../components/PageShell';
import { ErrorNotice } from '../../components/ErrorNotice';
import { api, errorText } from '../../services/api';
import { formatDateTime, keepWithUnit } from '../../services/format';
import { setUnread } from '../../services/unread';
import './index.scss';

const TAB_PAGES = ['/pages/home/', '/pages/messages/', '/pages/mine/'];

export default function MessagesPage() {
  const [data, setData] = useState<NotificationListResponse | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = () =>
    api
      .get<NotificationListResponse>('/api/notifications')
      .then((d) => {
        setData(d);
        setUnread(d.unread);
        setError(null);
      })
      .catch((e: unknown) => setError(errorText(e)));

  useDidShow(() => {
    void load();
  });

  const openItem = async (n: NotificationView) => {
    if (!n.read) {
      // mark read locally at once; the server call is idempotent and retried by the client
      if (data) setUnread(data.unread - 1);
      setData((d) =>
        d
          ? {
              unread: Math.max(0, d.unread - 1),
              items: d.items.map((i) => (i.id === n.id ? { ...i, read: true } : i)),
            }
          : d,
      );
      api.post(`/api/notifications/${encodeURIComponent(n.id)}/read`).catch(() => undefined);
    }
    if (!n.link) return;
    // tabBar pages can only be reached with switchTab
    if (TAB_PAGES.some((t) => n.link!.startsWith(t))) await Taro.switchTab({ url: n.link });
    else await Taro.navigateTo({ url: n.link });
  };

  return (
    <PageShell>
      <ErrorNotice message={error} />
      {data && data.items.length === 0 ? (
        <EmptyState title="还没有消息">
          您办理的事情有进展时（比如申请通过、需要补充材料），会在这里告诉您。
        </EmptyState>
      ) : null}
      {data && data.items.length > 0 ? (
        <View className="muted small messages-summary">
          {data.unread > 0 ? `有 ${data.unread} 条未读消息` : '消息都已读过'}
        </View>
      ) : null}
      {data?.items.map((n) => (
        <View
          key={n.id}
          className={n.read ? 'card message' : 'card message unread'}
          hoverClass="tile-pressed"
          ariaRole="button"
          onClick={() => void openItem(n)}
        >
          <View className="message-head">
            {n.read ? null : <View className="badge">未读</View>}
            <View className="message-title">{keepWithUnit(n.title)}</View>
          </View>
          <View className="message-body">{keepWithUnit(n.body)}</View>
          <View className="muted small">
            {formatDateTime(n.createdAt)}
            {n.link ? ' · 点开查看详情' : ''}
          </View>
        </View>
      ))}
    </PageShell>
  );
}
