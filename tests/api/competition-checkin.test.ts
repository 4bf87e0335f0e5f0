/**
 * Check-in at the venue (docs/competitions.md): each refusal by its own code, once per list,
 * nonces, offline packs and first-scan-wins sync, and the rotating venue code for self sign-in.
 */
import { ObjectId } from 'mongodb';
import { fromBase64Url, listMaskOf, signTicket, toBase64Url, verifyTicket } from '../../src/contracts/ticket';
import { parseVenueScene, venueScene } from '../../src/contracts/competitions';
import { PiiCipher } from '../../cloud/platform/crypto/pii';
import { secretsOf } from '../../cloud/core/competitions/keys';
import { periodOf, venueCode } from '../../cloud/core/competitions/venue-code';
import { startStack, type Stack } from '../support/api-stack';
import { registeredWorker } from '../support/people';
import {
  inHours,
  makeCompetition,
  newNonce,
  registerFor,
  type MadeCompetition,
} from '../support/competitions';

let stack: Stack;
let town: string; // 花园街道: organises
let base: string; // a 基层 below it: helps at the door
let city: string; // the 市总 above it
beforeAll(async () => {
  stack = await startStack();
  town = await stack.login('demo-officer-town');
  base = await stack.login('demo-officer-base');
  city = await stack.login('demo-officer-city');
});
afterAll(() => stack.stop());

let people = 0;
const worker = (name = '钱小红') => registeredWorker(stack, `comp-scan-${++people}`, 'c1d1t1b1', name);
const checkins = () => stack.db.collection('competitionCheckins');

interface Entry {
  token: string;
  id: string;
  ticket: string;
  shortCode: string;
}
async function entrant(c: MadeCompetition, event = 0, name?: string): Promise<Entry> {
  const token = await worker(name);
  const r = await registerFor(stack, token, c.id, c.events[event].id);
  if (r.body.status !== 'registered') throw new Error(JSON.stringify(r.body));
  return { token, id: r.body.id, ticket: r.body.ticket.ticket, shortCode: r.body.ticket.shortCode };
}

const scan = (
  c: MadeCompetition,
  ticket: string,
  opts: { list?: string; nonce?: string; token?: string } = {},
) =>
  stack.call('POST', `/api/competitions/${c.id}/checkins`, {
    token: opts.token ?? town,
    body: { ticket, list: opts.list ?? 'entry', nonce: opts.nonce ?? newNonce() },
  });

const twoLists = [
  { key: 'entry', name: '入场' },
  { key: 'goods', name: '领物资' },
];

