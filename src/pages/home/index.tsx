import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { ElderToggle } from '../../components/ElderToggle';
import { PageShell } from '../../components/PageShell';
import { ErrorNotice } from '../../components/ErrorNotice';
import { RowEntry } from '../../components/RowEntry';
import { TileGrid, type TileItem } from '../../components/TileGrid';
import { errorText } from '../../services/api';
import { profilePage, refreshMember, useMember } from '../../services/member';
import { isOfficer } from '../../services/session';
import { refreshUnread, useUnread } from '../../services/unread';

/**
 * Each service is a subpackage; its page says honestly when it is not open yet. Notes fit one
 * line of a half-width tile at the standard size (9 characters), so no word breaks there.
 */
const SERVICES = [
  { key: 'aid', title: '困难帮扶', note: '生活、医疗困难帮扶' },
  { key: 'bursary', title: '金秋助学', note: '职工子女上学助学金' },
  { key: 'competition', title: '劳动竞赛', note: '技能比武报名和成绩' },
  { key: 'card', title: '5.1服务卡', note: '服务卡申领和优惠' },
  { key: 'checkin', title: '扫码签到', note: '活动现场扫码签到' },
] as const;

const open = (url: string) => void Taro.navigateTo({ url });

export default function HomePage() {
  const member = useMember();
  const officer = isOfficer(member);
  const [error, setError] = useState<string | null>(null);
  const unread = useUnread();

  useDidShow(() => {
    void refreshUnread();
    refreshMember()
      .then(() => setError(null))
      .catch((e: unknown) => setError(errorText(e)));
  });

  const tiles: TileItem[] = SERVICES.map((s) => ({
    id: `tile-${s.key}`,
    title: s.title,
    note: s.note,
    onClick: () => open(`/packages/${s.key}/pages/index/index`),
  }));
  if (officer)
    tiles.push({
      id: 'tile-officer',
      title: '工会干部工作台',
      note: '审核申请、查看待办',
      onClick: () => open('/packages/officer/pages/home/index'),
    });

  return (
    <PageShell>
      <View className="page-title">{member?.name ? `${member.name}，您好` : '您好'}</View>
      <ErrorNotice message={error} />
      {member && !member.profileComplete ? (
        <View
          className="notice"
          id="profile-prompt"
          ariaRole="button"
          onClick={() => open(profilePage(member))}
        >
          您还没有登记实名信息。办理帮扶、助学等业务前，请先
          <View className="link-text">点这里登记实名信息 ›</View>
        </View>
      ) : null}

      {unread > 0 ? (
        <View className="list">
          <RowEntry
            id="home-unread"
            label={`您有 ${unread} 条未读消息`}
            value="去看看 ›"
            onClick={() => void Taro.switchTab({ url: '/pages/messages/index' })}
          />
        </View>
      ) : null}

      <TileGrid items={tiles} />

      <View className="list">
        <ElderToggle id="elder-toggle-home" />
      </View>
    </PageShell>
  );
}
