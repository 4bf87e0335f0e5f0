/**
 * 困难帮扶: who may apply (in two sentences), the worker's own applications with their status in
 * words, and one clear next step: continue the draft, follow the open case, or start a new one.
 * A second application while one is open is not offered (the cloud refuses it as well).
 */
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { AidCaseSummary } from '../../../../contracts/aid';
import { Action } from '../../../../components/Action';
import { PageShell } from '../../../../components/PageShell';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { MyCaseList } from '../../../../components/MyCaseList';
import { RowEntry } from '../../../../components/RowEntry';
import { api } from '../../../../services/api';
import { formatDateTime } from '../../../../services/format';
import { profilePage, useMember } from '../../../../services/member';
import { useShownData } from '../../../../services/useShownData';
import { readLocalDraft } from '../../localDraft';
import { APPLY_PAGE, CASE_PAGE, FINAL_STATUSES, PUBLICITY_PAGE } from '../../links';
import '../../aid.scss';

const go = (url: string) => void Taro.navigateTo({ url });

export default function AidIndexPage() {
  const member = useMember();
  const { data, error } = useShownData(() => api.get<{ items: AidCaseSummary[] }>('/api/aid/cases?mine=1'));
  const cases = data?.items ?? null;

  const open = cases?.find((c) => !FINAL_STATUSES.includes(c.status)) ?? null;
  const localDraft = member ? readLocalDraft(member.id) : null;
  const hasLocalOnly = !open && localDraft !== null && localDraft.caseId === null && localDraft.dirty;

  return (
    <PageShell>
      <View className="card">
        <View className="section-title">谁可以申请</View>
        <View>家里人均月收入低于当地低保标准 2 倍，或者因为大病、残疾、意外、灾害等，生活有困难的职工。</View>
        <View className="muted small aid-lead-note">
          填好后由基层工会上门了解情况，再经街道、区/市总工会审核，通过后公示几天，然后发放帮扶金。
        </View>
      </View>

      <ErrorNotice message={error} />

      {member && !member.profileComplete ? (
        <View className="notice" id="aid-profile-needed">
          申请前请先登记实名信息（姓名、身份证号、所属工会）。
          <View className="link-text" ariaRole="button" onClick={() => go(profilePage(member))}>
            去登记实名信息 ›
          </View>
        </View>
      ) : null}

      {member?.profileComplete && cases ? (
        open?.editable ? (
          <Action id="aid-continue" onClick={() => go(`${APPLY_PAGE}?id=${open.id}`)}>
            {open.status === 'returned' ? '补充材料，重新提交' : '继续填写申请'}
          </Action>
        ) : open ? (
          <View className="notice" id="aid-open-case">
            您有一份申请正在办理：{open.statusText}。办结前不能再申请。
          </View>
        ) : (
          <Action id="aid-start" onClick={() => go(APPLY_PAGE)}>
            {hasLocalOnly ? '继续填写申请' : '申请困难帮扶'}
          </Action>
        )
      ) : null}

      <MyCaseList
        id="aid-my-cases"
        items={cases}
        label={() => '困难帮扶申请'}
        note={(c) => (c.submittedAt ? `${formatDateTime(c.submittedAt)} 提交` : '还没有提交')}
        onOpen={(c) => go(`${CASE_PAGE}?id=${c.id}`)}
      />

      <View className="list">
        <RowEntry
          id="aid-publicity-entry"
          label="帮扶公示"
          value="查看 ›"
          onClick={() => go(PUBLICITY_PAGE)}
        />
      </View>
    </PageShell>
  );
}