describe('scanning a ticket', () => {
  it('checks it in once: green with the masked name and event, then amber “already” with when and by whom', async () => {
    const c = await makeCompetition(stack, town);
    const e = await entrant(c, 1, '钱小红');
    const first = await scan(c, e.ticket);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      result: 'checked_in',
      name: '钱*红',
      eventName: '焊工',
      list: 'entry',
    });
    const again = await scan(c, e.ticket, { token: base });
    expect(again.body).toMatchObject({ result: 'already', at: first.body.at, by: '周敏' });
    expect(await checkins().countDocuments({ registrationId: new ObjectId(e.id) })).toBe(1);
  });

  it('refuses a forged ticket (one flipped byte), another competition’s, an expired one and a cancelled one, each by its own code, writing nothing', async () => {
    const c = await makeCompetition(stack, town);
    const other = await makeCompetition(stack, town);
    const e = await entrant(c);
    const bytes = fromBase64Url(e.ticket)!;
    bytes[40] ^= 0x01; // a byte of the signature
    const forged = toBase64Url(bytes);
    const payloadBytes = fromBase64Url(e.ticket)!;
    payloadBytes[5] ^= 0x01; // a byte of the registration id
    const theirs = await entrant(other);
    const cancelled = await entrant(c);
    await stack.call('DELETE', `/api/competitions/${c.id}/registrations/${cancelled.id}`, {
      token: cancelled.token,
    });
    const ended = await makeCompetition(stack, town);
    const late = await entrant(ended);
    // the competition has ended since the ticket was issued
    await stack.db
      .collection('competitions')
      .updateOne({ _id: new ObjectId(ended.id) }, { $set: { endsAt: new Date(Date.now() - 60_000) } });
    const expired = (
      await stack.call('GET', `/api/competitions/${ended.id}/registrations/${late.id}/ticket`, {
        token: late.token,
      })
    ).body.ticket;
    const before = await checkins().countDocuments();
    const audits = await stack.db.collection('auditLog').countDocuments();
    const cases: [MadeCompetition, string, string][] = [
      [c, forged, 'TICKET_FORGED'],
      [c, toBase64Url(payloadBytes), 'TICKET_FORGED'],
      [c, theirs.ticket, 'TICKET_OTHER_COMPETITION'],
      [ended, expired, 'TICKET_EXPIRED'],
      [c, cancelled.ticket, 'TICKET_CANCELLED'],
      [c, 'https://example.com/not-a-ticket', 'TICKET_UNREADABLE'],
      [c, 'ZZZZ-ZZZZ', 'TICKET_UNREADABLE'],
    ];
    for (const [comp, ticket, code] of cases) {
      const r = await scan(comp, ticket);
      expect([code, r.status, r.body.error?.code]).toEqual([code, 422, code]);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await checkins().countDocuments()).toBe(before);
    expect(await stack.db.collection('auditLog').countDocuments()).toBe(audits);
  });

  it('admits a ticket once on each of two lists', async () => {
    const c = await makeCompetition(stack, town, { checkinLists: twoLists });
    const e = await entrant(c);
    expect((await scan(c, e.ticket, { list: 'entry' })).body.result).toBe('checked_in');
    expect((await scan(c, e.ticket, { list: 'goods' })).body.result).toBe('checked_in');
    expect((await scan(c, e.ticket, { list: 'entry' })).body.result).toBe('already');
    expect((await scan(c, e.ticket, { list: 'goods' })).body.result).toBe('already');
    expect(await checkins().countDocuments({ registrationId: new ObjectId(e.id) })).toBe(2);
    const unknown = await scan(c, e.ticket, { list: 'dinner' });
    expect([unknown.status, unknown.body.error.code]).toEqual([400, 'CHECKIN_LIST_UNKNOWN']);
  });

  it('refuses a ticket on a list it is not valid on', async () => {
    const c = await makeCompetition(stack, town, { checkinLists: twoLists });
    const e = await entrant(c);
    const cipher = new PiiCipher(stack.server.config.piiKey);
    const { signingKey } = await secretsOf(stack.db, cipher, new ObjectId(c.id));
    const goodsOnly = signTicket(
      {
        registrationId: e.id,
        competitionId: c.id,
        eventIndex: 0,
        listMask: listMaskOf(['goods'], ['entry', 'goods']),
        expiresAt: Math.floor(Date.now() / 1000) + 86_400 * 7,
      },
      signingKey,
    );
    const r = await scan(c, goodsOnly, { list: 'entry' });
    expect([r.status, r.body.error.code]).toEqual([422, 'CHECKIN_LIST_NOT_ON_TICKET']);
    expect((await scan(c, goodsOnly, { list: 'goods' })).body.result).toBe('checked_in');
  });

  it('counts the same nonce once, and refuses it with another ticket', async () => {
    const c = await makeCompetition(stack, town);
    const [e, f] = [await entrant(c), await entrant(c)];
    const nonce = newNonce();
    const first = await scan(c, e.ticket, { nonce });
    const retry = await scan(c, e.ticket, { nonce });
    expect(retry.body).toEqual(first.body);
    expect(retry.body.result).toBe('checked_in');
    expect(await checkins().countDocuments({ registrationId: new ObjectId(e.id) })).toBe(1);
    expect(
      await stack.db
        .collection('auditLog')
        .countDocuments({ action: 'competition.checked_in', entityId: e.id }),
    ).toBe(1);
    const misuse = await scan(c, f.ticket, { nonce });
    expect([misuse.status, misuse.body.error.code]).toEqual([422, 'NONCE_REUSED']);
    expect(await checkins().countDocuments({ registrationId: new ObjectId(f.id) })).toBe(0);
  });

  it('records one check-in when ten scanners read the same ticket at the same moment', async () => {
    const c = await makeCompetition(stack, town);
    const e = await entrant(c);
    const answers = await Promise.all(Array.from({ length: 10 }, () => scan(c, e.ticket)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(answers.filter((a) => a.body.result === 'checked_in')).toHaveLength(1);
    expect(new Set(answers.map((a) => a.body.at)).size).toBe(1);
    expect(await checkins().countDocuments({ registrationId: new ObjectId(e.id) })).toBe(1);
  });

  it('refuses entry past the late limit after the event starts, but not on a list without it', async () => {
    const c = await makeCompetition(stack, town, {
      checkinLists: twoLists,
      lateLimitMinutes: 15,
      events: [
        { name: '叉车', capacity: 10, startsAt: new Date(Date.now() - 20 * 60_000).toISOString() },
        { name: '焊工', capacity: 10, startsAt: new Date(Date.now() - 10 * 60_000).toISOString() },
      ],
    });
    const [tooLate, inTime] = [await entrant(c, 0), await entrant(c, 1)];
    const r = await scan(c, tooLate.ticket);
    expect([r.status, r.body.error.code]).toEqual([422, 'CHECKIN_TOO_LATE']);
    expect((await scan(c, tooLate.ticket, { list: 'goods' })).body.result).toBe('checked_in');
    expect((await scan(c, inTime.ticket)).body.result).toBe('checked_in');
  });

  it('takes the short code printed under the QR, typed by hand', async () => {
    const c = await makeCompetition(stack, town);
    const e = await entrant(c);
    const typed = `${e.shortCode.slice(0, 4).toLowerCase()}-${e.shortCode.slice(4)}`;
    expect((await scan(c, typed)).body).toMatchObject({ result: 'checked_in', registrationId: e.id });
    expect((await scan(c, e.ticket)).body.result).toBe('already');
  });

  it('lets officers above and below the organiser scan, and no worker', async () => {
    const c = await makeCompetition(stack, town);
    const [a, b] = [await entrant(c), await entrant(c)];
    expect((await scan(c, a.ticket, { token: city })).body.result).toBe('checked_in');
    expect((await scan(c, b.ticket, { token: base })).body.result).toBe('checked_in');
    const w = await scan(c, a.ticket, { token: a.token });
    expect([w.status, w.body.error.code]).toEqual([403, 'FORBIDDEN']);
  });
});

