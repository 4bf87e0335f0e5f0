/**
 * The audit log: every state change and every read of unmasked personal data leaves exactly
 * one entry, tagged with the request id the client saw. The table below must name every
 * state-changing route of the foundation functions (read from the registry), so a new route
 * cannot forget its entry unnoticed.
 */
import { ObjectId } from 'mongodb';
import { FUNCTIONS } from '../../cloud/functions/registry';
import { routesOf } from '../../cloud/platform/http/create-app';
import { CURRENT_CONSENT_VERSION } from '../../src/contracts/members';
import { startStack, type ApiResponse, type Stack } from '../support/api-stack';
import { freshIdNumber, officerOf, registeredWorker } from '../support/people';
import { idNumberCheckChar } from '../../src/contracts/idNumber';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

const FOUNDATION = ['health', 'auth', 'members', 'orgs', 'notifications', 'files', 'bursary'];
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 1)]);

const memberIdOf = async (openid: string) =>
  (await stack.db.collection('members').findOne({ openid }))!._id.toHexString();

async function upload(token: string): Promise<ApiResponse<any>> {
  const res = await fetch(`${stack.url}/api/files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'image/jpeg' },
    body: new Uint8Array(JPEG),
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

interface Expected {
  response: ApiResponse<any>;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
}

let children = 0;
/** A worker of 江城机械厂 registers a child for this year's (seeded) 金秋助学 campaign. */
async function registerChild(openid: string) {
  const token = await registeredWorker(stack, openid);
  const first17 = `3301062006010${String(1000 + (process.pid % 8000) + ++children).slice(-4)}`;
  const response = await stack.call('POST', '/api/bursary/applications', {
    token,
    body: {
      childName: '周小舟',
      childIdNumber: first17 + idNumberCheckChar(first17),
      school: '江城大学',
      level: 'undergraduate',
      admissionYear: 2025,
      answers: { military: false, free_teacher: false, directed: false, aided_elsewhere: false },
      guardianConsent: true,
    },
  });
  return { token, response, actor: await memberIdOf(openid) };
}

/** One successful call per state-changing route (and per read of unmasked data). */
const CASES: Record<string, () => Promise<Expected>> = {
  'POST /api/bursary/campaigns': async () => {
    const token = await officerOf(stack, 'audit-district-officer', 'c1d2');
    const year = new Date().getFullYear();
    const response = await stack.call('POST', '/api/bursary/campaigns', {
      token,
      body: {
        year,
        opensOn: `${year}-07-01`,
        closesOn: `${year}-08-31`,
        levels: ['undergraduate'],
        amounts: { undergraduate: { on_file: 500_000 } },
        exclusions: [],
        materials: [],
        publicityDays: 5,
      },
    });
    const actor = await memberIdOf('audit-district-officer');
    return {
      response,
      actor,
      action: 'bursary.campaign_created',
      entity: 'bursaryCampaign',
      entityId: response.body.id,
    };
  },
  'POST /api/bursary/applications': async () => {
    const { response, actor } = await registerChild('audit-bursary-parent');
    return {
      response,
      actor,
      action: 'bursary.submit',
      entity: 'bursaryApplication',
      entityId: response.body.id,
    };
  },
  'PUT /api/bursary/applications/:id': async () => {
    const { token, response: created, actor } = await registerChild('audit-bursary-returned');
    const id = created.body.id;
    const officer = await stack.login('demo-officer-base');
    const returned = await stack.call('POST', `/api/bursary/applications/${id}/transitions`, {
      token: officer,
      body: { action: 'return', version: 1, comment: '请上传录取通知书' },
    });
    const response = await stack.call('PUT', `/api/bursary/applications/${id}`, {
      token,
      body: {
        childName: '周小舟',
        school: '江城职业技术学院',
        level: 'vocational_college',
        admissionYear: 2025,
        answers: { military: false, free_teacher: false, directed: false, aided_elsewhere: false },
        version: returned.body.version,
      },
    });
    return { response, actor, action: 'bursary.form_updated', entity: 'bursaryApplication', entityId: id };
  },
  'POST /api/bursary/applications/:id/transitions': async () => {
    const { response: created } = await registerChild('audit-bursary-approved');
    const token = await stack.login('demo-officer-base');
    const response = await stack.call('POST', `/api/bursary/applications/${created.body.id}/transitions`, {
      token,
      body: { action: 'approve', version: 1 },
    });
    return {
      response,
      actor: await memberIdOf('demo-officer-base'),
      action: 'bursary.approve',
      entity: 'bursaryApplication',
      entityId: created.body.id,
    };
  },
  'POST /api/auth/wx-login': async () => {
    const response = await stack.call('POST', '/api/auth/wx-login', {
      body: { code: stack.server.wechat!.issueCode('audit-wx-newcomer') },
    });
    const id = response.body.member.id;
    return { response, actor: id, action: 'member.created', entity: 'member', entityId: id };
  },
  'POST /api/auth/dev-login': async () => {
    const response = await stack.call('POST', '/api/auth/dev-login', {
      body: { openid: 'audit-dev-newcomer' },
    });
    const id = response.body.member.id;
    return { response, actor: id, action: 'member.created', entity: 'member', entityId: id };
  },
  'PUT /api/members/me': async () => {
    const token = await stack.login('audit-profile');
    const response = await stack.call('PUT', '/api/members/me', {
      token,
      body: {
        name: '冯小燕',
        idNumber: freshIdNumber(),
        phone: '13700002222',
        orgId: 'c1d1t1b2',
        consentVersion: CURRENT_CONSENT_VERSION,
      },
    });
    const id = response.body.id;
    return { response, actor: id, action: 'member.profile_updated', entity: 'member', entityId: id };
  },
  'POST /api/members/me/consent': async () => {
    const token = await stack.login('audit-consent');
    const response = await stack.call('POST', '/api/members/me/consent', {
      token,
      body: { version: CURRENT_CONSENT_VERSION },
    });
    const id = response.body.id;
    return { response, actor: id, action: 'member.consent', entity: 'member', entityId: id };
  },
  'POST /api/members/:id/id-number/reveal': async () => {
    const token = await stack.login('demo-officer-base');
    const worker = await memberIdOf('demo-worker-2');
    const response = await stack.call('POST', `/api/members/${worker}/id-number/reveal`, { token });
    return {
      response,
      actor: await memberIdOf('demo-officer-base'),
      action: 'pii.revealed',
      entity: 'member',
      entityId: worker,
    };
  },
  'POST /api/notifications/subscriptions': async () => {
    const token = await stack.login('audit-grants');
    const response = await stack.call('POST', '/api/notifications/subscriptions', {
      token,
      body: { results: { 'dev-aid-progress': 'accept' } },
    });
    const id = await memberIdOf('audit-grants');
    return { response, actor: id, action: 'subscription.granted', entity: 'member', entityId: id };
  },
  'POST /api/notifications/:id/read': async () => {
    const token = await stack.login('audit-reader');
    const owner = await memberIdOf('audit-reader');
    const message = new ObjectId();
    await stack.db.collection('notifications').insertOne({
      _id: message,
      memberId: new ObjectId(owner),
      title: '审核进度',
      body: '您的申请已通过初审',
      link: null,
      read: false,
      createdAt: new Date(),
      dedupeKey: 'audit-reader-1',
    });
    const response = await stack.call('POST', `/api/notifications/${message.toHexString()}/read`, { token });
    return {
      response,
      actor: owner,
      action: 'notification.read',
      entity: 'notification',
      entityId: message.toHexString(),
    };
  },
  'POST /api/files': async () => {
    const token = await stack.login('demo-worker-3');
    const response = await upload(token);
    return {
      response,
      actor: await memberIdOf('demo-worker-3'),
      action: 'file.uploaded',
      entity: 'file',
      entityId: response.body.id,
    };
  },
  'GET /api/files/:id (an officer reads evidence)': async () => {
    const file = await upload(await stack.login('demo-worker-1'));
    const token = await stack.login('demo-officer-town');
    const res = await fetch(`${stack.url}/api/files/${file.body.id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await res.arrayBuffer();
    return {
      response: { status: res.status, body: null, headers: res.headers },
      actor: await memberIdOf('demo-officer-town'),
      action: 'file.read',
      entity: 'file',
      entityId: file.body.id,
    };
  },
};

describe('the audit log', () => {
  it('has a case for every state-changing route of the foundation functions', () => {
    const changing = FUNCTIONS.filter((f) => FOUNDATION.includes(f.name)).flatMap((f) =>
      routesOf(f.createApp())
        .filter((r) => r.method !== 'get')
        .map((r) => `${r.method.toUpperCase()} /api/${f.name}${r.path === '/' ? '' : r.path}`),
    );
    expect(changing.sort()).toEqual(
      Object.keys(CASES)
        .filter((k) => !k.startsWith('GET'))
        .sort(),
    );
  });

  it.each(Object.keys(CASES))(
    'records one entry for %s, with the actor and the request id',
    async (label) => {
      const { response, actor, action, entity, entityId } = await CASES[label]();
      expect(response.status).toBeLessThan(300);
      const requestId = response.headers.get('x-request-id');
      expect(requestId).toBeTruthy();
      const entries = await stack.db.collection('auditLog').find({ requestId }).toArray();
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ actorId: actor, action, entity, entityId });
      expect(entries[0].at).toBeInstanceOf(Date);
    },
  );

  it('writes nothing when nothing changed: a known member logs in, a read message is read again', async () => {
    await stack.login('audit-quiet');
    const token = await stack.login('audit-quiet');
    const owner = await memberIdOf('audit-quiet');
    const message = new ObjectId();
    await stack.db.collection('notifications').insertOne({
      _id: message,
      memberId: new ObjectId(owner),
      title: '通知',
      body: '已读的消息',
      link: null,
      read: true,
      createdAt: new Date(),
      dedupeKey: 'audit-quiet-1',
    });
    const before = await stack.db.collection('auditLog').countDocuments();
    await stack.login('audit-quiet');
    const again = await stack.call('POST', `/api/notifications/${message.toHexString()}/read`, { token });
    expect(again.status).toBe(200);
    expect(await stack.db.collection('auditLog').countDocuments()).toBe(before);
  });

  it('never shows an unmasked ID number on a read route, so the audited reveal is the only way to one', async () => {
    const seeded = await stack.db
      .collection('members')
      .find({ idNumberEnc: { $ne: null } })
      .toArray();
    expect(seeded.length).toBeGreaterThan(5);
    const reveal = async (id: string) =>
      (
        await stack.call('POST', `/api/members/${id}/id-number/reveal`, {
          token: await stack.login('demo-officer-city'),
        })
      ).body.idNumber as string;
    const before = await stack.db.collection('auditLog').countDocuments({ action: 'pii.revealed' });
    const idNumbers = await Promise.all(seeded.map((m) => reveal(m._id.toHexString())));
    expect(await stack.db.collection('auditLog').countDocuments({ action: 'pii.revealed' })).toBe(
      before + seeded.length,
    );
    const reads = FUNCTIONS.flatMap((f) =>
      routesOf(f.createApp())
        .filter((r) => r.method === 'get' && !r.path.includes(':'))
        .map((r) => `/api/${f.name}${r.path === '/' ? '' : r.path}`),
    );
    for (const openid of ['demo-worker-1', 'demo-officer-base', 'demo-officer-city']) {
      const token = await stack.login(openid);
      for (const path of reads) {
        const text = JSON.stringify((await stack.call('GET', path, { token })).body);
        for (const idNumber of idNumbers) expect(text).not.toContain(idNumber);
      }
    }
  });
});
