/**
 * A journey in the mini program: the real local stack (dev server on devdb with the demo data,
 * the WeChat stand-in) and the built mini program on a phone whose WeChat user signs in through
 * the login page's 微信一键登录 (wx.login → POST /api/auth/wx-login).
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStack, type Stack } from '../../support/api-stack';
import { ensureWeappBuild } from '../../support/weapp-build';
import { MiniProgram, type OpenPage } from './miniprogram';
import { localPhone, type LocalPhone } from './wx-local';

export interface Journey {
  stack: Stack;
  mp: MiniProgram;
  phone: LocalPhone;
  /** Logs out, becomes WeChat user `openid` and signs in from the login page; resolves on 首页. */
  signIn(openid: string): Promise<OpenPage>;
  stop(): Promise<void>;
}

export async function startJourney(): Promise<Journey> {
  const [build, stack] = await Promise.all([ensureWeappBuild(), startStack({ seed: true })]);
  const phone = localPhone({
    apiUrl: stack.url,
    wechat: stack.server.wechat!,
    user: '',
    tmpDir: mkdtempSync(path.join(os.tmpdir(), 'weapp-journey-')),
  });
  const mp = MiniProgram.launch(build.dir, phone.wx);
  return {
    stack,
    mp,
    phone,
    async signIn(openid: string) {
      phone.storage.clear();
      phone.user = openid;
      const login = await mp.reLaunch('/pages/login/index');
      await login.waitFor(() => login.has('wx-login') && login.isEnabled('wx-login'));
      await login.tap('wx-login');
      await login.waitFor(() => mp.current.route === 'pages/home/index');
      await mp.current.waitFor(() => mp.current.text().includes('您好'));
      return mp.current;
    },
    async stop() {
      await mp.close();
      await stack.stop();
    },
  };
}
