import { CURRENT_CONSENT_VERSION } from '../../src/contracts/members';
import { idNumberCheckChar } from '../../src/contracts/idNumber';
import { startStack, writeCounts, type Stack } from '../support/api-stack';
import { submitAidCaseWith } from '../support/people';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

const validId = (first17: string) => first17 + idNumberCheckChar(first17);
const profile = (over: Record<string, unknown> = {}) => ({
  name: '孙小梅',
  idNumber: validId('44030019900315201'),
  phone: '13712345678',
  orgId: 'c1d1t1b3',
  consentVersion: CURRENT_CONSENT_VERSION,
  ...over,
});

async function newWorker(openid: string): Promise<string> {
  return stack.login(openid);
}

describe('GET /api/members/me', () => {
  it('returns a seeded worker with the ID number masked and no raw personal data', async () => {
    const token = await stack.login('demo-worker-1');
    const r = await stack.call('GET', '/api/members/me', { token });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      name: '张建国',
      orgId: 'c1d1t1b1',
      orgName: '江城机械厂工会',
      roles: ['worker'],
    });
    expect(r.body.idNumberMasked).toMatch(/^330\*{11}\d{3}[\dX]$/);
    expect(r.body.phoneMasked).toBe('138****2001');
    expect(JSON.stringify(r.body)).not.toMatch(/\d{15}/);
  });
});

