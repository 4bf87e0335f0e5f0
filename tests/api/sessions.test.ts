/**
 * Sessions: 退出登录 ends the session on the server (the token stops working, not only on the
 * phone that forgets it); an operator can end every session of a member or an officer; an
 * officer's session is shorter than a worker's, and both lifetimes are configured. Every
 * request compares the token's session version with the member's, read with the member.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { decodeJwt, SignJWT } from 'jose';
import { revokeSessions } from '../../cloud/core/members/sessions';
import { getDb } from '../../cloud/platform/db/client';
import { startStack, type Stack } from '../support/api-stack';
import { officerOf } from '../support/people';

const execFileAsync = promisify(execFile);
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ env: { SESSION_HOURS: '48', OFFICER_SESSION_HOURS: '2' } });
});
afterAll(() => stack.stop());

const me = (token: string) => stack.call('GET', '/api/members/me', { token });
const memberIdOf = async (openid: string) =>
  (await stack.db.collection('members').findOne({ openid }))!._id.toHexString();

describe('sessions', () => {
  it('ends the session at POST /api/auth/logout: the same token then answers 401, even right after it was used', async () => {
    const token = await stack.login('session-logout');
    expect((await me(token)).status).toBe(200);
    const out = await stack.call('POST', '/api/auth/logout', { token });
    expect(out.status).toBe(200);
    const after = await me(token);
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('TOKEN_INVALID');
    expect((await stack.call('POST', '/api/auth/logout', { token })).status).toBe(401);
    const audit = await stack.db
      .collection('auditLog')
      .findOne({ action: 'member.sessions_revoked', entityId: await memberIdOf('session-logout') });
    expect(audit).toMatchObject({ data: { reason: 'logout' } });
  });

  it('lets the member sign in again after signing out', async () => {
    const old = await stack.login('session-again');
    await stack.call('POST', '/api/auth/logout', { token: old });
    const fresh = await stack.login('session-again');
    expect((await me(fresh)).status).toBe(200);
    expect((await me(old)).status).toBe(401);
  });

  it("lets an operator end every session of a worker or an officer, audited, and touches no one else's", async () => {
    const worker = await stack.login('session-revoked-worker');
    const workerPhone = await stack.login('session-revoked-worker');
    const officer = await officerOf(stack, 'session-revoked-officer', 'c1d1t1');
    const bystander = await stack.login('session-bystander');
    for (const t of [worker, workerPhone, officer, bystander]) expect((await me(t)).status).toBe(200);
    for (const openid of ['session-revoked-worker', 'session-revoked-officer']) {
      // the app's own connection, as the operator's command uses it (a transaction needs one client)
      await revokeSessions(await getDb(), await memberIdOf(openid), {
        actorId: null,
        reason: 'operator',
        requestId: 'ops-revoke-test',
      });
    }
    for (const t of [worker, workerPhone, officer]) expect((await me(t)).status).toBe(401);
    expect((await me(bystander)).status).toBe(200);
    expect(
      await stack.db.collection('auditLog').countDocuments({
        action: 'member.sessions_revoked',
        requestId: 'ops-revoke-test',
        data: { reason: 'operator' },
      }),
    ).toBe(2);
  });

  it('ends every session of a member from the command line (npm run sessions:revoke), by openid', async () => {
    const token = await stack.login('session-cli');
    // asynchronously: the database answering the command runs in this process
    const revoke = (who: string) =>
      execFileAsync(process.execPath, [require.resolve('tsx/cli'), 'cloud/ops/revoke-sessions.ts', who], {
        env: {
          ...process.env,
          NODE_ENV: 'test',
          MONGODB_URI: stack.server.mongoUri,
          MONGODB_DB: stack.server.config.dbName,
          DATA_DIR: 'test-output/sessions-cli',
        },
      }).then(
        (r) => ({ code: 0, ...r }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
    const done = await revoke('session-cli');
    expect(done).toMatchObject({ code: 0, stderr: '' });
    expect(done.stdout).toContain(await memberIdOf('session-cli'));
    expect((await me(token)).status).toBe(401);
    const missing = await revoke('nobody-here');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no member');
  });

  it('gives workers and officers the configured session lifetimes, the officer the shorter', async () => {
    const lifetime = (token: string) => {
      const { exp, iat } = decodeJwt(token);
      return (exp! - iat!) / 3600;
    };
    expect(lifetime(await stack.login('demo-worker-1'))).toBe(48);
    expect(lifetime(await stack.login('demo-officer-city'))).toBe(2);
  });

  it("ends a worker's longer session once the member became an officer and the officer lifetime has passed", async () => {
    const token = await stack.login('session-promoted');
    const id = await memberIdOf('session-promoted');
    // the same session, started three hours ago (signed as the server signs, with an older iat)
    const now = Math.floor(Date.now() / 1000);
    const started = await new SignJWT({ sv: 0 })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(id)
      .setIssuer('union-services')
      .setIssuedAt(now - 3 * 3600)
      .setExpirationTime(now + 45 * 3600)
      .sign(new TextEncoder().encode(stack.server.config.jwtSecret));
    expect((await me(started)).status).toBe(200);
    await officerOf(stack, 'session-promoted', 'c1d1t1');
    expect((await me(started)).status).toBe(401);
    expect((await me(token)).status).toBe(200); // started just now: within the officer lifetime
  });
});
