/**
 * 金秋助学 through the real API on the real database: campaigns, a child's registration (window,
 * once per child across all orgs, exclusions, the amount table with the parent's group read from
 * the aid records), the review from 基层 to payment on the kit, and the attacks: an officer of
 * another subtree, another worker, a member with no profile, every request twice or out of order.
 */
import { idNumberCheckChar } from '../../src/contracts/idNumber';
import { CURRENT_CONSENT_VERSION } from '../../src/contracts/members';
import { PiiCipher } from '../../cloud/platform/crypto/pii';
import { claimWindow, type CampaignDoc } from '../../cloud/core/bursary/campaign-repository';
import { getDb } from '../../cloud/platform/db/client';
import { inTransaction } from '../../cloud/platform/db/transactions';
import { chinaDayOf, chinaYearOf } from '../../cloud/platform/time/china-day';
import { startStack, type Stack } from '../support/api-stack';
import { freshIdNumber, officerOf, oid, registeredWorker, submitAidCaseWith } from '../support/people';
import { childApplication, childIdNumber, NO_EXCLUSIONS } from '../support/children';
import { sampleJpeg } from '../support/sample-files';
import { removeLooseUploads } from '../../cloud/core/files/service';
import { fileServices } from '../../cloud/functions/files/app';

let stack: Stack;
let base: string;
let town: string;
let city: string;
/** 西山区 (c1d2): its own campaign, its own chain of officers */
let xsDistrict: string;
let xsTown: string;
let xsBase: string;
/** today and this year in China time, as the campaigns count them */
const today = chinaDayOf(new Date());
const year = chinaYearOf(new Date());
beforeAll(async () => {
  stack = await startStack();
  [base, town, city] = await Promise.all(
    ['demo-officer-base', 'demo-officer-town', 'demo-officer-city'].map((o) => stack.login(o)),
  );
  xsDistrict = await officerOf(stack, 'xs-district-officer', 'c1d2');
  xsTown = await officerOf(stack, 'xs-town-officer', 'c1d2t1');
  xsBase = await officerOf(stack, 'xs-base-officer', 'c1d2t1b1');
  const r = await stack.call('POST', '/api/bursary/campaigns', { token: xsDistrict, body: xishanCampaign() });
  expect(r.status).toBe(201);
});
afterAll(() => stack.stop());

/** 西山区's terms: no 研究生 or 高职, and every group's amount different. */
function xishanCampaign(over: Record<string, unknown> = {}) {
  return {
    year,
    opensOn: `${year}-01-01`,
    closesOn: `${year}-12-31`,
    levels: ['undergraduate', 'high_school'],
    amounts: {
      undergraduate: { on_file: 600_000, newly_filed: 550_000, temporary: 450_000 },
      high_school: { on_file: 300_000, temporary: 200_000 },
    },
    exclusions: [
      { id: 'military', question: '孩子是在军校上学吗？', reason: '军校学员由国家保障，不在金秋助学范围内' },
      { id: 'directed', question: '孩子是定向生吗？', reason: '定向生由定向单位资助' },
    ],
    materials: ['录取通知书'],
    publicityDays: 0,
    ...over,
  };
}

let n = 0;
const worker = (org = 'c1d1t1b1') => registeredWorker(stack, `bursary-worker-${++n}`, org, '测试家长');

const child = (over: Record<string, unknown> = {}) => childApplication({ admissionYear: year - 1, ...over });

let keys = 0;
function register(token: string, body: Record<string, unknown> = child(), key?: string) {
  return stack.call('POST', '/api/bursary/applications', {
    token,
    body,
    headers: { 'idempotency-key': key ?? `bursary-create-${process.pid}-${++keys}` },
  });
}

async function act(token: string, id: string, action: string, extra: Record<string, unknown> = {}) {
  const version =
    extra.version ?? (await stack.call('GET', `/api/bursary/applications/${id}`, { token })).body.version;
  return stack.call('POST', `/api/bursary/applications/${id}/transitions`, {
    token,
    body: { action, version, ...extra },
  });
}

async function toCityApproval(id: string, officers = [base, town]) {
  expect((await act(officers[0], id, 'approve', { comment: '材料齐全' })).status).toBe(200);
  expect((await act(officers[1], id, 'approve')).status).toBe(200);
}

const cipher = () => new PiiCipher(stack.server.config.piiKey);
const counts = async () =>
  Object.fromEntries(
    await Promise.all(
      ['bursaryApplications', 'auditLog', 'notifications', 'grantRegister', 'aidLedger'].map(
        async (c) => [c, await stack.db.collection(c).countDocuments()] as const,
      ),
    ),
  );

/** A worker of 南山纺织厂 (西山区) whose household's hardship case is filed (建档) today. */
async function filedWorkerInXishan(): Promise<string> {
  const token = await worker('c1d2t1b1');
  const id = await submitAidCaseWith(stack, token, []);
  const aid = async (t: string, action: string, extra: Record<string, unknown> = {}) => {
    const version = (await stack.call('GET', `/api/aid/cases/${id}`, { token: t })).body.version;
    const r = await stack.call('POST', `/api/aid/cases/${id}/transitions`, {
      token: t,
      body: { action, version, ...extra },
    });
    expect(r.status).toBe(200);
  };
  await aid(xsBase, 'record_visit', { visit: { date: today, findings: '入户核实，情况属实。' } });
  await aid(xsBase, 'approve');
  await aid(xsTown, 'approve');
  await aid(xsDistrict, 'approve', { category: 'relative', amountFen: 400_000 });
  await aid(xsDistrict, 'file');
  return token;
}

