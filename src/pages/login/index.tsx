/**
 * Login. In WeChat: wx.login code → POST /api/auth/wx-login. In the browser (H5) there is no
 * WeChat identity, so when the server has dev login on, a demo-account picker and a
 * "new member" choice (a fresh random openid) sign in through POST /api/auth/dev-login.
 */
import { View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { useState } from 'react';
import type { AuthConfigResponse } from '../../contracts/auth';
import { DEMO_ACCOUNTS } from '../../contracts/demoAccounts';
import type { LoginResponse } from '../../contracts/members';
import { Action } from '../../components/Action';
import { PageShell } from '../../components/PageShell';
import { api, errorText } from '../../services/api';
import { saveSession } from '../../services/session';
import { setUnread } from '../../services/unread';
import { useNoHomeButton } from '../../services/useNoHomeButton';
import './index.scss';

const IS_WEAPP = process.env.TARO_ENV === 'weapp';

function newMemberOpenid(): string {
  return `h5-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}

async function finish(res: LoginResponse) {
  saveSession(res.token, res.member);
  await Taro.reLaunch({ url: '/pages/home/index' });
}

export default function LoginPage() {
  const [devLogin, setDevLogin] = useState<boolean | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useNoHomeButton();

  useLoad(() => {
    setUnread(0);
    if (IS_WEAPP) return;
    api
      .get<AuthConfigResponse>('/api/auth/config')
      .then((c) => setDevLogin(c.devLogin))
      .catch((e: unknown) => {
        setDevLogin(false);
        setError(errorText(e));
      });
  });

  const run = async (label: string, login: () => Promise<LoginResponse>) => {
    if (busy) return;
    setBusy(label);
    setError(null);
    try {
      await finish(await login());
    } catch (e) {
      setError(errorText(e));
      setBusy(null);
    }
  };

  const wxLogin = () =>
    run('wx', async () => {
      const { code } = await Taro.login();
      return api.post<LoginResponse>('/api/auth/wx-login', { code });
    });

  const devLoginAs = (label: string, openid: string) =>
    run(label, () => api.post<LoginResponse>('/api/auth/dev-login', { openid }));

  return (
    <PageShell requireLogin={false}>
      <View className="login-head">
        <View className="login-title">工会服务</View>
        <View className="muted">困难帮扶、金秋助学、劳动竞赛、服务卡，在手机上办理</View>
      </View>

      {error ? (
        <View className="notice error" id="login-error" ariaRole="alert">
          {error}
        </View>
      ) : null}

      {IS_WEAPP ? (
        <Action id="wx-login" onClick={wxLogin} disabled={busy !== null}>
          {busy ? '正在登录…' : '微信一键登录'}
        </Action>
      ) : null}

      {!IS_WEAPP && devLogin === null ? <View className="muted">正在准备登录…</View> : null}

      {!IS_WEAPP && devLogin === false ? (
        <View className="card">
          网页版目前只用于演示，演示登录没有开启。请在微信里打开「工会服务」小程序办理业务。
        </View>
      ) : null}

      {!IS_WEAPP && devLogin ? (
        <View id="dev-login">
          <View className="notice">演示环境：请选择一个账号登录。这些都是虚构的人和单位。</View>
          <Action
            id="login-new-member"
            onClick={() => devLoginAs('new', newMemberOpenid())}
            disabled={busy !== null}
          >
            {busy === 'new' ? '正在登录…' : '新会员（首次登录）'}
          </Action>
          <View className="section-title">演示账号</View>
          {DEMO_ACCOUNTS.map((a) => (
            <Action
              key={a.openid}
              id={`login-${a.openid}`}
              kind="secondary"
              onClick={() => devLoginAs(a.openid, a.openid)}
              disabled={busy !== null}
            >
              {busy === a.openid ? '正在登录…' : a.label}
            </Action>
          ))}
        </View>
      ) : null}
    </PageShell>
  );
}
