/**
 * Separate consent for sensitive personal information (个人信息保护法 art. 29): shown before the
 * ID number is asked for, recorded by the server with the time and this text's version.
 * Change the text → change CURRENT_CONSENT_VERSION, so everyone is asked again.
 */
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { CURRENT_CONSENT_VERSION, type MemberView } from '../../../../contracts/members';
import { Action } from '../../../../components/Action';
import { PageShell } from '../../../../components/PageShell';
import { api, errorText, newIdempotencyKey } from '../../../../services/api';
import { PROFILE_FORM_PAGE } from '../../../../services/member';
import { setMember } from '../../../../services/session';
import '../../profile.scss';

const SECTIONS = [
  {
    title: '为什么要收集身份证号',
    text: '申请困难帮扶、金秋助学、服务卡等，需要核实您是本人、是工会会员，并防止同一个人重复登记。只在这些业务需要时使用。',
  },
  {
    title: '怎么保存',
    text: '身份证号加密后保存在工会的服务器上。页面上只显示前 3 位和后 4 位，中间用 * 代替，完整号码不会再显示给您或别人。',
  },
  {
    title: '谁能看到',
    text: '只有办理您业务的本级和上级工会干部，在审核需要时才能查看完整号码，每次查看都会被记录。不会提供给无关的单位或个人。',
  },
  {
    title: '保存多久',
    text: '您是会员期间一直保存；退会或业务办结后，按工会档案规定的期限保存，到期后删除。',
  },
  {
    title: '您可以撤回同意',
    text: '您可以随时撤回同意，请联系您所在的基层工会办理。撤回后，需要身份证号的业务将无法继续办理，但不影响撤回前已办理的事项。',
  },
];

export default function ConsentPage() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // one logical submit: a retry after a network failure reuses the key
  const [key] = useState(newIdempotencyKey);

  const agree = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const member = await api.post<MemberView>(
        '/api/members/me/consent',
        { version: CURRENT_CONSENT_VERSION },
        { idempotencyKey: key },
      );
      setMember(member);
      await Taro.redirectTo({ url: PROFILE_FORM_PAGE });
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  };

  return (
    <PageShell title="登记身份证号前，请您阅读">
      <View className="card consent">
        <View className="consent-lead">
          登记实名信息需要您的身份证号。身份证号属于<View className="strong-inline">个人敏感信息</View>
          ，我们需要单独征得您的同意。
        </View>
        {SECTIONS.map((s) => (
          <View key={s.title} className="consent-section">
            <View className="consent-heading">{s.title}</View>
            <View>{s.text}</View>
          </View>
        ))}
        <View className="muted small">规则版本：{CURRENT_CONSENT_VERSION}</View>
      </View>
      {error ? (
        <View className="notice error" id="consent-error" ariaRole="alert">
          {error}
        </View>
      ) : null}
      <Action id="consent-agree" onClick={() => void agree()} disabled={busy}>
        {busy ? '正在提交…' : '我已阅读并同意'}
      </Action>
      <Action kind="secondary" onClick={() => void Taro.navigateBack()}>
        暂不同意，返回
      </Action>
    </PageShell>
  );
}
