/**
 * Editing a 金秋助学 campaign (PUT /api/bursary/campaigns/:id) through the real API on the real
 * database: every term while no one has applied; after the first application only the closing
 * day, never before today; the window follows at once (an extension lets parents apply again);
 * the version read, one change per Idempotency-Key; another union's officer, a worker and an
 * edit racing the first application.
 */
import { ObjectId } from 'mongodb';
import type { CampaignDoc } from '../../cloud/core/bursary/campaign-repository';
import { chinaDayOf, chinaYearOf } from '../../cloud/platform/time/china-day';
import { startStack, type Stack } from '../support/api-stack';
import { officerOf, registeredWorker } from '../support/people';
import { childApplication } from '../support/children';

let stack: Stack;
/** 东湖区 (c1d1): its campaigns cover 江城机械厂 (c1d1t1b1), where the test parents work */
let district: string;
/** 西山区 (c1d2), another union */
let otherDistrict: string;
const today = chinaDayOf(new Date());
const year = chinaYearOf(new Date());

beforeAll(async () => {
  stack = await startStack();
  district = await officerOf(stack, 'edit-district-officer', 'c1d1');
  otherDistrict = await officerOf(stack, 'edit-other-district', 'c1d2');
});
afterAll(() => stack.stop());

/** The terms as a PUT sends them (no year): the whole year, two levels. */
function terms(over: Record<string, unknown> = {}) {
  return {
    opensOn: `${year}-01-01`,
    closesOn: `${year}-12-31`,
    levels: ['undergraduate', 'high_school'],
    amounts: {
      undergraduate: { on_file: 600_000, newly_filed: 550_000, temporary: 450_000 },
      high_school: { on_file: 300_000, temporary: 200_000 },
    },
    exclusions: [{ id: 'military', question: '孩子是在军校上学吗？', reason: '军校学员由国家保障' }],
    materials: ['录取通知书'],
    publicityDays: 3,
    ...over,
  };
}

const campaigns = () => stack.db.collection<CampaignDoc>('bursaryCampaigns');

/** A fresh 东湖区 campaign for this year (the one before, if any, removed with its applications). */
async function freshCampaign(over: Record<string, unknown> = {}) {
  const old = await campaigns().findOne({ orgId: 'c1d1', year });
  if (old) {
    await campaigns().deleteOne({ _id: old._id });
    await stack.db.collection('bursaryApplications').deleteMany({ campaignId: old._id });
  }
  const r = await stack.call('POST', '/api/bursary/campaigns', {
    token: district,
    body: { year, ...terms(over) },
  });
  expect(r.status).toBe(201);
  return r.body as { id: string; version: number };
}

let parents = 0;
const parent = () => registeredWorker(stack, `edit-parent-${++parents}`, 'c1d1t1b1', '测试家长');
const applyAs = (token: string) =>
  stack.call('POST', '/api/bursary/applications', {
    token,
    body: childApplication({ admissionYear: year - 1, answers: { military: false } }),
  });
const apply = async () => applyAs(await parent());

let keys = 0;
const edit = (
  id: string,
  body: Record<string, unknown>,
  token = district,
  key = `campaign-edit-${process.pid}-${++keys}`,
) => stack.call('PUT', `/api/bursary/campaigns/${id}`, { token, body, headers: { 'idempotency-key': key } });

const stored = async (id: string) => (await campaigns().findOne({ _id: new ObjectId(id) }))!;

