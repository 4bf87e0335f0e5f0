/**
 * 金秋助学: this year's campaign in plain words (who may apply, when, how much for the worker's
 * household, as the union's records place it, and what to have ready), one clear next step
 * (register a child while the window is open), the worker's children's applications with their
 * status in words, and the 公示 list.
 */
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { windowText, type BursarySummary, type CurrentCampaignResponse } from '../../../../contracts/bursary';
import { Action } from '../../../../components/Action';
import { EmptyState } from '../../../../components/EmptyState';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { MyCaseList } from '../../../../components/MyCaseList';
import { PageShell } from '../../../../components/PageShell';
import { RowEntry } from '../../../../components/RowEntry';
import { api } from '../../../../services/api';
import { profilePage, useMember } from '../../../../services/member';
import { useShownData } from '../../../../services/useShownData';
import { AmountTable } from '../../components/AmountTable';
import { APPLY_PAGE, CASE_PAGE, PUBLICITY_PAGE } from '../../links';
import '../../bursary.scss';

const go = (url: string) => void Taro.navigateTo({ url });

export default function BursaryIndexPage() {
  const member = useMember();
  const current = useShownData(() => api.get<CurrentCampaignResponse>('/api/bursary/campaigns/current'));
  const mine = useShownData(() => api.get<{ items: BursarySummary[] }>('/api/bursary/applications?mine=1'));
  const campaign = current.data?.campaign ?? null;
  const applicant = current.data?.applicant ?? null;
  const items = mine.data?.items ?? null;

  return (
    <PageShell>
      <ErrorNotice message={current.error ?? mine.error} />
      {member && !member.profileComplete ? (
        <View className="notice" id="bursary-profile-needed">
          申请前请先登记您本人的实名信息（姓名、身份证号、所属工会）。
          <View className="link-text" ariaRole="button" onClick={() => go(profilePage(member))}>
            去登记实名信息 ›
          </View>
        </View>
      ) : null}

      {current.data && !campaign ? (
        <EmptyState title="今年还没有开始">
          您所在的工会今年还没有开展金秋助学。开始报名时会在「消息」里通知您。
        </EmptyState>
      ) : null}

      {campaign ? (
        <View className="card" id="bursary-campaign">
          <View className="section-title">
            {campaign.orgName} {campaign.year} 年金秋助学
          </View>
          <View>报名时间：{windowText(campaign)}</View>
          <View className="muted small bursary-lead-note">
            资助困难职工家庭里上高中/中职、高职高专、本科、研究生的孩子。小学、初中不在资助范围。
          </View>
          {applicant ? (
            <>
              <View className="section-title">您家可以得到的助学金</View>
              <View id="bursary-group">
                {applicant.groupText}。{applicant.reason}。
              </View>
              <AmountTable campaign={campaign} group={applicant.group} />
            </>
          ) : null}
          <View className="section-title">要准备的材料</View>
          <View>{campaign.materials.join('、') || '录取通知书或在读证明'}（拍照上传）</View>
        </View>
      ) : null}

      {campaign && member?.profileComplete ? (
        campaign.window === 'open' ? (
          <Action id="bursary-start" onClick={() => go(APPLY_PAGE)}>
            为孩子申请金秋助学
          </Action>
        ) : (
          <View className="notice" id="bursary-window-shut">
            {campaign.window === 'not_yet' ? '报名还没有开始' : '今年的报名已经结束'}，报名时间是
            {windowText(campaign)}。
          </View>
        )
      ) : null}

      <MyCaseList
        id="bursary-my-applications"
        items={items}
        label={(a) => a.childName}
        note={(a) => `${a.campaignYear} 年 · ${a.school}`}
        onOpen={(a) => go(`${CASE_PAGE}?id=${a.id}`)}
      />

      <View className="list">
        <RowEntry
          id="bursary-publicity-entry"
          label="助学公示"
          value="查看 ›"
          onClick={() => go(PUBLICITY_PAGE)}
        />
      </View>
    </PageShell>
  );
}