describe('offline mode', () => {
  it('downloads the public key and the valid registration ids, and no personal data', async () => {
    const c = await makeCompetition(stack, town, { events: [{ name: '叉车', capacity: 2 }] });
    const [a, b] = [await entrant(c, 0, '郑一鸣'), await entrant(c, 0, '郑二鸣')];
    const waiting = await registerFor(stack, await worker('郑三鸣'), c.id, c.events[0].id);
    await stack.call('DELETE', `/api/competitions/${c.id}/registrations/${b.id}`, { token: b.token });
    await scan(c, a.ticket);
    const pack = await stack.call('GET', `/api/competitions/${c.id}/offline-pack`, { token: base });
    expect(pack.status).toBe(200);
    expect(pack.body.registrationIds.sort()).toEqual([a.id, waiting.body.id].sort()); // the waiting one was promoted
    expect(pack.body.checkedIn).toEqual([[a.id, 'entry']]);
    const text = JSON.stringify(pack.body);
    for (const personal of ['郑', '1370000', '330106', 'memberId', 'memberName', 'orgName', 'phone'])
      expect(text).not.toContain(personal);
    // the scanner verifies with the same module the cloud uses
    const check = verifyTicket(a.ticket, {
      competitionId: c.id,
      publicKey: fromBase64Url(pack.body.publicKey)!,
      nowSeconds: Math.floor(Date.now() / 1000),
    });
    expect(check.ok).toBe(true);
  });

  it('resolves scans of one ticket from two devices first-scan-wins, whichever syncs first, and reports the conflict', async () => {
    const c = await makeCompetition(stack, town);
    const [e, f] = [await entrant(c), await entrant(c)];
    const early = new Date(Date.now() - 10 * 60_000).toISOString();
    const later = new Date(Date.now() - 5 * 60_000).toISOString();
    const deviceA = [{ ticket: e.ticket, list: 'entry', nonce: newNonce(), scannedAt: early }];
    const deviceB = [
      { ticket: e.ticket, list: 'entry', nonce: newNonce(), scannedAt: later },
      { ticket: f.ticket, list: 'entry', nonce: newNonce(), scannedAt: later },
    ];
    const sync = (token: string, items: unknown[]) =>
      stack.call('POST', `/api/competitions/${c.id}/checkins/sync`, { token, body: { items } });
    const b = await sync(base, deviceB); // the later scan arrives first
    expect(b.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['checked_in', 'checked_in']);
    const a = await sync(town, deviceA);
    expect(a.body.results[0]).toMatchObject({ outcome: 'checked_in', conflict: true, at: early, by: '周敏' });
    expect(a.body.counts).toEqual({ checked_in: 1, already: 0, refused: 0, conflicts: 1 });
    const standing = await checkins().findOne({ registrationId: new ObjectId(e.id), list: 'entry' });
    expect(standing!.at.toISOString()).toBe(early);
    expect(standing!.displaced.map((d: { at: Date }) => d.at.toISOString())).toEqual([later]);
    // device B sends its queue again (its answer was lost): nothing changes, its first item lost
    const bAgain = await sync(base, deviceB);
    expect(bAgain.body.results[0]).toMatchObject({
      outcome: 'already',
      conflict: true,
      at: early,
      by: '周敏',
    });
    expect(bAgain.body.results[1]).toMatchObject({ outcome: 'checked_in', at: later });
    expect(await checkins().countDocuments({ competitionId: new ObjectId(c.id) })).toBe(2);
    // a scan made online afterwards is simply "already"
    expect((await scan(c, e.ticket)).body).toMatchObject({ result: 'already', at: early });
  });

  it('judges offline scans at their scan time, refuses bad items by their codes and keeps the rest', async () => {
    const c = await makeCompetition(stack, town);
    const e = await entrant(c);
    const bytes = fromBase64Url(e.ticket)!;
    bytes[90] ^= 0x80;
    const r = await stack.call('POST', `/api/competitions/${c.id}/checkins/sync`, {
      token: town,
      body: {
        items: [
          {
            ticket: toBase64Url(bytes),
            list: 'entry',
            nonce: newNonce(),
            scannedAt: new Date().toISOString(),
          },
          { ticket: e.ticket, list: 'entry', nonce: newNonce(), scannedAt: inHours(5) }, // a clock ahead
        ],
      },
    });
    expect(r.body.results[0]).toMatchObject({ outcome: 'refused', code: 'TICKET_FORGED' });
    expect(r.body.results[1].outcome).toBe('checked_in');
    expect(Date.parse(r.body.results[1].at)).toBeLessThanOrEqual(Date.now());
  });
});