describe('PUT /api/members/me (real-name profile)', () => {
  it('saves a valid profile, returns it masked and stores the ID number only encrypted', async () => {
    const token = await newWorker('profile-ok');
    const body = profile();
    const r = await stack.call('PUT', '/api/members/me', { token, body });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ name: '孙小梅', orgId: 'c1d1t1b3', profileComplete: true });
    expect(r.body.idNumberMasked).toBe('440***********' + body.idNumber.slice(-4));
    expect(JSON.stringify(r.body)).not.toContain(body.idNumber);
    const doc = await stack.db.collection('members').findOne({ openid: 'profile-ok' });
    const stored = JSON.stringify(doc);
    expect(stored).not.toContain(body.idNumber);
    expect(stored).not.toContain(body.phone);
    expect(doc!.idNumberHash).toMatch(/^[0-9a-f]{64}$/);
    expect(doc!.orgPath).toEqual(['c1', 'c1d1', 'c1d1t1', 'c1d1t1b3']);
    expect(doc!.consent.version).toBe(CURRENT_CONSENT_VERSION);
    const audit = await stack.db
      .collection('auditLog')
      .findOne({ action: 'member.profile_updated', entityId: r.body.id });
    expect(audit).not.toBeNull();
  });

  it('explains a wrong check digit with ID_NUMBER_INVALID and changes nothing', async () => {
    const token = await newWorker('profile-bad-id');
    const before = await writeCounts(stack.db);
    const doc0 = await stack.db.collection('members').findOne({ openid: 'profile-bad-id' });
    const good = validId('33010619800101123');
    const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const r = await stack.call('PUT', '/api/members/me', { token, body: profile({ idNumber: wrong }) });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('ID_NUMBER_INVALID');
    expect(r.body.error.message).toContain('校验码');
    expect(await writeCounts(stack.db)).toEqual(before);
    expect(await stack.db.collection('members').findOne({ openid: 'profile-bad-id' })).toEqual(doc0);
  });

  it.each([
    ['an impossible birth date', '33010619801301123', '出生日期'],
    ['an unknown region', '99010619800101123', '地区码'],
  ])('refuses an ID number with %s', async (_label, first17, words) => {
    const token = await newWorker(`profile-${first17}`);
    const r = await stack.call('PUT', '/api/members/me', {
      token,
      body: profile({ idNumber: validId(first17) }),
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('ID_NUMBER_INVALID');
    expect(r.body.error.message).toContain(words);
  });

  it('refuses an ID number another member already registered', async () => {
    const token = await newWorker('profile-dup');
    const seededWorker1 = validId('33010619700101123');
    const before = await writeCounts(stack.db);
    const r = await stack.call('PUT', '/api/members/me', {
      token,
      body: profile({ idNumber: seededWorker1 }),
    });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('ID_NUMBER_TAKEN');
    expect(await writeCounts(stack.db)).toEqual(before);
  });

  it('lets exactly one of two members claim the same new ID number at once', async () => {
    const [a, b] = await Promise.all([newWorker('claim-a'), newWorker('claim-b')]);
    const idNumber = validId('33010619660606321');
    const rs = await Promise.all(
      [a, b].map((token) => stack.call('PUT', '/api/members/me', { token, body: profile({ idNumber }) })),
    );
    expect(rs.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it.each([
    ['a 街道 org instead of a 基层 union', { orgId: 'c1d1t1' }, 400, 'ORG_NOT_BASE'],
    ['an unknown org', { orgId: 'nope' }, 400, 'ORG_NOT_FOUND'],
    ['a bad phone number', { phone: '12345' }, 400, 'PHONE_INVALID'],
    ['a name with digits', { name: '张3' }, 400, 'NAME_INVALID'],
    ['an outdated consent version', { consentVersion: 'old' }, 400, 'CONSENT_REQUIRED'],
    ['an unknown field', { nickname: 'x' }, 400, 'VALIDATION_FAILED'],
    ['a wrong type', { phone: 13712345678 }, 400, 'PHONE_INVALID'],
  ])('refuses %s and writes nothing', async (_label, over, status, code) => {
    const token = await newWorker(`bad-${code}-${status}-${Object.keys(over)[0]}`);
    const before = await writeCounts(stack.db);
    const r = await stack.call('PUT', '/api/members/me', { token, body: profile(over) });
    expect(r.status).toBe(status);
    expect(r.body.error.code).toBe(code);
    expect(r.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await writeCounts(stack.db)).toEqual(before);
  });

  it('refuses malformed JSON with BAD_JSON', async () => {
    const token = await newWorker('bad-json');
    const r = await stack.call('PUT', '/api/members/me', {
      token,
      rawBody: '{"name": "张',
      headers: { 'content-type': 'application/json' },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('BAD_JSON');
  });

  it('refuses an oversized body with BODY_TOO_LARGE', async () => {
    const token = await newWorker('big-body');
    const before = await writeCounts(stack.db);
    const r = await stack.call('PUT', '/api/members/me', {
      token,
      body: profile({ name: '张'.repeat(200_000) }),
    });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('BODY_TOO_LARGE');
    expect(await writeCounts(stack.db)).toEqual(before);
  });
});

describe('consent for sensitive personal data', () => {
  it('records the consent with its time and text version, and audits it', async () => {
    const token = await newWorker('consent-1');
    const t0 = Date.now();
    const r = await stack.call('POST', '/api/members/me/consent', {
      token,
      body: { version: CURRENT_CONSENT_VERSION },
    });
    expect(r.status).toBe(200);
    expect(r.body.consent.version).toBe(CURRENT_CONSENT_VERSION);
    expect(Date.parse(r.body.consent.at)).toBeGreaterThanOrEqual(t0 - 1000);
    expect(
      await stack.db.collection('auditLog').countDocuments({ action: 'member.consent', entityId: r.body.id }),
    ).toBe(1);
  });

  it('replays the first answer when the same Idempotency-Key is retried', async () => {
    const token = await newWorker('consent-idem');
    const headers = { 'idempotency-key': 'consent-key-0001' };
    const body = { version: CURRENT_CONSENT_VERSION };
    const first = await stack.call('POST', '/api/members/me/consent', { token, body, headers });
    const second = await stack.call('POST', '/api/members/me/consent', { token, body, headers });
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(
      await stack.db
        .collection('auditLog')
        .countDocuments({ action: 'member.consent', entityId: first.body.id }),
    ).toBe(1);
    const other = await stack.call('POST', '/api/members/me/consent', {
      token,
      body: { version: 'x' },
      headers,
    });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses a malformed Idempotency-Key', async () => {
    const token = await newWorker('consent-badkey');
    const r = await stack.call('POST', '/api/members/me/consent', {
      token,
      body: { version: CURRENT_CONSENT_VERSION },
      headers: { 'idempotency-key': 'no' },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('IDEMPOTENCY_KEY_INVALID');
  });
});

describe('officer access', () => {
  it('keeps workers out of officer routes', async () => {
    const token = await stack.login('demo-worker-2');
    const before = await writeCounts(stack.db);
    for (const [method, path] of [
      ['GET', '/api/members/officer/home'],
      ['POST', '/api/members/000000000000000000000000/id-number/reveal'],
    ]) {
      const r = await stack.call(method, path, { token });
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('FORBIDDEN');
    }
    expect(await writeCounts(stack.db)).toEqual(before);
  });

  it('lists the programs on the officer home with the officer org', async () => {
    const token = await stack.login('demo-officer-base');
    const r = await stack.call('GET', '/api/members/officer/home', { token });
    expect(r.status).toBe(200);
    expect(r.body.org).toMatchObject({ id: 'c1d1t1b1', level: 'base' });
    expect(r.body.programs.map((p: { key: string }) => p.key)).toEqual([
      'aid',
      'bursary',
      'competition',
      'card',
      'identity',
    ]);
  });

  it('reveals a member ID number to an officer reviewing their case, and audits the read', async () => {
    const officer = await stack.login('demo-officer-base');
    const worker = await stack.call('POST', '/api/auth/dev-login', { body: { openid: 'demo-worker-1' } });
    const id = worker.body.member.id;
    const caseId = await submitAidCaseWith(stack, worker.body.token, []);
    const r = await stack.call('POST', `/api/members/${id}/id-number/reveal`, {
      token: officer,
      body: { purpose: 'verify_identity', serves: { program: 'aid', caseId } },
    });
    expect(r.status).toBe(200);
    expect(r.body.idNumber).toBe(validId('33010619700101123'));
    const audit = await stack.db.collection('auditLog').findOne({ action: 'pii.revealed', entityId: id });
    expect(audit).not.toBeNull();
  });

  it('refuses to reveal a member of another 街道 as if there were none, and audits nothing', async () => {
    const officer = await stack.login('demo-officer-base');
    const other = await stack.call('POST', '/api/auth/dev-login', { body: { openid: 'demo-worker-4' } });
    const caseId = await submitAidCaseWith(stack, other.body.token, []);
    const before = await writeCounts(stack.db);
    const r = await stack.call('POST', `/api/members/${other.body.member.id}/id-number/reveal`, {
      token: officer,
      body: { purpose: 'verify_identity', serves: { program: 'aid', caseId } },
    });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('NOT_FOUND');
    expect(await writeCounts(stack.db)).toEqual(before);
  });
});

describe('orgs and messages', () => {
  it('lists the org tree with paths from the 市总 down', async () => {
    const token = await stack.login('demo-worker-3');
    const r = await stack.call('GET', '/api/orgs', { token });
    expect(r.status).toBe(200);
    const base = r.body.orgs.find((o: { id: string }) => o.id === 'c1d1t1b1');
    expect(base).toMatchObject({
      level: 'base',
      parentId: 'c1d1t1',
      path: ['c1', 'c1d1', 'c1d1t1', 'c1d1t1b1'],
    });
    expect(r.body.orgs.filter((o: { level: string }) => o.level === 'district')).toHaveLength(2);
    expect((await stack.call('GET', '/api/orgs')).status).toBe(401);
  });

  it('starts a new member with an empty message centre and refuses to mark a stranger message', async () => {
    const token = await newWorker('messages-1');
    const r = await stack.call('GET', '/api/notifications', { token });
    expect(r.body).toEqual({ items: [], unread: 0 });
    const bad = await stack.call('POST', '/api/notifications/000000000000000000000000/read', { token });
    expect(bad.status).toBe(404);
    expect(bad.body.error.code).toBe('NOT_FOUND');
  });
});
