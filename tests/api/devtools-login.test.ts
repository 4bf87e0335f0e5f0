/**
 * `npm start` lets WeChat DevTools log in against the local WeChat stand-in: DevTools' own
 * wx.login codes mean nothing to it, so they stand for one local user. A stack of its own,
 * started as `npm start` starts it.
 */
import { DEVTOOLS_OPENID } from '../../cloud/dev/server';
import { startStack, type Stack } from '../support/api-stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ acceptDevtoolsLogin: true });
});
afterAll(() => stack.stop());

const devtoolsCode = () =>
  Array.from(
    { length: 32 },
    () => 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'[Math.floor(Math.random() * 62)],
  ).join('');

describe('WeChat DevTools against npm start', () => {
  it('signs every DevTools wx.login code in as the same local member', async () => {
    const first = await stack.call('POST', '/api/auth/wx-login', { body: { code: devtoolsCode() } });
    const again = await stack.call('POST', '/api/auth/wx-login', { body: { code: devtoolsCode() } });
    expect(first.status).toBe(200);
    expect(again.body.member.id).toBe(first.body.member.id);
    expect(await stack.db.collection('members').countDocuments({ openid: DEVTOOLS_OPENID })).toBe(1);
  });

  it('still refuses what no wx.login could have made, and a code used twice', async () => {
    const bad = await stack.call('POST', '/api/auth/wx-login', { body: { code: 'not a code!' } });
    expect([bad.status, bad.body.error.code]).toEqual([401, 'WECHAT_CODE_INVALID']);
    const code = devtoolsCode();
    expect((await stack.call('POST', '/api/auth/wx-login', { body: { code } })).status).toBe(200);
    const twice = await stack.call('POST', '/api/auth/wx-login', { body: { code } });
    expect([twice.status, twice.body.error.code]).toEqual([401, 'WECHAT_CODE_INVALID']);
  });
});
