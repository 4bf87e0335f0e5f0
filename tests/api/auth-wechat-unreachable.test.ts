// A stack of its own: the platform's configuration is per process (per test file).
import { startStack } from '../support/api-stack';

describe('WeChat unreachable', () => {
  it('reports WeChat as unavailable when its server cannot be reached', async () => {
    const cut = await startStack({ env: { WECHAT_API_BASE: 'http://127.0.0.1:9' } });
    try {
      const r = await cut.call('POST', '/api/auth/wx-login', { body: { code: 'x' } });
      expect(r.status).toBe(502);
      expect(r.body.error.code).toBe('WECHAT_UNAVAILABLE');
    } finally {
      await cut.stop();
    }
  });
});
