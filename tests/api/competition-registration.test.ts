/**
 * Competitions: creating one, registering (seats, waiting list, quotas, one event per person)
 * under concurrency, nominations, cancelling with promotion, and who may see and do what.
 */
import { ObjectId } from 'mongodb';
import { startStack, type Stack } from '../support/api-stack';
import { officerOf, registeredWorker } from '../support/people';
import { inHours, makeCompetition, registerFor } from '../support/competitions';

let stack: Stack;
let town: string; // 花园街道 (c1d1t1): organises
let base: string; // 江城机械厂 (c1d1t1b1): a 基层 under it
let stranger: string; // 桥西街道 (c1d1t2): a sibling town, nothing to do with it
beforeAll(async () => {
  stack = await startStack();
  town = await stack.login('demo-officer-town');
  base = await stack.login('demo-officer-base');
  stranger = await officerOf(stack, 'comp-reg-stranger', 'c1d1t2');
});
afterAll(() => stack.stop());

let people = 0;
const worker = (org = 'c1d1t1b1', name = '孙建军') =>
  registeredWorker(stack, `comp-reg-${++people}`, org, name);
const memberIdOf = async (openid: string) =>
  (await stack.db.collection('members').findOne({ openid }))!._id.toHexString();
const registrations = () => stack.db.collection('competitionRegistrations');