describe('editing a 金秋助学 campaign', () => {
  it('changes every term while no one has applied, and parents read the new terms', async () => {
    const c = await freshCampaign();
    const r = await edit(c.id, {
      ...terms({
        opensOn: `${year}-01-02`,
        levels: ['undergraduate'],
        amounts: { undergraduate: { on_file: 700_000 } },
        publicityDays: 5,
      }),
      version: c.version,
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      version: c.version + 1,
      opensOn: `${year}-01-02`,
      levels: ['undergraduate'],
    });
    const parent = await registeredWorker(stack, 'edit-reader', 'c1d1t1b1');
    const seen = (await stack.call('GET', '/api/bursary/campaigns/current', { token: parent })).body.campaign;
    expect(seen).toMatchObject({
      id: c.id,
      amounts: { undergraduate: { on_file: 700_000 } },
      publicityDays: 5,
    });
    const audit = await stack.db
      .collection('auditLog')
      .findOne({ action: 'bursary.campaign_updated', entityId: c.id });
    expect(audit!.data.changed).toEqual(['opensOn', 'levels', 'amounts', 'publicityDays']);
    expect(audit!.data.opensOn).toEqual([`${year}-01-01`, `${year}-01-02`]);
  });

  it('writes nothing for a save that changes nothing', async () => {
    const c = await freshCampaign();
    const before = await stored(c.id);
    const audits = () => stack.db.collection('auditLog').countDocuments({ entityId: c.id });
    const auditsBefore = await audits();
    const r = await edit(c.id, { ...terms(), version: c.version });
    expect([r.status, r.body.version]).toEqual([200, c.version]);
    expect(await stored(c.id)).toEqual(before);
    expect(await audits()).toBe(auditsBefore);
  });

  it('after the first application changes only the closing day, and never to before today', async () => {
    const c = await freshCampaign();
    expect((await apply()).status).toBe(201);
    const before = await stored(c.id);
    const amounts = await edit(c.id, {
      ...terms({ amounts: { undergraduate: { on_file: 100_000 }, high_school: { on_file: 100_000 } } }),
      version: c.version,
    });
    expect([amounts.status, amounts.body.error.code]).toEqual([409, 'BURSARY_CAMPAIGN_IN_USE']);
    expect(amounts.body.error.message).toContain('只能修改报名截止日期');
    const both = await edit(c.id, {
      ...terms({ closesOn: `${year}-12-30`, publicityDays: 9 }),
      version: c.version,
    });
    expect(both.body.error.code).toBe('BURSARY_CAMPAIGN_IN_USE');
    expect(await stored(c.id)).toEqual(before);

    const yesterday = new Date(Date.parse(today) - 86_400_000).toISOString().slice(0, 10);
    if (yesterday.startsWith(String(year))) {
      const past = await edit(c.id, { ...terms({ closesOn: yesterday }), version: c.version });
      expect([past.status, past.body.error.message]).toEqual([400, '报名截止日期不能早于今天']);
      expect(await stored(c.id)).toEqual(before);
    }
    const r = await edit(c.id, { ...terms({ closesOn: today }), version: c.version });
    expect([r.status, r.body.closesOn, r.body.applications]).toEqual([200, today, 1]);
    expect((await stored(c.id)).amounts).toEqual(before.amounts);
  });

  it('moves the window at once: extended, a closed campaign takes applications again', async () => {
    const c = await freshCampaign();
    // the window ended (set in the database: the API takes no closing day before today)
    await campaigns().updateOne(
      { _id: new ObjectId(c.id) },
      { $set: { closesOn: `${year}-01-01`, closesAt: new Date(Date.now() - 60_000) } },
    );
    const refused = await apply();
    expect([refused.status, refused.body.error.code]).toEqual([409, 'BURSARY_WINDOW_CLOSED']);
    const r = await edit(c.id, { ...terms({ closesOn: `${year}-12-31` }), version: c.version });
    expect([r.status, r.body.window]).toEqual([200, 'open']);
    expect((await apply()).status).toBe(201);
  });

  it('refuses another union, a worker, a stale version and a missing id, and applies one key once', async () => {
    const c = await freshCampaign();
    const before = await stored(c.id);
    const body = { ...terms({ publicityDays: 6 }), version: c.version };
    const other = await edit(c.id, body, otherDistrict);
    expect([other.status, other.body.error.code]).toEqual([404, 'NOT_FOUND']);
    const worker = await registeredWorker(stack, 'edit-worker', 'c1d1t1b1');
    expect((await edit(c.id, body, worker)).status).toBe(403);
    expect((await edit('000000000000000000000000', body)).status).toBe(404);
    expect((await edit('not-an-id', body)).status).toBe(404);
    expect(await stored(c.id)).toEqual(before);

    const first = await edit(c.id, body, district, 'campaign-edit-once');
    const again = await edit(c.id, body, district, 'campaign-edit-once');
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const stale = await edit(c.id, { ...terms({ publicityDays: 8 }), version: c.version });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'VERSION_CONFLICT']);
    expect((await stored(c.id)).publicityDays).toBe(6);
    const audits = await stack.db
      .collection('auditLog')
      .countDocuments({ action: 'bursary.campaign_updated', entityId: c.id });
    expect(audits).toBe(1);
  });

  it('refuses terms that do not hold together, in words, and changes nothing', async () => {
    const c = await freshCampaign();
    const before = await stored(c.id);
    const reversed = await edit(c.id, {
      ...terms({ opensOn: `${year}-12-01`, closesOn: `${year}-11-30` }),
      version: 1,
    });
    expect([reversed.status, reversed.body.error.message]).toEqual([400, '报名截止日期不能早于开始日期']);
    const nextYear = await edit(c.id, { ...terms({ closesOn: `${year + 1}-01-31` }), version: 1 });
    expect(nextYear.body.error.message).toBe(`报名时间要在 ${year} 年之内`);
    const withYear = await edit(c.id, { ...terms(), year: year + 1, version: 1 });
    expect(withYear.status).toBe(400);
    expect(await stored(c.id)).toEqual(before);
  });

  it('lets a new closing day and applications in flight both through: no term they were judged on changed', async () => {
    const c = await freshCampaign();
    let version = c.version;
    for (let round = 0; round < 4; round++) {
      const token = await parent();
      const [a, e] = await Promise.all([
        applyAs(token),
        new Promise((ok) => setTimeout(ok, round * 3)).then(() =>
          edit(c.id, { ...terms({ closesOn: round % 2 ? `${year}-12-31` : today }), version }),
        ),
      ]);
      expect([a.status, e.status]).toEqual([201, 200]);
      version = e.body.version;
    }
    expect((await stored(c.id)).applications).toBe(4);
  });

  it('never leaves an application on terms the campaign no longer has when an edit races it', async () => {
    for (let round = 0; round < 6; round++) {
      const c = await freshCampaign();
      const token = await parent();
      // the edit leaves a little later each round, so it meets the application at different steps
      const [a, e] = await Promise.all([
        applyAs(token),
        new Promise((ok) => setTimeout(ok, round * 3)).then(() =>
          edit(c.id, {
            ...terms({
              amounts: {
                undergraduate: { on_file: 900_000, newly_filed: 850_000, temporary: 750_000 },
                high_school: { on_file: 300_000 },
              },
            }),
            version: c.version,
          }),
        ),
      ]);
      const doc = await stored(c.id);
      const made = await stack.db
        .collection('bursaryApplications')
        .find({ campaignId: new ObjectId(c.id) })
        .toArray();
      if (a.status === 201) {
        // accepted: on the terms the campaign has now, whichever came first
        expect([doc.applications, made.length]).toEqual([1, 1]);
        const group = made[0].group as 'on_file' | 'newly_filed' | 'temporary';
        expect(made[0].standardAmountFen).toBe(doc.amounts.undergraduate![group]);
        if (e.status !== 200) expect(e.body.error.code).toBe('BURSARY_CAMPAIGN_IN_USE');
      } else {
        // refused: the edit came between its reading the terms and its being counted
        expect([e.status, a.body.error.code]).toEqual([200, 'BURSARY_CAMPAIGN_CHANGED']);
        expect([doc.applications, made.length]).toEqual([0, 0]);
      }
    }
  });
});
