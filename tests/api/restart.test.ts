/**
 * `npm start` keeps its data in DATA_DIR: a restart finds every member again and does not
 * seed a second time. Stacks of their own, on one data directory.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SEED_MEMBERS, SEED_ORGS } from '../../cloud/dev/seed-data';
import { startStack } from '../support/api-stack';

describe('restarting the local server', () => {
  it('keeps members and keys, and seeds only the first time', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'restart-'));
    const first = await startStack({ dataDir });
    let memberId: string;
    let firstToken: string;
    try {
      const r = await first.call('POST', '/api/auth/dev-login', { body: { openid: 'restart-newcomer' } });
      memberId = r.body.member.id;
      firstToken = r.body.token;
      expect(await first.db.collection('auditLog').countDocuments({ action: 'seed' })).toBe(1);
    } finally {
      await first.stop();
    }

    const second = await startStack({ dataDir });
    try {
      const r = await second.call('POST', '/api/auth/dev-login', { body: { openid: 'restart-newcomer' } });
      expect(r.body.member.id).toBe(memberId);
      // the session from before the restart is still good (the generated keys were kept)
      const me = await second.call('GET', '/api/members/me', { token: firstToken });
      expect([me.status, me.body.id]).toEqual([200, memberId]);
      expect(await second.db.collection('auditLog').countDocuments({ action: 'seed' })).toBe(1);
      expect(await second.db.collection('orgs').countDocuments()).toBe(SEED_ORGS.length);
      expect(await second.db.collection('members').countDocuments()).toBe(SEED_MEMBERS.length + 1);
    } finally {
      await second.stop();
    }
  });
});