describe('campaigns', () => {
  it('shows a worker the campaign of the nearest 区/市 that runs one, and their group from the aid records', async () => {
    const east = await stack.call('GET', '/api/bursary/campaigns/current', { token: await worker() });
    expect(east.body.campaign).toMatchObject({ orgName: '江城市总工会', year, window: 'open' });
    expect(east.body.applicant).toMatchObject({ group: 'temporary', groupText: '未建档的临时困难职工子女' });
    const west = await stack.call('GET', '/api/bursary/campaigns/current', {
      token: await worker('c1d2t1b1'),
    });
    expect(west.body.campaign).toMatchObject({
      orgName: '西山区总工会',
      levels: ['undergraduate', 'high_school'],
    });
    // the seeded worker whose household was filed
    const filed = await stack.call('GET', '/api/bursary/campaigns/current', {
      token: await stack.login('demo-worker-6'),
    });
    expect(filed.body.applicant.group).toBe('newly_filed');
    expect(filed.body.applicant.reason).toMatch(/^工会记录：\d{4}年\d{1,2}月建立困难职工档案$/);
    const own = await stack.call('GET', '/api/bursary/campaigns/current', { token: xsDistrict });
    expect(own.body.ownCampaign).toMatchObject({ orgId: 'c1d2' });
  });

  it('lets only a 区 or 市 officer set one, once a year, with a window inside the year', async () => {
    const body = xishanCampaign();
    for (const token of [base, town, await worker()]) {
      const r = await stack.call('POST', '/api/bursary/campaigns', { token, body });
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('FORBIDDEN');
    }
    const again = await stack.call('POST', '/api/bursary/campaigns', { token: xsDistrict, body });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('BURSARY_CAMPAIGN_EXISTS');
    const dongHu = await officerOf(stack, 'dh-district-officer', 'c1d1');
    for (const [over, words] of [
      [{ opensOn: `${year}-08-31`, closesOn: `${year}-07-01` }, '不能早于'],
      [{ opensOn: `${year}-02-30` }, '不是真实的日期'],
      [{ closesOn: `${year + 1}-01-10` }, `${year} 年之内`],
      [{ levels: ['postgraduate'] }, '研究生的资助金额'],
    ] as const) {
      const before = await stack.db.collection('bursaryCampaigns').countDocuments();
      const r = await stack.call('POST', '/api/bursary/campaigns', {
        token: dongHu,
        body: xishanCampaign(over),
      });
      expect(r.status).toBe(400);
      expect(r.body.error.message).toContain(words);
      expect(await stack.db.collection('bursaryCampaigns').countDocuments()).toBe(before);
    }
  });
});