describe('creating a competition', () => {
  it('is done by an officer in their own org and answers with its id and its events’ ids', async () => {
    const body = {
      title: '2026年花园街道叉车技能比武',
      kind: 'skill',
      venue: '江城职业技术学院',
      startsAt: inHours(48),
      registrationOpensAt: inHours(-1),
      registrationClosesAt: inHours(24),
      events: [
        { name: '叉车', capacity: 30 },
        { name: '焊工', capacity: 20 },
      ],
      perUnitQuota: 3,
      onePerPerson: true,
      scoring: {
        parts: [
          { key: 'written', name: '理论', weight: 30 },
          { key: 'practical', name: '实操', weight: 70 },
        ],
        teamBestN: 2,
      },
    };
    const create = () =>
      stack.call('POST', '/api/competitions', {
        token: town,
        headers: { 'idempotency-key': 'comp-create-0001' },
        body,
      });
    const r = await create();
    expect(r.status).toBe(201);
    expect(r.body.id).toMatch(/^[a-f0-9]{24}$/);
    expect(r.body.events.map((e: { name: string }) => e.name)).toEqual(['叉车', '焊工']);
    expect(r.body.events.every((e: { id: string }) => /^[a-f0-9]{24}$/.test(e.id))).toBe(true);
    expect(r.body).toMatchObject({
      orgId: 'c1d1t1',
      orgName: '花园街道总工会',
      phase: 'open',
      perUnitQuota: 3,
    });
    expect(r.body.checkinLists).toEqual([{ key: 'entry', name: '入场', lateLimitApplies: true }]);
    expect(r.body.publicKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const again = await create();
    expect(again.body.id).toBe(r.body.id);
    expect(await stack.db.collection('competitions').countDocuments({ title: body.title })).toBe(1);
    const audit = await stack.db
      .collection('auditLog')
      .find({ action: 'competition.created', entityId: r.body.id })
      .toArray();
    expect(audit).toHaveLength(1);
    expect(audit[0].actorId).toBe(await memberIdOf('demo-officer-town'));
  });

  it('keeps the signing key only encrypted: never in the clear in the database or in any answer', async () => {
    const c = await makeCompetition(stack, town);
    const doc = await stack.db.collection('competitions').findOne({ _id: new ObjectId(c.id) });
    expect(doc!.secretsEnc).toBeDefined();
    expect(Object.keys(doc!)).not.toContain('signingKey');
    const view = await stack.call('GET', `/api/competitions/${c.id}`, { token: town });
    expect(JSON.stringify(view.body)).not.toMatch(/secrets|signing/);
  });

  it('refuses a worker, and a window that closes before it opens, writing nothing', async () => {
    const w = await worker();
    const before = await stack.db.collection('competitions').countDocuments();
    expect((await stack.call('POST', '/api/competitions', { token: w, body: {} })).status).toBe(403);
    const r = await stack.call('POST', '/api/competitions', {
      token: town,
      body: {
        title: '倒过来的比赛',
        kind: 'skill',
        venue: '某地',
        startsAt: inHours(48),
        registrationOpensAt: inHours(24),
        registrationClosesAt: inHours(1),
        events: [{ name: '叉车', capacity: 5 }],
      },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toBe('报名截止时间应晚于报名开始时间');
    expect(await stack.db.collection('competitions').countDocuments()).toBe(before);
  });
});

describe('registering', () => {
  it('gives exactly 50 seats and 150 waiting places to 200 workers registering at the same moment', async () => {
    const c = await makeCompetition(stack, town, { events: [{ name: '叉车', capacity: 50 }] });
    const units = ['c1d1t1b1', 'c1d1t1b2', 'c1d1t1b3'];
    const tokens: string[] = [];
    for (let i = 0; i < 200; i += 50)
      tokens.push(...(await Promise.all(Array.from({ length: 50 }, (_, j) => worker(units[(i + j) % 3])))));
    const answers = await Promise.all(tokens.map((t) => registerFor(stack, t, c.id, c.events[0].id)));
    expect(answers.map((a) => a.status)).toEqual(Array(200).fill(201));
    const registered = answers.filter((a) => a.body.status === 'registered');
    const waiting = answers.filter((a) => a.body.status === 'waitlisted');
    expect([registered.length, waiting.length]).toEqual([50, 150]);
    expect(registered.every((a) => typeof a.body.ticket?.ticket === 'string')).toBe(true);
    expect(waiting.every((a) => a.body.ticket === undefined)).toBe(true);
    expect(waiting.map((a) => a.body.waitlistPosition).sort((x: number, y: number) => x - y)).toEqual(
      Array.from({ length: 150 }, (_, i) => i + 1),
    );
    const stored = await registrations()
      .aggregate([
        { $match: { competitionId: new ObjectId(c.id) } },
        { $group: { _id: '$status', n: { $sum: 1 } } },
      ])
      .toArray();
    expect(Object.fromEntries(stored.map((s) => [s._id, s.n]))).toEqual({ registered: 50, waitlisted: 150 });
    const view = await stack.call('GET', `/api/competitions/${c.id}`, { token: town });
    expect(view.body.events[0]).toMatchObject({ capacity: 50, registered: 50, waitlisted: 150 });
  }, 120_000);

  it('holds a unit’s quota under concurrency: 12 from one 基层 at once, 3 get in, 9 are told the quota is used up', async () => {
    const c = await makeCompetition(stack, town, { perUnitQuota: 3 });
    const tokens = await Promise.all(Array.from({ length: 12 }, () => worker('c1d1t1b2')));
    const answers = await Promise.all(tokens.map((t) => registerFor(stack, t, c.id, c.events[0].id)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused.map((a) => [a.status, a.body.error.code])).toEqual(
      Array(9).fill([409, 'UNIT_QUOTA_FULL']),
    );
    // another unit's quota is its own, and the other event's too
    expect((await registerFor(stack, await worker('c1d1t1b3'), c.id, c.events[0].id)).status).toBe(201);
    expect((await registerFor(stack, tokens[0], c.id, c.events[1].id)).status).toBe(201);
    expect(
      await registrations().countDocuments({
        competitionId: new ObjectId(c.id),
        orgId: 'c1d1t1b2',
        eventId: c.events[0].id,
      }),
    ).toBe(3);
  }, 60_000);

  it('allows one event per person where the competition says so, and one entry per event always', async () => {
    const c = await makeCompetition(stack, town, { onePerPerson: true });
    const w = await worker();
    const first = await registerFor(stack, w, c.id, c.events[0].id, 'one-per-person-1');
    expect(first.status).toBe(201);
    const same = await registerFor(stack, w, c.id, c.events[0].id, 'one-per-person-2');
    expect([same.status, same.body.error.code]).toEqual([409, 'ALREADY_REGISTERED']);
    const other = await registerFor(stack, w, c.id, c.events[1].id, 'one-per-person-3');
    expect([other.status, other.body.error.code]).toEqual([409, 'ONE_EVENT_PER_PERSON']);
    const retried = await registerFor(stack, w, c.id, c.events[0].id, 'one-per-person-1');
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(retried.body.id).toBe(first.body.id);
    expect(await registrations().countDocuments({ competitionId: new ObjectId(c.id) })).toBe(1);
  });

  it('holds one event per person when both events are asked for at the same moment', async () => {
    const c = await makeCompetition(stack, town, { onePerPerson: true });
    const w = await worker();
    const answers = await Promise.all([
      registerFor(stack, w, c.id, c.events[0].id),
      registerFor(stack, w, c.id, c.events[1].id),
      registerFor(stack, w, c.id, c.events[0].id),
    ]);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(await registrations().countDocuments({ competitionId: new ObjectId(c.id), active: true })).toBe(1);
    const counters = await stack.db
      .collection('competitionCounters')
      .find({ competitionId: new ObjectId(c.id) })
      .toArray();
    expect(counters.reduce((n, d) => n + d.taken, 0)).toBe(1);
  });

  it('refuses a new account with no profile, and changes nothing', async () => {
    const c = await makeCompetition(stack, town);
    const newcomer = await stack.login('comp-reg-newcomer');
    const before = await registrations().countDocuments();
    const r = await registerFor(stack, newcomer, c.id, c.events[0].id);
    expect([r.status, r.body.error.code]).toEqual([400, 'PROFILE_INCOMPLETE']);
    expect(await registrations().countDocuments()).toBe(before);
    const list = await stack.call('GET', '/api/competitions?open=1', { token: newcomer });
    expect(list.body.items).toEqual([]);
  });

  it('answers a member outside the organiser’s subtree as if the competition did not exist, and does not list it to them', async () => {
    const c = await makeCompetition(stack, town);
    const outsider = await worker('c1d1t2b1');
    const r = await registerFor(stack, outsider, c.id, c.events[0].id);
    const missing = await registerFor(stack, outsider, new ObjectId().toHexString(), c.events[0].id);
    expect([r.status, r.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect(r.body.error).toEqual(missing.body.error);
    expect(await registrations().countDocuments({ competitionId: new ObjectId(c.id) })).toBe(0);
    const list = await stack.call('GET', '/api/competitions?open=1', { token: outsider });
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(c.id);
    const insider = await worker('c1d1t1b3');
    const theirs = await stack.call('GET', '/api/competitions?open=1', { token: insider });
    expect(theirs.body.items.map((i: { id: string }) => i.id)).toContain(c.id);
  });

  it('refuses outside the registration window with its own code', async () => {
    const early = await makeCompetition(stack, town, {
      registrationOpensAt: inHours(2),
      registrationClosesAt: inHours(24),
    });
    const w = await worker();
    const r = await registerFor(stack, w, early.id, early.events[0].id);
    expect([r.status, r.body.error.code]).toEqual([409, 'REGISTRATION_NOT_OPEN']);
    const late = await makeCompetition(stack, town);
    await stack.db
      .collection('competitions')
      .updateOne(
        { _id: new ObjectId(late.id) },
        { $set: { registrationClosesAt: new Date(Date.now() - 1000) } },
      );
    const r2 = await registerFor(stack, w, late.id, late.events[0].id);
    expect([r2.status, r2.body.error.code]).toEqual([409, 'REGISTRATION_CLOSED']);
  });

  it('refuses an event of another competition', async () => {
    const a = await makeCompetition(stack, town);
    const b = await makeCompetition(stack, town);
    const r = await registerFor(stack, await worker(), a.id, b.events[0].id);
    expect([r.status, r.body.error.code]).toEqual([400, 'EVENT_NOT_FOUND']);
  });
});

describe('nominations', () => {
  it('lets a 基层 officer nominate a member of their unit, and no one outside it', async () => {
    const c = await makeCompetition(stack, town, { entryMode: 'team' });
    await worker('c1d1t1b1', '欧阳明');
    const mine = await memberIdOf(`comp-reg-${people}`);
    await worker('c1d1t1b2', '欧阳亮');
    const notMine = await memberIdOf(`comp-reg-${people}`);
    const candidates = await stack.call(
      'GET',
      `/api/competitions/${c.id}/candidates?q=${encodeURIComponent('欧阳')}`,
      {
        token: base,
      },
    );
    expect(candidates.status).toBe(200);
    const ids = candidates.body.items.map((m: { memberId: string }) => m.memberId);
    expect(ids).toContain(mine);
    expect(ids).not.toContain(notMine);
    const ok = await stack.call('POST', `/api/competitions/${c.id}/nominations`, {
      token: base,
      body: { eventId: c.events[0].id, memberId: mine, teamLeader: true },
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      status: 'registered',
      nominated: true,
      teamLeader: true,
      name: '欧阳明',
    });
    expect(ok.body.ticket).toBeUndefined(); // the ticket is the entrant's alone
    const no = await stack.call('POST', `/api/competitions/${c.id}/nominations`, {
      token: base,
      body: { eventId: c.events[0].id, memberId: notMine },
    });
    expect([no.status, no.body.error.code]).toEqual([403, 'NOT_IN_ORG_SCOPE']);
  });

  it('in team mode refuses a worker signing up alone: their unit nominates', async () => {
    const c = await makeCompetition(stack, town, { entryMode: 'team' });
    const r = await registerFor(stack, await worker(), c.id, c.events[0].id);
    expect([r.status, r.body.error.code]).toEqual([409, 'NOMINATION_REQUIRED']);
  });
});

describe('cancelling', () => {
  it('promotes the first waiting entry, tells its member in 消息, and keeps the seat count', async () => {
    const c = await makeCompetition(stack, town, { events: [{ name: '点钞', capacity: 1 }] });
    const [a, b, d] = [await worker(), await worker(), await worker()];
    const seat = await registerFor(stack, a, c.id, c.events[0].id);
    const second = await registerFor(stack, b, c.id, c.events[0].id);
    const third = await registerFor(stack, d, c.id, c.events[0].id);
    expect([seat.body.status, second.body.status, third.body.status]).toEqual([
      'registered',
      'waitlisted',
      'waitlisted',
    ]);
    expect([second.body.waitlistPosition, third.body.waitlistPosition]).toEqual([1, 2]);
    const cancel = await stack.call('DELETE', `/api/competitions/${c.id}/registrations/${seat.body.id}`, {
      token: a,
    });
    expect(cancel.status).toBe(200);
    expect(cancel.body.status).toBe('cancelled');
    const promoted = await stack.call('GET', `/api/competitions/${c.id}/registrations?mine=1`, { token: b });
    expect(promoted.body.items[0].status).toBe('registered');
    const ticket = await stack.call(
      'GET',
      `/api/competitions/${c.id}/registrations/${second.body.id}/ticket`,
      { token: b },
    );
    expect(ticket.status).toBe(200);
    const messages = await stack.call('GET', '/api/notifications', { token: b });
    expect(messages.body.items[0]).toMatchObject({ title: '候补成功，可以参赛了' });
    expect(messages.body.items[0].link).toContain(c.id);
    const stillWaiting = await stack.call('GET', `/api/competitions/${c.id}/registrations?mine=1`, {
      token: d,
    });
    expect(stillWaiting.body.items[0]).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    // the same cancellation again changes nothing and promotes no one else
    const again = await stack.call('DELETE', `/api/competitions/${c.id}/registrations/${seat.body.id}`, {
      token: a,
    });
    expect(again.body.status).toBe('cancelled');
    expect(
      (await stack.call('GET', `/api/competitions/${c.id}/registrations?mine=1`, { token: d })).body.items[0]
        .status,
    ).toBe('waitlisted');
    const view = await stack.call('GET', `/api/competitions/${c.id}`, { token: town });
    expect(view.body.events[0]).toMatchObject({ registered: 1, waitlisted: 1 });
    expect(
      await stack.db
        .collection('auditLog')
        .countDocuments({ action: 'competition.registration_cancelled', entityId: seat.body.id }),
    ).toBe(1);
  });

  it('promotes two different entries when two seats are given back at the same moment', async () => {
    const c = await makeCompetition(stack, town, { events: [{ name: '拔河', capacity: 2 }] });
    const tokens = [await worker(), await worker(), await worker(), await worker()];
    const regs: { body: { id: string } }[] = [];
    for (const t of tokens) regs.push(await registerFor(stack, t, c.id, c.events[0].id));
    await Promise.all(
      [0, 1].map((i) =>
        stack.call('DELETE', `/api/competitions/${c.id}/registrations/${regs[i].body.id}`, {
          token: tokens[i],
        }),
      ),
    );
    const statuses = await Promise.all(
      [2, 3].map(
        async (i) =>
          (await stack.call('GET', `/api/competitions/${c.id}/registrations?mine=1`, { token: tokens[i] }))
            .body.items[0].status,
      ),
    );
    expect(statuses).toEqual(['registered', 'registered']);
    const view = await stack.call('GET', `/api/competitions/${c.id}`, { token: town });
    expect(view.body.events[0]).toMatchObject({ registered: 2, waitlisted: 0 });
  });

  it('gives a quota place back to the unit', async () => {
    const c = await makeCompetition(stack, town, { perUnitQuota: 1 });
    const [a, b] = [await worker('c1d1t1b3'), await worker('c1d1t1b3')];
    const first = await registerFor(stack, a, c.id, c.events[0].id);
    expect((await registerFor(stack, b, c.id, c.events[0].id)).body.error.code).toBe('UNIT_QUOTA_FULL');
    await stack.call('DELETE', `/api/competitions/${c.id}/registrations/${first.body.id}`, { token: a });
    expect((await registerFor(stack, b, c.id, c.events[0].id)).status).toBe(201);
  });
});

describe('who may see and do what', () => {
  it('hides one worker’s ticket and registration from another worker', async () => {
    const c = await makeCompetition(stack, town);
    const [owner, other] = [await worker(), await worker()];
    const reg = await registerFor(stack, owner, c.id, c.events[0].id);
    const ticket = await stack.call('GET', `/api/competitions/${c.id}/registrations/${reg.body.id}/ticket`, {
      token: other,
    });
    expect([ticket.status, ticket.body.error.code]).toEqual([404, 'NOT_FOUND']);
    const cancel = await stack.call('DELETE', `/api/competitions/${c.id}/registrations/${reg.body.id}`, {
      token: other,
    });
    expect([cancel.status, cancel.body.error.code]).toEqual([404, 'NOT_FOUND']);
    const list = await stack.call('GET', `/api/competitions/${c.id}/registrations`, { token: other });
    expect(list.status).toBe(403);
    const theirs = await stack.call('GET', `/api/competitions/${c.id}/registrations?mine=1`, {
      token: other,
    });
    expect(theirs.body.items).toEqual([]);
    expect((await registrations().findOne({ _id: new ObjectId(reg.body.id) }))!.status).toBe('registered');
  });

  it('keeps an officer of another org from seeing or acting on the competition', async () => {
    const c = await makeCompetition(stack, town);
    const w = await worker();
    const reg = await registerFor(stack, w, c.id, c.events[0].id);
    const target = await memberIdOf(`comp-reg-${people}`);
    const calls: [string, string, unknown?][] = [
      ['GET', `/api/competitions/${c.id}`],
      ['GET', `/api/competitions/${c.id}/registrations`],
      ['GET', `/api/competitions/${c.id}/offline-pack`],
      ['GET', `/api/competitions/${c.id}/venue-code`],
      ['GET', `/api/competitions/${c.id}/results`],
      ['GET', `/api/competitions/${c.id}/results/export`],
      ['GET', `/api/competitions/${c.id}/candidates`],
      [
        'POST',
        `/api/competitions/${c.id}/checkins`,
        { ticket: reg.body.ticket.ticket, list: 'entry', nonce: 'stranger-00001' },
      ],
      ['POST', `/api/competitions/${c.id}/nominations`, { eventId: c.events[0].id, memberId: target }],
      ['POST', `/api/competitions/${c.id}/results/publish`],
      ['PUT', `/api/competitions/${c.id}/judges`, { judgeIds: [] }],
      ['DELETE', `/api/competitions/${c.id}/registrations/${reg.body.id}`],
    ];
    const auditBefore = await stack.db.collection('auditLog').countDocuments();
    for (const [method, url, body] of calls) {
      const r = await stack.call(method, url, { token: stranger, body });
      expect([method, url, r.status]).toEqual([method, url, 404]);
    }
    const managed = await stack.call('GET', '/api/competitions?manage=1', { token: stranger });
    expect(managed.body.items.map((i: { id: string }) => i.id)).not.toContain(c.id);
    expect(await stack.db.collection('auditLog').countDocuments()).toBe(auditBefore);
    expect(
      await stack.db.collection('competitionCheckins').countDocuments({ competitionId: new ObjectId(c.id) }),
    ).toBe(0);
  });
});
