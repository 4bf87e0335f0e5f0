import { DevLoginSchema, WxLoginSchema, type LoginResponse } from '../../../src/contracts/members';
import { createFunctionApp } from '../../platform/http/create-app';
import { route } from '../../platform/http/route';
import { AppError } from '../../platform/http/app-error';
import { code2Session } from '../../platform/wechat/code2session';
import { loginByOpenid } from '../../core/members/service';
import { issueSessionToken, revokeSessions } from '../../core/members/sessions';

export function createAuthApp() {
  return createFunctionApp({
    name: 'auth',
    routes: [
      route({
        method: 'get',
        path: '/config',
        auth: 'public',
        handler: async ({ config }) => ({ body: { devLogin: config.devLogin } }),
      }),
      route({
        method: 'post',
        path: '/wx-login',
        auth: 'public',
        body: WxLoginSchema,
        handler: async ({ db, config, body, requestId }) => {
          const identity = await code2Session(body.code, config.wechat);
          const { member, ...session } = await loginByOpenid(db, identity, 'wx-login', requestId);
          const response: LoginResponse = {
            token: await issueSessionToken(config, { ...session, roles: member.roles }),
            member,
          };
          return { body: response };
        },
      }),
      route({
        method: 'post',
        path: '/dev-login',
        auth: 'public',
        body: DevLoginSchema,
        handler: async ({ db, config, body, requestId }) => {
          if (!config.devLogin) throw new AppError('DEV_LOGIN_DISABLED');
          const { member, ...session } = await loginByOpenid(
            db,
            { openid: body.openid },
            'dev-login',
            requestId,
          );
          const response: LoginResponse = {
            token: await issueSessionToken(config, { ...session, roles: member.roles }),
            member,
          };
          return { body: response };
        },
      }),
      // 退出登录: ends this member's sessions on the server, on every device
      route({
        method: 'post',
        path: '/logout',
        auth: 'member',
        handler: async ({ db, caller, requestId }) => {
          await revokeSessions(db, caller.memberId, {
            actorId: caller.memberId,
            reason: 'logout',
            requestId,
          });
          return { body: { ok: true } };
        },
      }),
    ],
  });
}
