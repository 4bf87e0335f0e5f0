/**
 * The audit log: every state change and every read of unmasked personal data leaves exactly
 * one entry, tagged with the request id the client saw. The table below must name every
 * state-changing route of the foundation functions (read from the registry), so a new route
 * cannot forget its entry unnoticed.
 */
import { ObjectId } from 'mongodb';
import { FUNCTIONS } from '../../cloud/functions/registry';
import { piiCipherFor } from '../../cloud/platform/crypto/pii';
import { routesOf } from '../../cloud/platform/http/create-app';
import { CURRENT_CONSENT_VERSION } from '../../src/contracts/members';
import { CHECKED_FUNCTIONS } from '../support/checked-functions';
import { startStack, type ApiResponse, type Stack } from '../support/api-stack';
import { freshIdNumber, officerOf, registeredWorker, submitAidCaseWith } from '../support/people';
import { sampleJpeg } from '../support/sample-files';
import { makeCompetition, newNonce, registerFor } from '../support/competitions';
import { childApplication } from '../support/children';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

/** POST routes that only compute an answer: they change nothing, so they write no entry */
const COMPUTE_ONLY = ['POST /api/aid/assessment'];
const JPEG = sampleJpeg();

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

let workers = 0;
/** A new worker's hardship-aid case, taken by the officers up to `until` (submitted when omitted). */
async function aidCase(until?: 'publicity' | 'filed') {
  const token = await registeredWorker(stack, `audit-aid-${++workers}`);
  const id = await submitAidCaseWith(stack, token, []);
  const officers = Object.fromEntries(
    await Promise.all(
      (['base', 'town', 'city'] as const).map(async (l) => [l, await stack.login(`demo-officer-${l}`)]),
    ),
  ) as Record<'base' | 'town' | 'city', string>;
  const act = async (who: keyof typeof officers, action: string, extra: Record<string, unknown> = {}) => {
    const { version } = (await stack.call('GET', `/api/aid/cases/${id}`, { token: officers.base })).body;
    const r = await stack.call('POST', `/api/aid/cases/${id}/transitions`, {
      token: officers[who],
      body: { action, version, ...extra },
    });
    if (r.status !== 200) throw new Error(`${action}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.version as number;
  };
  let version = 1;
  if (until) {
    await act('base', 'record_visit', { visit: { date: '2026-11-20', findings: '入户核实，情况属实。' } });
    await act('base', 'approve');
    await act('town', 'approve');
    version = await act('city', 'approve', { category: 'deep', amountFen: 500_000 });
    if (until === 'filed') version = await act('city', 'file'); // 公示 is 0 days on the dev server
  }
  return { id, token, version, officers };
}

let entrants = 0;
/** A competition organised by 花园街道 with a judge, and a fresh worker registered in its first event. */
async function competitionEntry() {
  const organiser = await stack.login('demo-officer-town');
  const judge = await memberIdOf('demo-officer-base');
  const c = await makeCompetition(stack, organiser, { judgeIds: [judge] });
  const openid = `audit-entrant-${++entrants}`;
  const token = await registeredWorker(stack, openid);
  const reg = await registerFor(stack, token, c.id, c.events[0].id);
  return { c, organiser, token, openid, reg: reg.body as { id: string; ticket: { ticket: string } } };
}

/** A worker of 江城机械厂 registers a child for this year's (seeded) 金秋助学 campaign. */
async function registerChild(openid: string) {
  const token = await registeredWorker(stack, openid);
  const response = await stack.call('POST', '/api/bursary/applications', { token, body: childApplication() });
  return { token, response, actor: await memberIdOf(openid) };
}

/** 西山区's 金秋助学 terms (but the 公示 days), set and changed by the campaign cases below. */
function westHillTerms() {
  const year = new Date().getFullYear();
  return {
    opensOn: `${year}-07-01`,
    closesOn: `${year}-08-31`,
    levels: ['undergraduate'],
    amounts: { undergraduate: { on_file: 500_000 } },
    exclusions: [],
    materials: [],
  };
}

/** One successful call per state-changing route (and per read of unmasked data). */
const CASES: Record<string, () => Promise<Expected>> = {
  'POST /api/bursary/campaigns': async () => {
    const token = await officerOf(stack, 'audit-district-officer', 'c1d2');
    const response = await stack.call('POST', '/api/bursary/campaigns', {
      token,
      body: { year: new Date().getFullYear(), ...westHillTerms(), publicityDays: 5 },
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
  'PUT /api/bursary/campaigns/:id': async () => {
    // 西山区's campaign (made here unless the POST case made it): no one applies there in this file
    const token = await officerOf(stack, 'audit-district-officer', 'c1d2');
    const year = new Date().getFullYear();
    const terms = westHillTerms();
    const current = await stack.call('GET', '/api/bursary/campaigns/current', { token });
    const own =
      current.body.ownCampaign ??
      (
        await stack.call('POST', '/api/bursary/campaigns', {
          token,
          body: { year, ...terms, publicityDays: 5 },
        })
      ).body;
    const response = await stack.call('PUT', `/api/bursary/campaigns/${own.id}`, {
      token,
      body: { ...terms, publicityDays: own.publicityDays + 1, version: own.version },
    });
    return {
      response,
      actor: await memberIdOf('audit-district-officer'),
      action: 'bursary.campaign_updated',
      entity: 'bursaryCampaign',
      entityId: own.id,
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
        ...childApplication({ school: '江城职业技术学院', level: 'vocational_college' }),
        childIdNumber: undefined,
        guardianConsent: undefined,
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
  'POST /api/bursary/applications/:id/reveal': async () => {
    const { response: created } = await registerChild('audit-bursary-revealed');
    const response = await stack.call('POST', `/api/bursary/applications/${created.body.id}/reveal`, {
      token: await stack.login('demo-officer-base'),
      body: { field: 'idNumber', purpose: 'verify_identity' },
    });
    return {
      response,
      actor: await memberIdOf('demo-officer-base'),
      action: 'pii.revealed',
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
  'POST /api/auth/logout': async () => {
    const token = await stack.login('audit-logout');
    const response = await stack.call('POST', '/api/auth/logout', { token });
    const id = await memberIdOf('audit-logout');
    return { response, actor: id, action: 'member.sessions_revoked', entity: 'member', entityId: id };
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
    const caseId = await submitAidCaseWith(stack, await stack.login('demo-worker-2'), []);
    const response = await stack.call('POST', `/api/members/${worker}/id-number/reveal`, {
      token,
      body: { purpose: 'verify_identity', serves: { program: 'aid', caseId } },
    });
    return {
      response,
      actor: await memberIdOf('demo-officer-base'),
      action: 'pii.revealed',
      entity: 'member',
      entityId: worker,
    };
  },
  'POST /api/members/:id/identity-change': async () => {
    const token = await registeredWorker(stack, 'audit-identity');
    await submitAidCaseWith(stack, token, []);
    const member = await memberIdOf('audit-identity');
    await stack.call('PUT', '/api/members/me', {
      token,
      body: {
        name: '冯改名',
        idNumber: freshIdNumber(),
        phone: '13700003333',
        orgId: 'c1d1t1b1',
        consentVersion: CURRENT_CONSENT_VERSION,
      },
    });
    const response = await stack.call('POST', `/api/members/${member}/identity-change`, {
      token: await stack.login('demo-officer-base'),
      body: { decision: 'confirm' },
    });
    return {
      response,
      actor: await memberIdOf('demo-officer-base'),
      action: 'member.identity_change_confirmed',
      entity: 'member',
      entityId: member,
    };
  },
  'POST /api/notifications/subscriptions': async () => {
    const token = await stack.login('audit-grants');
    const response = await stack.call('POST', '/api/notifications/subscriptions', {
      token,
      body: { results: { 'dev-review-progress': 'accept' } },
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
  'POST /api/aid/cases': async () => {
    const token = await registeredWorker(stack, 'audit-aid-draft');
    const response = await stack.call('POST', '/api/aid/cases', {
      token,
      body: { householdSize: 2, submit: false },
    });
    const actor = await memberIdOf('audit-aid-draft');
    return { response, actor, action: 'aid.draft_created', entity: 'aidCase', entityId: response.body.id };
  },
  'PUT /api/aid/cases/:id': async () => {
    const token = await registeredWorker(stack, 'audit-aid-edit');
    const draft = await stack.call('POST', '/api/aid/cases', {
      token,
      body: { householdSize: 2, submit: false },
    });
    const response = await stack.call('PUT', `/api/aid/cases/${draft.body.id}`, {
      token,
      body: { householdSize: 3, version: 1 },
    });
    const actor = await memberIdOf('audit-aid-edit');
    return { response, actor, action: 'aid.form_updated', entity: 'aidCase', entityId: draft.body.id };
  },
  'POST /api/aid/cases/:id/transitions': async () => {
    const { id, officers } = await aidCase();
    const response = await stack.call('POST', `/api/aid/cases/${id}/transitions`, {
      token: officers.base,
      body: {
        action: 'record_visit',
        version: 1,
        visit: { date: '2026-11-20', findings: '入户核实，情况属实。' },
      },
    });
    const actor = await memberIdOf('demo-officer-base');
    return { response, actor, action: 'aid.record_visit', entity: 'aidCase', entityId: id };
  },
  'POST /api/aid/cases/:id/payments': async () => {
    const { id, version, officers } = await aidCase('filed');
    const response = await stack.call('POST', `/api/aid/cases/${id}/payments`, {
      token: officers.city,
      body: { amountFen: 100_000, kind: 'living', version },
    });
    const actor = await memberIdOf('demo-officer-city');
    return { response, actor, action: 'aid.record_payment', entity: 'aidCase', entityId: id };
  },
  'POST /api/aid/cases/:id/objections': async () => {
    const { id } = await aidCase('publicity');
    const response = await stack.call('POST', `/api/aid/cases/${id}/objections`, {
      token: await registeredWorker(stack, 'audit-objector'),
      body: { text: '该户家中另有经营收入，情况与公示不符。' },
    });
    const actor = await memberIdOf('audit-objector');
    return { response, actor, action: 'aid.object', entity: 'aidCase', entityId: id };
  },
  'POST /api/aid/cases/:id/reveal': async () => {
    const { id, officers } = await aidCase();
    const response = await stack.call('POST', `/api/aid/cases/${id}/reveal`, {
      token: officers.base,
      body: { field: 'idNumber', purpose: 'verify_identity' },
    });
    const actor = await memberIdOf('demo-officer-base');
    return { response, actor, action: 'pii.revealed', entity: 'aidCase', entityId: id };
  },
  'POST /api/competitions': async () => {
    const token = await stack.login('demo-officer-town');
    const c = await stack.call('POST', '/api/competitions', {
      token,
      body: {
        title: '审计用技能比武',
        kind: 'skill',
        venue: '江城职业技术学院',
        startsAt: '2030-05-10T09:00:00+08:00',
        registrationOpensAt: '2030-04-01T09:00:00+08:00',
        registrationClosesAt: '2030-05-01T18:00:00+08:00',
        events: [{ name: '叉车', capacity: 30 }],
      },
    });
    const actor = await memberIdOf('demo-officer-town');
    return { response: c, actor, action: 'competition.created', entity: 'competition', entityId: c.body.id };
  },
  'POST /api/competitions/:id/registrations': async () => {
    const { c } = await competitionEntry();
    const token = await registeredWorker(stack, 'audit-registrant');
    const response = await registerFor(stack, token, c.id, c.events[0].id);
    const actor = await memberIdOf('audit-registrant');
    return {
      response,
      actor,
      action: 'competition.registered',
      entity: 'competitionRegistration',
      entityId: response.body.id,
    };
  },
  'POST /api/competitions/:id/nominations': async () => {
    const { c } = await competitionEntry();
    await registeredWorker(stack, 'audit-nominee');
    const response = await stack.call('POST', `/api/competitions/${c.id}/nominations`, {
      token: await stack.login('demo-officer-base'),
      body: { eventId: c.events[0].id, memberId: await memberIdOf('audit-nominee') },
    });
    const actor = await memberIdOf('demo-officer-base');
    return {
      response,
      actor,
      action: 'competition.nominated',
      entity: 'competitionRegistration',
      entityId: response.body.id,
    };
  },
  'DELETE /api/competitions/:id/registrations/:rid': async () => {
    const { c, token, openid, reg } = await competitionEntry();
    const response = await stack.call('DELETE', `/api/competitions/${c.id}/registrations/${reg.id}`, {
      token,
    });
    const actor = await memberIdOf(openid);
    return {
      response,
      actor,
      action: 'competition.registration_cancelled',
      entity: 'competitionRegistration',
      entityId: reg.id,
    };
  },
  'POST /api/competitions/:id/checkins': async () => {
    const { c, organiser, reg } = await competitionEntry();
    const response = await stack.call('POST', `/api/competitions/${c.id}/checkins`, {
      token: organiser,
      body: { ticket: reg.ticket.ticket, list: 'entry', nonce: newNonce() },
    });
    const actor = await memberIdOf('demo-officer-town');
    return {
      response,
      actor,
      action: 'competition.checked_in',
      entity: 'competitionRegistration',
      entityId: reg.id,
    };
  },
  'POST /api/competitions/:id/checkins/sync': async () => {
    const { c, organiser, reg } = await competitionEntry();
    const response = await stack.call('POST', `/api/competitions/${c.id}/checkins/sync`, {
      token: organiser,
      body: {
        items: [
          {
            ticket: reg.ticket.ticket,
            list: 'entry',
            nonce: newNonce(),
            scannedAt: new Date().toISOString(),
          },
        ],
      },
    });
    const actor = await memberIdOf('demo-officer-town');
    return {
      response,
      actor,
      action: 'competition.checked_in',
      entity: 'competitionRegistration',
      entityId: reg.id,
    };
  },
  'POST /api/competitions/:id/self-checkins': async () => {
    const { c, organiser, token, openid, reg } = await competitionEntry();
    const code = await stack.call('GET', `/api/competitions/${c.id}/venue-code`, { token: organiser });
    const response = await stack.call('POST', `/api/competitions/${c.id}/self-checkins`, {
      token,
      body: { scene: code.body.scene, nonce: newNonce() },
    });
    const actor = await memberIdOf(openid);
    return {
      response,
      actor,
      action: 'competition.checked_in',
      entity: 'competitionRegistration',
      entityId: reg.id,
    };
  },
  'PUT /api/competitions/:id/judges': async () => {
    const { c, organiser } = await competitionEntry();
    const response = await stack.call('PUT', `/api/competitions/${c.id}/judges`, {
      token: organiser,
      body: { judgeIds: [await memberIdOf('demo-officer-town')] },
    });
    const actor = await memberIdOf('demo-officer-town');
    return { response, actor, action: 'competition.judges_set', entity: 'competition', entityId: c.id };
  },
  'POST /api/competitions/:id/scores': async () => {
    const { c, reg } = await competitionEntry();
    const response = await stack.call('POST', `/api/competitions/${c.id}/scores`, {
      token: await stack.login('demo-officer-base'),
      body: { registrationId: reg.id, parts: { total: 88 } },
    });
    const actor = await memberIdOf('demo-officer-base');
    return {
      response,
      actor,
      action: 'competition.scored',
      entity: 'competitionRegistration',
      entityId: reg.id,
    };
  },
  'POST /api/competitions/:id/results/publish': async () => {
    const { c, organiser } = await competitionEntry();
    const response = await stack.call('POST', `/api/competitions/${c.id}/results/publish`, {
      token: organiser,
    });
    const actor = await memberIdOf('demo-officer-town');
    return {
      response,
      actor,
      action: 'competition.results_published',
      entity: 'competition',
      entityId: c.id,
    };
  },
  'GET /api/competitions/:id/results/export (names in full leave the system)': async () => {
    const { c, organiser } = await competitionEntry();
    const res = await fetch(`${stack.url}/api/competitions/${c.id}/results/export`, {
      headers: { authorization: `Bearer ${organiser}` },
    });
    await res.arrayBuffer();
    return {
      response: { status: res.status, body: null, headers: res.headers },
      actor: await memberIdOf('demo-officer-town'),
      action: 'competition.results_exported',
      entity: 'competition',
      entityId: c.id,
    };
  },
  'GET /api/files/:id (an officer reads evidence)': async () => {
    const owner = await registeredWorker(stack, 'audit-evidence', 'c1d1t1b2');
    const file = await upload(owner);
    await submitAidCaseWith(stack, owner, [file.body.id]);
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
  it('has a case for every state-changing route of the foundation functions and hardship aid', () => {
    const changing = FUNCTIONS.filter((f) => CHECKED_FUNCTIONS.includes(f.name)).flatMap((f) =>
      routesOf(f.createApp())
        .filter((r) => r.method !== 'get')
        .map((r) => `${r.method.toUpperCase()} /api/${f.name}${r.path === '/' ? '' : r.path}`)
        .filter((label) => !COMPUTE_ONLY.includes(label)),
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

  it('writes nothing for a POST that only computes: the aid assessment', async () => {
    const token = await registeredWorker(stack, 'audit-assess');
    const before = await stack.db.collection('auditLog').countDocuments();
    const r = await stack.call('POST', '/api/aid/assessment', {
      token,
      body: { householdSize: 3, annualIncomeFen: 3_000_000, rigidExpenseFen: 600_000, mainCause: 'illness' },
    });
    expect(r.status).toBe(200);
    expect(r.body.suggestedCategory).toBeDefined();
    expect(await stack.db.collection('auditLog').countDocuments()).toBe(before);
  });

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
    // read here with the key itself: an officer may no longer reveal members in a loop (issue 10, item 6)
    const cipher = piiCipherFor(stack.server.config.piiKey);
    const idNumbers = seeded.map((m) => cipher.decrypt(m.idNumberEnc));
    expect(idNumbers.every((n) => /^\d{17}[\dX]$/.test(n))).toBe(true);
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
