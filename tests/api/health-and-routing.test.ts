import { startStack, type Stack } from '../support/api-stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

describe('health and routing', () => {
  it('reports the database as up', async () => {
    const r = await stack.call('GET', '/api/health');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: true, db: 'up' });
  });

  it('answers an unknown API route with ROUTE_NOT_FOUND in Chinese', async () => {
    for (const path of ['/api/nope', '/api/members/unknown/deeper']) {
      const r = await stack.call('GET', path);
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('ROUTE_NOT_FOUND');
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it("tags every response with a request id of its own (not the client's) and forbids caching", async () => {
    const r = await stack.call('GET', '/api/health', { headers: { 'x-request-id': 'abc-123' } });
    expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.headers.get('cache-control')).toBe('no-store');
  });
});