describe('self sign-in with the venue code', () => {
  const venueSecret = async (c: MadeCompetition) =>
    (await secretsOf(stack.db, new PiiCipher(stack.server.config.piiKey), new ObjectId(c.id))).venueSecret;

  it('checks a registered worker in with the code on the venue screen, once', async () => {
    const c = await makeCompetition(stack, town);
    const e = await entrant(c, 0, '冯志远');
    const code = await stack.call('GET', `/api/competitions/${c.id}/venue-code?list=entry`, { token: base });
    expect(code.status).toBe(200);
    expect(code.body.scene.length).toBeLessThanOrEqual(32);
    expect(parseVenueScene(code.body.scene)!.competitionId).toBe(c.id);
    const nonce = newNonce();
    const self = () =>
      stack.call('POST', `/api/competitions/${c.id}/self-checkins`, {
        token: e.token,
        body: { scene: code.body.scene, nonce },
      });
    const r = await self();
    expect(r.status).toBe(200);
    expect(r.body.items).toEqual([expect.objectContaining({ result: 'checked_in', registrationId: e.id })]);
    expect((await self()).body.items[0].result).toBe('checked_in'); // the same upload again
    const officerScan = await scan(c, e.ticket);
    expect(officerScan.body).toMatchObject({ result: 'already', by: '本人扫码' });
    expect(await checkins().countDocuments({ registrationId: new ObjectId(e.id) })).toBe(1);
  });

  it('accepts the previous 30-second code and refuses one a minute old as expired', async () => {
    const c = await makeCompetition(stack, town);
    const [fresh, stale] = [await entrant(c), await entrant(c)];
    const secret = await venueSecret(c);
    const period = periodOf(Date.now());
    const sceneAt = (p: number) => venueScene(c.id, 0, venueCode(secret, c.id, 0, p));
    const ok = await stack.call('POST', `/api/competitions/${c.id}/self-checkins`, {
      token: fresh.token,
      body: { scene: sceneAt(period - 1), nonce: newNonce() },
    });
    expect(ok.body.items[0].result).toBe('checked_in');
    const old = await stack.call('POST', `/api/competitions/${c.id}/self-checkins`, {
      token: stale.token,
      body: { scene: sceneAt(period - 3), nonce: newNonce() },
    });
    expect([old.status, old.body.error.code]).toEqual([422, 'VENUE_CODE_EXPIRED']);
    const made = await stack.call('POST', `/api/competitions/${c.id}/self-checkins`, {
      token: stale.token,
      body: { scene: venueScene(c.id, 0, 'ABCDEF'), nonce: newNonce() },
    });
    expect(made.body.error.code).toBe('VENUE_CODE_INVALID');
    expect(await checkins().countDocuments({ registrationId: new ObjectId(stale.id) })).toBe(0);
  });

  it('refuses a worker who is not registered, and a scene of another competition', async () => {
    const c = await makeCompetition(stack, town);
    const other = await makeCompetition(stack, town);
    const code = await stack.call('GET', `/api/competitions/${c.id}/venue-code`, { token: town });
    const bystander = await worker();
    const r = await stack.call('POST', `/api/competitions/${c.id}/self-checkins`, {
      token: bystander,
      body: { scene: code.body.scene, nonce: newNonce() },
    });
    expect([r.status, r.body.error.code]).toEqual([409, 'NOT_REGISTERED']);
    const e = await entrant(other);
    const wrong = await stack.call('POST', `/api/competitions/${other.id}/self-checkins`, {
      token: e.token,
      body: { scene: code.body.scene, nonce: newNonce() },
    });
    expect(wrong.body.error.code).toBe('VENUE_CODE_INVALID');
  });
});

