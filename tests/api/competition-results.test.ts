/**
 * Scores and results: judges enter weighted part scores; totals, ranks, team scores and prizes
 * are computed; publishing freezes scores and tells participants; the organiser exports xlsx.
 */
import ExcelJS from 'exceljs';
import { ObjectId } from 'mongodb';
import { startStack, type Stack } from '../support/api-stack';
import { registeredWorker } from '../support/people';
import { makeCompetition, registerFor, type MadeCompetition } from '../support/competitions';

let stack: Stack;
let town: string;
let base: string;
let baseId: string;
beforeAll(async () => {
  stack = await startStack();
  town = await stack.login('demo-officer-town');
  base = await stack.login('demo-officer-base');
  baseId = (await stack.db.collection('members').findOne({ openid: 'demo-officer-base' }))!._id.toHexString();
});
afterAll(() => stack.stop());

let people = 0;
async function entry(c: MadeCompetition, org: string, name: string) {
  const token = await registeredWorker(stack, `comp-results-${++people}`, org, name);
  const r = await registerFor(stack, token, c.id, c.events[0].id);
  return { token, id: r.body.id as string };
}
const score = (c: MadeCompetition, token: string, registrationId: string, parts: Record<string, number>) =>
  stack.call('POST', `/api/competitions/${c.id}/scores`, { token, body: { registrationId, parts } });

const scheme = {
  parts: [
    { key: 'written', name: '理论', weight: 30 },
    { key: 'practical', name: '实操', weight: 70 },
  ],
  teamBestN: 2,
  prizes: { first: 1, second: 1, third: 1 },
};