describe('registering a child', () => {
  it('says at once whether the child is eligible and what amount applies, and stores the ID number only encrypted and masked', async () => {
    const token = await worker();
    const body = child();
    const r = await register(token, body);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      status: 'submitted',
      version: 1,
      amountFen: 400_000,
      eligibility: { eligible: true, group: 'temporary', amountFen: 400_000, reasons: [] },
    });
    const view = await stack.call('GET', `/api/bursary/applications/${r.body.id}`, { token });
    expect(view.body.child.idNumberMasked).toBe(`330***********${body.childIdNumber.slice(-4)}`);
    expect(JSON.stringify(view.body)).not.toContain(body.childIdNumber);
    const stored = await stack.db.collection('bursaryApplications').findOne({ _id: oid(r.body.id) });
    expect(JSON.stringify(stored)).not.toContain(body.childIdNumber);
    expect(cipher().decrypt(stored!.child.idNumberEnc)).toBe(body.childIdNumber);
    expect(stored!.childIdHash).toBe(cipher().lookupHash(body.childIdNumber));
    expect(view.body.answers.map((a: { answer: boolean }) => a.answer)).toEqual([false, false, false, false]);
  });

  it('takes the amount from the table by level and by the group the aid records give', async () => {
    const filed = await filedWorkerInXishan();
    const newly = await register(filed, child());
    expect(newly.body.eligibility).toMatchObject({ group: 'newly_filed', amountFen: 550_000 });
    // the same household filed in an earlier year is on file
    const member = await stack.db.collection('members').findOne({ openid: `bursary-worker-${n}` });
    await stack.db
      .collection('aidCases')
      .updateOne(
        { applicantId: member!._id.toHexString(), 'history.action': 'file' },
        { $set: { 'history.$[f].at': new Date(`${year - 1}-03-15T10:00:00+08:00`) } },
        { arrayFilters: [{ 'f.action': 'file' }] },
      );
    const onFile = await register(filed, child());
    expect(onFile.body.eligibility).toMatchObject({ group: 'on_file', amountFen: 600_000 });
    const highSchool = await register(filed, child({ level: 'high_school', school: '南山中学' }));
    expect(highSchool.body.eligibility).toMatchObject({ group: 'on_file', amountFen: 300_000 });
    const temporary = await register(await worker('c1d2t1b1'), child({ level: 'high_school' }));
    expect(temporary.body.eligibility).toMatchObject({ group: 'temporary', amountFen: 200_000 });
    // what the worker sees on the form is what the cloud decided
    const current = await stack.call('GET', '/api/bursary/campaigns/current', { token: filed });
    expect(current.body.applicant.group).toBe('on_file');
  });

  it('refuses a level the campaign does not cover, or a group its table leaves out, saying why', async () => {
    const west = await worker('c1d2t1b1');
    const before = await counts();
    const pg = await register(west, child({ level: 'postgraduate' }));
    expect(pg.status).toBe(400);
    expect(pg.body.error).toMatchObject({
      code: 'BURSARY_NOT_ELIGIBLE',
      message: '这次金秋助学不包括研究生',
    });
    const filed = await filedWorkerInXishan();
    const afterAid = await counts();
    const hs = await register(filed, child({ level: 'high_school' }));
    expect(hs.body.error.code).toBe('BURSARY_NOT_ELIGIBLE');
    expect(hs.body.error.message).toBe('这次金秋助学没有资助新建档困难职工子女读高中/中职');
    expect((await counts()).bursaryApplications).toBe(before.bursaryApplications);
    expect(await counts()).toEqual(afterAid);
  });

  it.each([
    ['a military academy', { military: true }, '军校学员由国家保障'],
    ['a free teacher-training place', { free_teacher: true }, '公费师范生'],
    ['a 定向生', { directed: true }, '定向生由定向单位资助'],
    ['aid already received elsewhere', { aided_elsewhere: true }, '不重复资助'],
  ])('refuses a child at %s, with the campaign reason, and writes nothing', async (_label, yes, reason) => {
    const token = await worker();
    const before = await counts();
    const r = await register(token, child({ answers: { ...NO_EXCLUSIONS, ...yes } }));
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('BURSARY_NOT_ELIGIBLE');
    expect(r.body.error.message).toContain(reason);
    expect(r.body.error.details.reasons).toHaveLength(1);
    expect(await counts()).toEqual(before);
  });

  it('asks for every exclusion question to be answered before judging', async () => {
    const r = await register(await worker(), child({ answers: { military: false } }));
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect(r.body.error.details.missing).toHaveLength(3);
  });

  it('accepts one application per child per year across all orgs, with its own code, even at the same moment', async () => {
    const idNumber = childIdNumber();
    const east = await worker('c1d1t1b1'); // 东湖区, under the 市's campaign
    const west = await worker('c1d2t1b1'); // 西山区, under its own campaign
    const first = await register(east, child({ childIdNumber: idNumber }));
    expect(first.status).toBe(201);
    const before = await counts();
    const second = await register(west, child({ childIdNumber: idNumber, childName: '钱小雨' }));
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('BURSARY_CHILD_ALREADY_APPLIED');
    expect(second.body.error.message).not.toContain('东湖');
    expect(await counts()).toEqual(before);

    const racing = childIdNumber();
    const both = await Promise.all([east, west].map((t) => register(t, child({ childIdNumber: racing }))));
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.status === 409)!.body.error.code).toBe('BURSARY_CHILD_ALREADY_APPLIED');

    // withdrawn, the child may be registered again (by the other parent)
    const w = await act(east, first.body.id, 'withdraw');
    expect(w.body.status).toBe('withdrawn');
    expect((await register(west, child({ childIdNumber: idNumber }))).status).toBe(201);
  });

  it('refuses a child already granted this year by a related program', async () => {
    const idNumber = childIdNumber();
    await stack.db.collection('grantRegister').insertOne({
      register: 'student_aid',
      year,
      subjectHash: cipher().lookupHash(idNumber),
      program: 'city_scholarship',
      caseId: oid('0123456789abcdef01234567'),
      at: new Date(),
    });
    const token = await worker();
    const before = await counts();
    const r = await register(token, child({ childIdNumber: idNumber }));
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('BURSARY_CHILD_ALREADY_GRANTED');
    expect(await counts()).toEqual(before);
  });

  it('refuses outside the window, saying the dates, and the database refuses it too', async () => {
    const token = await worker('c1d2t1b1');
    const campaign = await stack.db
      .collection<CampaignDoc>('bursaryCampaigns')
      .findOne({ orgId: 'c1d2', year });
    const closed = new Date(Date.now() - 60_000);
    await stack.db
      .collection('bursaryCampaigns')
      .updateOne({ _id: campaign!._id }, { $set: { closesAt: closed } });
    try {
      const before = await counts();
      const r = await register(token, child());
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('BURSARY_WINDOW_CLOSED');
      expect(r.body.error.message).toContain('1月1日至12月31日');
      expect(await counts()).toEqual(before);
      // the conditional write the application's transaction starts with matches nothing now
      await expect(
        inTransaction(async (session) => claimWindow(await getDb(), campaign!, new Date(), session)),
      ).rejects.toMatchObject({ code: 'BURSARY_WINDOW_CLOSED' });
    } finally {
      await stack.db
        .collection('bursaryCampaigns')
        .updateOne({ _id: campaign!._id }, { $set: { closesAt: campaign!.closesAt } });
    }
    const counted = (await stack.db.collection('bursaryCampaigns').findOne({ _id: campaign!._id }))!
      .applications;
    expect((await register(token, child())).status).toBe(201);
    expect(
      (await stack.db.collection('bursaryCampaigns').findOne({ _id: campaign!._id }))!.applications,
    ).toBe(counted + 1);
  });

  const demoWorker1Id = '33010619700101123' + idNumberCheckChar('33010619700101123');
  const wrongCheckDigit = (() => {
    const id = childIdNumber();
    return id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
  })();
  it.each([
    ['the parent’s own ID number', { childIdNumber: demoWorker1Id }, 'ID_NUMBER_INVALID', '您本人的身份证号'],
    ['a wrong check digit', { childIdNumber: wrongCheckDigit }, 'ID_NUMBER_INVALID', '校验码不对'],
    ['no guardian consent', { guardianConsent: false }, 'CONSENT_REQUIRED', '监护人'],
    [
      'an admission year after the campaign year',
      { admissionYear: year + 1 },
      'VALIDATION_FAILED',
      '入学年份',
    ],
    [
      'a photo uploaded by someone else',
      { proofFileIds: ['0123456789abcdef01234567'] },
      'VALIDATION_FAILED',
      '照片',
    ],
  ])('refuses %s and writes nothing', async (_label, over, code, words) => {
    const token = await stack.login('demo-worker-1');
    const before = await counts();
    const r = await register(token, child(over));
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe(code);
    expect(r.body.error.message).toContain(words);
    expect(await counts()).toEqual(before);
  });

  it('makes one application when the same Idempotency-Key is sent twice', async () => {
    const token = await worker();
    const body = child();
    const a = await register(token, body, 'bursary-same-key-0001');
    const b = await register(token, body, 'bursary-same-key-0001');
    expect(b.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    expect((await stack.call('GET', '/api/bursary/applications?mine=1', { token })).body.items).toHaveLength(
      1,
    );
  });

  it('asks a new account with no profile to register first, and shows it no campaign or group', async () => {
    const token = await stack.login('bursary-newcomer');
    const before = await counts();
    const r = await register(token);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('PROFILE_INCOMPLETE');
    const current = await stack.call('GET', '/api/bursary/campaigns/current', { token });
    expect(current.body).toMatchObject({ campaign: null, applicant: null, ownCampaign: null });
    expect((await stack.call('GET', '/api/bursary/applications?mine=1', { token })).body.items).toEqual([]);
    expect((await stack.call('GET', '/api/bursary/applications?queue=1', { token })).status).toBe(403);
    expect((await stack.call('GET', '/api/bursary/publicity', { token })).status).toBe(200);
    expect(await counts()).toEqual(before);
  });
});

