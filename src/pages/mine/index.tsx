import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import type { MemberView } from '../../contracts/members';
import { ORG_LEVEL_TEXT } from '../../contracts/orgs';
import { ElderToggle } from '../../components/ElderToggle';
import { MaskedText } from '../../components/MaskedText';
import { PageShell } from '../../components/PageShell';
import { RowEntry } from '../../components/RowEntry';
import { errorText } from '../../services/api';
import { logout, profilePage, refreshMember, useMember } from '../../services/member';
import { refreshUnread } from '../../services/unread';

function rolesText(m: MemberView): string {
  const parts = ['职工'];
  if (m.roles.includes('officer')) {
    parts.push(m.officerLevel ? `工会干部（${ORG_LEVEL_TEXT[m.officerLevel]}）` : '工会干部');
  }
  return parts.join('、');
}

export default function MinePage() {
  const member = useMember();
  const [error, setError] = useState<string | null>(null);

  useDidShow(() => {
    void refreshUnread();
    refreshMember()
      .then(() => setError(null))
      .catch((e: unknown) => setError(errorText(e)));
  });

  return (
    <PageShell>
      {error ? (
        <View className="notice error" ariaRole="alert">
          {error}
        </View>
      ) : null}
      {member ? (
        <View className="list" id="member-info">
          <RowEntry label="姓名" value={member.name ?? '未登记'} />
          <RowEntry
            label="身份证号"
            value={<MaskedText id="mine-id-number" value={member.idNumberMasked} />}
          />
          <RowEntry label="手机号" value={<MaskedText value={member.phoneMasked} />} />
          <RowEntry label="所属工会" value={member.orgName ?? '未选择'} />
          <RowEntry label="身份" value={rolesText(member)} />
        </View>
      ) : null}

      <View className="list">
        <RowEntry
          id="entry-profile"
          label="实名信息"
          value={member?.profileComplete ? '已登记 · 查看或修改 ›' : '未登记 · 去登记 ›'}
          onClick={() => void Taro.navigateTo({ url: profilePage(member) })}
        />
        <ElderToggle id="elder-toggle-mine" />
      </View>

      <View className="list">
        <RowEntry id="entry-logout" label="退出登录" value="›" onClick={() => void logout()} />
      </View>
    </PageShell>
  );
}