describe('scores and results', () => {
  it('weights the parts, ranks with shared places, gives prizes and sums each unit’s best two', async () => {
    const c = await makeCompetition(stack, town, { scoring: scheme, judgeIds: [baseId] });
    const a = await entry(c, 'c1d1t1b1', '甲一');
    const b = await entry(c, 'c1d1t1b1', '乙二');
    const d = await entry(c, 'c1d1t1b2', '丙三');
    const e = await entry(c, 'c1d1t1b1', '丁四');
    const f = await entry(c, 'c1d1t1b2', '戊五');
    const row = await score(c, base, a.id, { written: 90, practical: 80 }); // 27 + 56 = 83
    expect(row.status).toBe(200);
    expect(row.body).toMatchObject({ total: 83, rank: 1 });
    await score(c, base, b.id, { written: 70, practical: 90 }); // 21 + 63 = 84
    await score(c, base, d.id, { written: 100, practical: 76 }); // 30 + 53.2 = 83.2
    await score(c, base, e.id, { written: 80, practical: 84 }); // 24 + 58.8 = 82.8
    await score(c, base, f.id, { written: 60, practical: 100 }); // 18 + 70 = 88
    await score(c, base, f.id, { written: 50.5 }); // corrected: 15.15 + 70 = 85.15
    const r = await stack.call('GET', `/api/competitions/${c.id}/results`, { token: town });
    const rows = r.body.events[0].rows.map((x: any) => [x.name, x.total, x.rank, x.prizeText]);
    expect(rows).toEqual([
      ['戊五', 85.15, 1, '一等奖'],
      ['乙二', 84, 2, '二等奖'],
      ['丙三', 83.2, 3, '三等奖'],
      ['甲一', 83, 4, null],
      ['丁四', 82.8, 5, null],
    ]);
    expect(r.body.events[0].teams.map((t: any) => [t.orgName, t.total, t.counted, t.rank])).toEqual([
      ['花园社区工会联合会', 168.35, 2, 1],
      ['江城机械厂工会', 167, 2, 2],
    ]);
  });

  it('shares a rank on a tie and gives both the better prize', async () => {
    const c = await makeCompetition(stack, town, {
      judgeIds: [baseId],
      scoring: { ...scheme, parts: [{ key: 'total', name: '成绩', weight: 100 }] },
    });
    const [x, y, z] = [
      await entry(c, 'c1d1t1b1', '甲甲'),
      await entry(c, 'c1d1t1b1', '乙乙'),
      await entry(c, 'c1d1t1b1', '丙丙'),
    ];
    await score(c, base, x.id, { total: 90 });
    await score(c, base, y.id, { total: 90 });
    await score(c, base, z.id, { total: 80 });
    const r = await stack.call('GET', `/api/competitions/${c.id}/results`, { token: town });
    expect(r.body.events[0].rows.map((row: any) => [row.rank, row.prize])).toEqual([
      [1, 'first'],
      [1, 'first'],
      [3, 'third'],
    ]);
  });

  it('takes scores only from the competition’s judges, within each part’s maximum, for known parts', async () => {
    const c = await makeCompetition(stack, town, { scoring: scheme, judgeIds: [baseId] });
    const a = await entry(c, 'c1d1t1b1', '甲一');
    expect((await score(c, town, a.id, { written: 80 })).body.error.code).toBe('NOT_A_JUDGE');
    expect((await score(c, a.token, a.id, { written: 80 })).status).toBe(403);
    expect((await score(c, base, a.id, { written: 101 })).body.error.code).toBe('SCORE_OUT_OF_RANGE');
    expect((await score(c, base, a.id, { speed: 10 })).body.error.code).toBe('SCORE_PART_UNKNOWN');
    expect((await score(c, base, a.id, { written: 80.123 })).status).toBe(400);
    const stored = await stack.db.collection('competitionRegistrations').findOne({ _id: new ObjectId(a.id) });
    expect(stored!.scores).toEqual({});
  });

  it('shows results to participants only once published, tells each of them, and freezes scores', async () => {
    const c = await makeCompetition(stack, town, { scoring: scheme, judgeIds: [baseId] });
    const a = await entry(c, 'c1d1t1b1', '甲一');
    const b = await entry(c, 'c1d1t1b2', '乙二');
    await score(c, base, a.id, { written: 90, practical: 90 });
    await score(c, base, b.id, { written: 80, practical: 80 });
    const early = await stack.call('GET', `/api/competitions/${c.id}/results`, { token: a.token });
    expect([early.status, early.body.error.code]).toEqual([409, 'RESULTS_NOT_PUBLISHED']);
    const published = await stack.call('POST', `/api/competitions/${c.id}/results/publish`, { token: town });
    expect(published.body.published).toBe(true);
    const again = await stack.call('POST', `/api/competitions/${c.id}/results/publish`, { token: town });
    expect(again.body.publishedAt).toBe(published.body.publishedAt);
    const seen = await stack.call('GET', `/api/competitions/${c.id}/results`, { token: a.token });
    expect(seen.body.events[0].rows.map((r: any) => r.name)).toEqual(['甲一', '乙*']);
    const messages = await stack.call('GET', '/api/notifications', { token: a.token });
    expect(messages.body.items.filter((m: any) => m.title === '竞赛成绩已公布')).toEqual([
      expect.objectContaining({ body: expect.stringContaining('总分 90，第 1 名，获一等奖') }),
    ]);
    const late = await score(c, base, a.id, { written: 100 });
    expect([late.status, late.body.error.code]).toEqual([409, 'RESULTS_PUBLISHED']);
  });

  it('exports the results as an xlsx workbook for the organiser, audited', async () => {
    const c = await makeCompetition(stack, town, { scoring: scheme, judgeIds: [baseId] });
    const a = await entry(c, 'c1d1t1b1', '甲一');
    await score(c, base, a.id, { written: 90, practical: 80 });
    const res = await fetch(`${stack.url}/api/competitions/${c.id}/results/export`, {
      headers: { authorization: `Bearer ${town}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain(`${c.id}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = book.getWorksheet('叉车')!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '名次',
      '姓名',
      '单位',
      '理论（30%）',
      '实操（70%）',
      '总分',
      '奖项',
      '签到',
    ]);
    expect(sheet.getRow(2).values).toEqual([
      undefined,
      1,
      '甲一',
      '江城机械厂工会',
      90,
      80,
      83,
      '一等奖',
      '否',
    ]);
    expect(
      await stack.db
        .collection('auditLog')
        .countDocuments({ action: 'competition.results_exported', entityId: c.id }),
    ).toBe(1);
    const judgeOnly = await stack.call('GET', `/api/competitions/${c.id}/results/export`, { token: base });
    expect(judgeOnly.body.error.code).toBe('NOT_IN_ORG_SCOPE');
  });
});
