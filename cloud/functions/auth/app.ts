import { DevLoginSchema, WxLoginSchema, type LoginResponse } from '../../../src/contracts/members';
import { createFunctionApp } from '../../platform/http/create-app';
import { route } from '../../platform/http/route';
import { AppError } from '../../platform/http/app-error';
import { signSessionToken } from '../../platform/auth/token';
import { code2Session } from '../../platform/wechat/code2session';
import { loginByOpenid } from '../../core/members/service';

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
          const { memberId, member } = await loginByOpenid(db, identity, 'wx-login', requestId);
          const response: LoginResponse = {
            token: await signSessionToken(memberId, config.jwtSecret),
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
          const { memberId, member } = await loginByOpenid(
            db,
            { openid: body.openid },
            'dev-login',
            requestId,
          );
          const response: LoginResponse = {
            token: await signSessionToken(memberId, config.jwtSecret),
            member,
          };
          return { body: response };
        },
      }),
    ],
  });
}