describe('the review', () => {
  it('takes an application from 基层 to payment: 公示 with masked names, the grant register, the same ledger as aid, a message at each step', async () => {
    const token = await stack.login('demo-worker-6');
    const { body } = await register(
      token,
      child({ childName: '钱小雨', level: 'high_school', school: '江城一中' }),
    );
    expect(body.amountFen).toBe(300_000);
    const id = body.id;
    await toCityApproval(id);
    const approved = await act(city, id, 'approve');
    expect(approved.body).toMatchObject({
      status: 'publicity',
      amount: { approvedFen: 300_000, paidFen: 0, defaultFen: 300_000, reason: null },
    });

    const list = await stack.call('GET', '/api/bursary/publicity', { token: await worker() });
    const item = list.body.items.find((i: { id: string }) => i.id === id);
    expect(item).toMatchObject({
      childNameMasked: '钱*雨',
      applicantNameMasked: '钱*芳',
      amountFen: 300_000,
    });
    expect(JSON.stringify(list.body)).not.toMatch(/钱小雨|钱桂芳|江城一中/);

    const granted = await act(city, id, 'grant');
    expect(granted.body.status).toBe('granted');
    const paid = await act(city, id, 'record_payment');
    expect(paid.body).toMatchObject({
      status: 'paid',
      payments: [expect.objectContaining({ amountFen: 300_000 })],
    });

    const ledger = await stack.db
      .collection('aidLedger')
      .find({ caseId: oid(id) })
      .toArray();
    expect(ledger).toEqual([
      expect.objectContaining({ program: 'bursary', amountFen: 300_000, kind: 'schooling' }),
    ]);
    expect(
      await stack.db.collection('grantRegister').countDocuments({ caseId: oid(id), register: 'student_aid' }),
    ).toBe(1);

    const view = await stack.call('GET', `/api/bursary/applications/${id}`, { token });
    expect(view.body.history.map((h: { actionText: string }) => h.actionText)).toEqual([
      '提交申请',
      '初审通过',
      '审核通过',
      '审批通过',
      '公示结束，批准发放',
      '记录发放',
    ]);
    expect(view.body.history[1]).toMatchObject({
      by: '江城机械厂工会',
      level: '基层工会',
      comment: '材料齐全',
    });
    expect(view.body.timeline.map((t: { status: string }) => t.status)).toEqual([
      'submitted',
      'town_review',
      'city_approval',
      'publicity',
      'granted',
      'paid',
    ]);
    const messages = await stack.call('GET', '/api/notifications', { token });
    const mine = messages.body.items.filter((m: { link: string }) => m.link?.includes(id));
    expect(mine).toHaveLength(6);
    expect(mine[0].title).toBe('金秋助学金已发放');
    expect(mine[0].body).toContain('3000 元');
    expect(
      await stack.db.collection('auditLog').countDocuments({ entity: 'bursaryApplication', entityId: id }),
    ).toBe(6);
  });

  it('lets the approver change the amount only with a reason, and offers the table amount to start from', async () => {
    const { body } = await register(await worker());
    await toCityApproval(body.id);
    const view = await stack.call('GET', `/api/bursary/applications/${body.id}`, { token: city });
    const approve = view.body.offers.find((o: { action: string }) => o.action === 'approve');
    // the kit's approved amount: the table's stands unless changed, so the field is optional, starting from it
    expect(approve.needs.find((x: { need: string }) => x.need === 'amount')).toMatchObject({
      required: false,
      preset: '4000',
    });
    expect(approve.needs.find((x: { need: string }) => x.need === 'amount').hint).toContain('标准 4000 元');
    const before = await counts();
    const bare = await act(city, body.id, 'approve', { amountFen: 350_000 });
    expect(bare.status).toBe(400);
    expect(bare.body.error.code).toBe('AMOUNT_REASON_REQUIRED');
    expect(await counts()).toEqual(before);
    const r = await act(city, body.id, 'approve', { amountFen: 350_000, comment: '学校已减免部分学费' });
    expect(r.body.amount).toMatchObject({ approvedFen: 350_000, reason: '学校已减免部分学费' });
    const audit = await stack.db
      .collection('auditLog')
      .findOne({ entityId: body.id, action: 'bursary.approve', 'data.to': 'publicity' });
    expect(audit!.data).toMatchObject({
      approvedFen: 350_000,
      defaultFen: 400_000,
      comment: '学校已减免部分学费',
    });
  });

  it('refuses the grant when a related program granted the child meanwhile, and leaves the application as it was', async () => {
    const body = child();
    const { body: created } = await register(await worker(), body);
    await toCityApproval(created.id);
    await act(city, created.id, 'approve');
    await stack.db.collection('grantRegister').insertOne({
      register: 'student_aid',
      year,
      subjectHash: cipher().lookupHash(body.childIdNumber as string),
      program: 'city_scholarship',
      caseId: oid('0123456789abcdef01234568'),
      at: new Date(),
    });
    const before = await counts();
    const r = await act(city, created.id, 'grant');
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('BURSARY_CHILD_ALREADY_GRANTED');
    expect(await counts()).toEqual(before);
    expect(
      (await stack.call('GET', `/api/bursary/applications/${created.id}`, { token: city })).body.status,
    ).toBe('publicity');
  });

  it('waits for the 公示 days before the grant', async () => {
    const token = await worker('c1d2t1b1');
    const { body } = await register(token);
    await stack.db
      .collection('bursaryApplications')
      .updateOne({ _id: oid(body.id) }, { $set: { publicityDays: 5 } });
    await toCityApproval(body.id, [xsBase, xsTown]);
    await act(xsDistrict, body.id, 'approve');
    const early = await act(xsDistrict, body.id, 'grant');
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({
      code: 'PUBLICITY_NOT_ENDED',
      message: '公示期还没有结束，结束后才能批准发放',
    });
  });

  it('keeps an officer of another 街道 out entirely: no read, no action, not in the queue', async () => {
    const token = await worker('c1d1t2b1'); // 桥西街道
    const { body } = await register(token);
    const otherTown = await officerOf(stack, 'qx-town-officer', 'c1d1t2');
    const before = await counts();
    // out of reach answers as a missing application would (the kit's rule: 404 alike)
    const read = await stack.call('GET', `/api/bursary/applications/${body.id}`, { token: town });
    expect(read.status).toBe(404);
    expect(read.body.error.code).toBe('NOT_FOUND');
    for (const [t, action] of [
      [town, 'approve'],
      [base, 'approve'],
      [town, 'reject'],
    ] as const) {
      const r = await act(t, body.id, action, { version: 1, comment: '试试' });
      expect(r.body.error.code).toBe('NOT_FOUND');
    }
    const queue = await stack.call('GET', '/api/bursary/applications?queue=1', { token: town });
    expect(queue.body.items.map((i: { id: string }) => i.id)).not.toContain(body.id);
    const theirs = await stack.call('GET', '/api/bursary/applications?queue=1', { token: otherTown });
    expect(theirs.body.items.map((i: { id: string }) => i.id)).not.toContain(body.id); // still at 基层
    expect(await counts()).toEqual(before);
  });

  it('does not let a worker read, change or act on another worker’s application', async () => {
    const owner = await worker();
    const other = await worker();
    const { body } = await register(owner);
    const before = await counts();
    expect((await stack.call('GET', `/api/bursary/applications/${body.id}`, { token: other })).status).toBe(
      404,
    );
    const w = await stack.call('POST', `/api/bursary/applications/${body.id}/transitions`, {
      token: other,
      body: { action: 'withdraw', version: 1 },
    });
    expect(w.status).toBe(404);
    const put = await stack.call('PUT', `/api/bursary/applications/${body.id}`, {
      token: other,
      body: { ...child(), childIdNumber: undefined, guardianConsent: undefined, version: 1 },
    });
    expect(put.status).toBe(404);
    expect((await stack.call('GET', '/api/bursary/applications?queue=1', { token: other })).status).toBe(403);
    const mine = await stack.call('GET', '/api/bursary/applications?mine=1', { token: other });
    expect(mine.body.items.map((i: { id: string }) => i.id)).not.toContain(body.id);
    expect(await counts()).toEqual(before);
  });

  it('takes each step once: a repeated or out-of-order request changes nothing', async () => {
    const { body } = await register(await worker());
    const id = body.id;
    // out of order: the 区/市 and the 街道 before the 基层, a grant or a payment before the approval
    expect((await act(city, id, 'approve')).body.error.code).toBe('NOT_YOUR_LEVEL');
    expect((await act(town, id, 'approve')).body.error.code).toBe('NOT_YOUR_LEVEL');
    expect((await act(city, id, 'grant')).body.error.code).toBe('TRANSITION_NOT_ALLOWED');
    expect((await act(city, id, 'record_payment')).body.error.code).toBe('TRANSITION_NOT_ALLOWED');
    // twice at once with the same version: one approval
    const second = await officerOf(stack, 'bursary-second-base', 'c1d1t1b1');
    const rs = await Promise.all(
      [base, second].map((t) =>
        stack.call('POST', `/api/bursary/applications/${id}/transitions`, {
          token: t,
          body: { action: 'approve', version: 1 },
        }),
      ),
    );
    expect(rs.map((r) => r.status).sort()).toEqual([200, 409]);
    // the same request retried with its key: the first answer, not a second step
    const key = { 'idempotency-key': `bursary-town-approve-${process.pid}` };
    const t1 = await stack.call('POST', `/api/bursary/applications/${id}/transitions`, {
      token: town,
      body: { action: 'approve', version: 2 },
      headers: key,
    });
    const t2 = await stack.call('POST', `/api/bursary/applications/${id}/transitions`, {
      token: town,
      body: { action: 'approve', version: 2 },
      headers: key,
    });
    expect(t2.body).toEqual(t1.body);
    await act(city, id, 'approve');
    await act(city, id, 'grant');
    const paid = await act(city, id, 'record_payment');
    expect(paid.body.status).toBe('paid');
    const again = await act(city, id, 'record_payment');
    expect(again.body.error.code).toBe('TRANSITION_NOT_ALLOWED');
    expect(await stack.db.collection('aidLedger').countDocuments({ caseId: oid(id) })).toBe(1);
    const view = await stack.call('GET', `/api/bursary/applications/${id}`, { token: city });
    expect(view.body.history.map((h: { action: string }) => h.action)).toEqual([
      'submit',
      'approve',
      'approve',
      'approve',
      'grant',
      'record_payment',
    ]);
  });

  it('lets the worker correct a returned application, judges it again, and sends it back to the level that returned it', async () => {
    const token = await worker();
    const { body } = await register(token);
    await act(base, body.id, 'approve');
    expect((await act(town, body.id, 'return')).body.error.code).toBe('COMMENT_REQUIRED');
    // the return names what it asks for: changing just that goes back to the 街道 (the kit's rule)
    const returned = await act(town, body.id, 'return', {
      comment: '请核对学校和就读阶段',
      facts: ['school', 'level'],
    });
    expect(returned.body.status).toBe('returned');
    const mine = await stack.call('GET', `/api/bursary/applications/${body.id}`, { token });
    expect(mine.body.editable).toBe(true);
    const {
      childIdNumber: _id,
      guardianConsent: _c,
      ...fields
    } = child({ level: 'high_school', school: '江城二中' });
    const excluded = await stack.call('PUT', `/api/bursary/applications/${body.id}`, {
      token,
      body: { ...fields, answers: { ...NO_EXCLUSIONS, directed: true }, version: mine.body.version },
    });
    expect(excluded.body.error.code).toBe('BURSARY_NOT_ELIGIBLE');
    const fixed = await stack.call('PUT', `/api/bursary/applications/${body.id}`, {
      token,
      body: { ...fields, version: mine.body.version },
    });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({
      standardAmountFen: 200_000,
      child: { level: 'high_school', school: '江城二中' },
    });
    const again = await act(token, body.id, 'resubmit');
    expect(again.body.status).toBe('town_review');
    const late = await stack.call('PUT', `/api/bursary/applications/${body.id}`, {
      token,
      body: { ...fields, version: again.body.version },
    });
    expect(late.body.error.code).toBe('TRANSITION_NOT_ALLOWED');
  });

  it('counts the applications waiting at each officer level on the workbench, and lists the newest across programs', async () => {
    const worker1 = await worker();
    const { body } = await register(worker1);
    const aidCaseId = await submitAidCaseWith(stack, worker1, []);
    const home = await stack.call('GET', '/api/members/officer/home', { token: base });
    const bursary = home.body.programs.find((p: { key: string }) => p.key === 'bursary');
    expect(bursary).toMatchObject({ available: true });
    const queue = await stack.call('GET', '/api/bursary/applications?queue=1', { token: base });
    expect(bursary.pending).toBe(queue.body.total);
    expect(queue.body.statuses).toEqual(['submitted']);
    const byLevel = await stack.call('GET', '/api/bursary/applications?queue=1&level=high_school', {
      token: base,
    });
    expect(byLevel.body.items.every((i: { level: string }) => i.level === 'high_school')).toBe(true);
    expect(byLevel.body.items.map((i: { id: string }) => i.id)).not.toContain(body.id);

    // the newest work at the 基层 level, both programs in one list, the kit's row only
    const waiting = home.body.waiting as { program: string; id: string; submittedAt: string }[];
    expect(waiting.slice(0, 2).map((w) => [w.program, w.id])).toEqual([
      ['aid', aidCaseId],
      ['bursary', body.id],
    ]);
    expect(waiting.map((w) => w.submittedAt)).toEqual(
      [...waiting.map((w) => w.submittedAt)].sort().reverse(),
    );
    expect(waiting[1]).not.toHaveProperty('childName');
    // another 街道's officer sees none of it
    const elsewhere = await officerOf(stack, 'qx-base-officer', 'c1d1t2b1');
    const theirs = await stack.call('GET', '/api/members/officer/home', { token: elsewhere });
    expect(theirs.body.waiting.map((w: { id: string }) => w.id)).not.toContain(body.id);
  });
});

