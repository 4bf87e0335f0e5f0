// A stack of its own: the platform's configuration is per process (per test file).
import { startStack } from '../support/api-stack';

describe('dev login switched off', () => {
  it('refuses dev login when it is not enabled', async () => {
    const off = await startStack({ devLogin: false });
    try {
      const r = await off.call('POST', '/api/auth/dev-login', { body: { openid: 'demo-worker-1' } });
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('DEV_LOGIN_DISABLED');
      expect((await off.call('GET', '/api/auth/config')).body).toEqual({ devLogin: false });
    } finally {
      await off.stop();
    }
  });
});