describe('the demo data', () => {
  it('holds an open competition with 叉车 and 焊工, demo-worker-1 registered, which every demo officer may scan', async () => {
    const w = await stack.login('demo-worker-1');
    const open = await stack.call('GET', '/api/competitions?open=1', { token: w });
    const demo = open.body.items.find((i: { title: string }) => i.title === '花园街道职工技能比武');
    expect(demo.events.map((e: { name: string }) => e.name)).toEqual(['叉车', '焊工']);
    const mine = await stack.call('GET', `/api/competitions/${demo.id}/registrations?mine=1`, { token: w });
    expect(mine.body.items).toEqual([expect.objectContaining({ status: 'registered', eventName: '叉车' })]);
    const ticket = await stack.call(
      'GET',
      `/api/competitions/${demo.id}/registrations/${mine.body.items[0].id}/ticket`,
      {
        token: w,
      },
    );
    for (const officer of ['demo-officer-base', 'demo-officer-town', 'demo-officer-city']) {
      const view = await stack.call('GET', `/api/competitions/${demo.id}`, {
        token: await stack.login(officer),
      });
      expect([officer, view.body.can.scan]).toEqual([officer, true]);
    }
    const r = await scan({ id: demo.id, events: demo.events, publicKey: '' }, ticket.body.ticket, {
      token: city,
      list: 'goods',
    });
    expect(r.body).toMatchObject({ result: 'checked_in', name: '张*国', eventName: '叉车' });
  });
});