describe('what the review kit gives 金秋助学 as it gives hardship aid', () => {
  const view = (token: string, id: string) => stack.call('GET', `/api/bursary/applications/${id}`, { token });
  /** The correction form's body: the child's fields as registered, with `over` changed. */
  const correction = (over: Record<string, unknown>, version: number) => {
    const { childIdNumber: _id, guardianConsent: _c, ...fields } = child(over);
    return { ...fields, version };
  };
  const reveal = (token: string, id: string, body: Record<string, unknown>) =>
    stack.call('POST', `/api/bursary/applications/${id}/reveal`, { token, body });

  it('sends a resubmitted application back to the 基层 when the worker changed, unasked, what the 基层 checked: told first, hidden from officers until resubmitted, then shown as a diff', async () => {
    const token = await worker();
    const { body } = await register(token);
    await act(base, body.id, 'approve');
    await act(town, body.id, 'return', { comment: '请补充在读证明' }); // names no fact
    const mine = await view(token, body.id);
    const edited = await stack.call('PUT', `/api/bursary/applications/${body.id}`, {
      token,
      body: correction({ school: '江城大学' }, mine.body.version),
    });
    expect(edited.status).toBe(200);
    expect(edited.body.changes).toEqual([
      expect.objectContaining({
        field: 'school',
        before: '浙江工业大学',
        after: '江城大学',
        verified: true,
        resubmittedAt: null,
      }),
    ]);
    expect(edited.body.resubmitNote).toContain('学校');
    expect(edited.body.resubmitNote).toContain('基层工会');
    // the 街道 still reads what was submitted
    const meanwhile = await view(town, body.id);
    expect(meanwhile.body.child.school).toBe('浙江工业大学');
    expect(meanwhile.body.changes).toEqual([]);

    const again = await act(token, body.id, 'resubmit');
    expect(again.body.status).toBe('submitted');
    const atBase = await view(base, body.id);
    expect(atBase.body.child.school).toBe('江城大学');
    expect(atBase.body.changedFacts).toEqual(['school']);
    expect(atBase.body.changes).toEqual([
      expect.objectContaining({ label: '学校', before: '浙江工业大学', after: '江城大学', verified: true }),
    ]);
    const audit = await stack.db
      .collection('auditLog')
      .findOne({ entityId: body.id, action: 'bursary.resubmit' });
    expect(audit!.data).toMatchObject({ to: 'submitted', changedFacts: ['school'], reverify: true });
  });

  it('keeps a proof photo added after a return from the officers until resubmitted, and from the loose-upload sweep meanwhile', async () => {
    const token = await worker();
    const { body } = await register(token);
    await act(base, body.id, 'return', { comment: '请上传录取通知书', facts: ['proof'] });
    const up = await stack.call('POST', '/api/files', {
      token,
      rawBody: new Uint8Array(sampleJpeg()),
      headers: { 'content-type': 'image/jpeg' },
    });
    const photo = up.body.id as string;
    const { version } = (await view(token, body.id)).body;
    const put = await stack.call('PUT', `/api/bursary/applications/${body.id}`, {
      token,
      body: correction({ proofFileIds: [photo] }, version),
    });
    expect(put.body.proofFileIds).toEqual([photo]);
    const fileStatus = async (t: string) =>
      (await fetch(`${stack.url}/api/files/${photo}`, { headers: { authorization: `Bearer ${t}` } })).status;
    expect((await view(base, body.id)).body.proofFileIds).toEqual([]);
    expect(await fileStatus(base)).toBe(404);
    // a day later it is still held by the application
    await stack.db
      .collection('files')
      .updateOne({ _id: photo as never }, { $set: { createdAt: new Date(Date.now() - 30 * 3_600_000) } });
    await removeLooseUploads(await getDb(), fileServices(stack.server.config));
    expect(await stack.db.collection('files').findOne({ _id: photo as never })).not.toBeNull();

    expect((await act(token, body.id, 'resubmit')).body.status).toBe('submitted');
    expect(await fileStatus(base)).toBe(200);
  });

  it('pays exactly the amount the 区/市 approved, tied to it: once, and nothing is left to pay', async () => {
    const { body } = await register(await worker());
    await toCityApproval(body.id);
    await act(city, body.id, 'approve', { amountFen: 350_000, comment: '学校已减免部分学费' });
    await act(city, body.id, 'grant');
    const paid = await act(city, body.id, 'record_payment');
    expect(paid.body.amount).toMatchObject({ approvedFen: 350_000, paidFen: 350_000, leftFen: 0 });
    expect(paid.body.payments).toEqual([expect.objectContaining({ amountFen: 350_000, kind: 'schooling' })]);
    const ledger = await stack.db
      .collection('aidLedger')
      .find({ caseId: oid(body.id) })
      .toArray();
    expect(ledger.map((e) => e.amountFen)).toEqual([350_000]);
  });

  it('lets the 基层 reveal the parent’s ID number as submitted while it checks the application, with a purpose, audited, and no one else', async () => {
    const token = await worker();
    const { body } = await register(token);
    const stored = await stack.db.collection('bursaryApplications').findOne({ _id: oid(body.id) });
    const asSubmitted = cipher().decrypt(stored!.applicantIdNumberEnc);
    const forBase = await view(base, body.id);
    expect(forBase.body.revealable).toEqual(['idNumber']);
    expect(forBase.body.applicantIdNumberMasked).toMatch(/^\d{3}\*{11}\d{3}[\dX]$/);
    expect((await view(token, body.id)).body.applicantIdNumberMasked).toBeNull();

    const bare = await reveal(base, body.id, { field: 'idNumber' });
    expect([bare.status, bare.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const elsewhere = await officerOf(stack, 'bursary-reveal-elsewhere', 'c1d1t2b1');
    const outside = await reveal(elsewhere, body.id, { field: 'idNumber', purpose: 'verify_identity' });
    expect([outside.status, outside.body.error.code]).toEqual([404, 'NOT_FOUND']);
    const r = await reveal(base, body.id, { field: 'idNumber', purpose: 'verify_identity' });
    expect(r.body).toEqual({ value: asSubmitted });
    const audit = await stack.db.collection('auditLog').findOne({ requestId: r.headers.get('x-request-id') });
    expect(audit).toMatchObject({
      action: 'pii.revealed',
      entity: 'bursaryApplication',
      entityId: body.id,
      data: { field: 'idNumber', purpose: 'verify_identity', program: 'bursary', caseId: body.id },
    });

    // once the 基层 has passed it on, no level needs the number
    await act(base, body.id, 'approve');
    for (const t of [base, town]) {
      const later = await reveal(t, body.id, { field: 'idNumber', purpose: 'verify_identity' });
      expect(later.body.error.code).toBe('REVEAL_NOT_NEEDED');
    }
  });

  it('holds a parent’s change of name or ID number for the union once a child’s application is in, and keeps the application’s copy', async () => {
    const token = await worker();
    const { body } = await register(token);
    const before = (await stack.call('GET', '/api/members/me', { token })).body;
    const changed = await stack.call('PUT', '/api/members/me', {
      token,
      body: {
        name: '钱新名',
        idNumber: freshIdNumber(),
        phone: '13700000000',
        orgId: 'c1d1t1b2',
        consentVersion: CURRENT_CONSENT_VERSION,
      },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: before.name, identityChangePending: { name: '钱新名' } });
    // a change of union moves no application: it stays with the union it was submitted to
    expect(changed.body.notices.join('')).toContain('金秋助学申请仍由江城机械厂工会办理');
    expect((await view(base, body.id)).body).toMatchObject({
      applicantName: before.name,
      applicantIdNumberMasked: before.idNumberMasked,
      orgName: '江城机械厂工会',
    });
  });

  it('lets an officer reveal a parent’s ID number for the application they check, and for nothing else', async () => {
    const token = await worker();
    const { body } = await register(token);
    const memberId = (await stack.call('GET', '/api/members/me', { token })).body.id;
    const forApplication = (t: string) =>
      stack.call('POST', `/api/members/${memberId}/id-number/reveal`, {
        token: t,
        body: { purpose: 'verify_identity', serves: { program: 'bursary', caseId: body.id } },
      });
    const r = await forApplication(base);
    expect(r.status).toBe(200);
    expect(r.body.idNumber).toMatch(/^\d{17}[\dX]$/);
    const elsewhere = await officerOf(stack, 'bursary-member-reveal-elsewhere', 'c1d1t2b1');
    expect((await forApplication(elsewhere)).body.error.code).toBe('NOT_FOUND');
    // the 街道 does not check the parent's papers
    expect((await forApplication(town)).body.error.code).toBe('NOT_FOUND');
  });
});
