/**
 * 工会干部工作台: the programs this officer reviews, with how many cases wait at their level, and
 * the newest cases waiting there across all programs (each opens its review page). A program
 * whose review is not built yet comes back with pending = null and says 即将开通.
 */
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import type { OfficerHomeResponse, OfficerProgramView } from '../../../../contracts/officer';
import { ORG_LEVEL_TEXT } from '../../../../contracts/orgs';
import { PageShell } from '../../../../components/PageShell';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { api, errorText } from '../../../../services/api';
import '../../officer.scss';
import './index.scss';

function pendingText(p: OfficerProgramView): string {
  if (!p.available) return '即将开通';
  if (p.pending === null) return '进入 ›';
  return p.pending === 0 ? '没有待办' : `待办 ${p.pending} 件`;
}

export default function OfficerHomePage() {
  const [data, setData] = useState<OfficerHomeResponse | null>(null);
  const [error, setError] = useState<string | null>(null);

  useDidShow(() => {
    api
      .get<OfficerHomeResponse>('/api/members/officer/home')
      .then((d) => {
        setData(d);
        setError(null);
      })
      .catch((e: unknown) => setError(errorText(e)));
  });

  return (
    <PageShell>
      <ErrorNotice message={error} />
      {data?.org ? (
        <View className="card" id="officer-org">
          <View className="muted small">{ORG_LEVEL_TEXT[data.org.level]}</View>
          <View className="section-title officer-org-name">{data.org.name}</View>
        </View>
      ) : null}
      {data ? (
        <View className="list" id="officer-programs">
          {data.programs.map((p) => (
            <View
              key={p.key}
              className="row-entry"
              hoverClass={p.available ? 'row-pressed' : 'none'}
              ariaRole={p.available ? 'button' : undefined}
              onClick={
                p.available
                  ? () => void Taro.navigateTo({ url: `/packages/officer/pages/${p.key}/index` })
                  : undefined
              }
            >
              <View className="row-entry-label">{p.name}</View>
              <View className={p.available && p.pending ? 'officer-pending' : 'row-entry-value'}>
                {pendingText(p)}
              </View>
            </View>
          ))}
        </View>
      ) : null}
      {data?.programs.some((p) => !p.available) ? (
        <View className="muted small officer-note">
          “即将开通”的业务，审核功能上线后会在这里显示待办数量，并在「消息」里通知您。
        </View>
      ) : null}
      {data && data.waiting.length > 0 ? (
        <>
          <View className="section-title">最近到您这一级的申请</View>
          <View className="list" id="officer-waiting">
            {data.waiting.map((w) => (
              <View
                key={`${w.program}-${w.id}`}
                id={`waiting-${w.id}`}
                className="row-entry"
                hoverClass="row-pressed"
                ariaRole="button"
                onClick={() =>
                  void Taro.navigateTo({ url: `/packages/officer/pages/${w.program}-case/index?id=${w.id}` })
                }
              >
                <View>
                  <View className="row-entry-label">{w.applicantName}</View>
                  <View className="muted small">
                    <Text className="waiting-program">{w.programName}</Text> · {w.orgName}
                  </View>
                </View>
                <View className="row-entry-value">{w.statusText} ›</View>
              </View>
            ))}
          </View>
        </>
      ) : null}
      {data ? (
        <View className="list">
          <View
            className="row-entry"
            id="officer-reveal-report"
            hoverClass="row-pressed"
            ariaRole="button"
            onClick={() => void Taro.navigateTo({ url: '/packages/officer/pages/reveals/index' })}
          >
            <View className="row-entry-label">查看完整号码的记录</View>
            <View className="row-entry-value">谁、为什么查看 ›</View>
          </View>
        </View>
      ) : null}
    </PageShell>
  );
}
