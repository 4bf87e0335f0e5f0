/**
 * The kit serves a program it has never seen: a made-up two-level program, declared here as data
 * (its table, wording and a store on its own collection) and nothing else, runs through the
 * shared case flow on the real database. What hardship aid gets from the kit, it gets too: one
 * transaction per step with history, audit, ledger entry and message; refusals in the engine's
 * order; the owner's edits only where the table allows; offers drawn from its table.
 */
import { ObjectId, type Db } from 'mongodb';
import type { Caller } from '../../cloud/platform/auth/caller';
import { getDb } from '../../cloud/platform/db/client';
import { AppError } from '../../cloud/platform/http/app-error';
import { backToReturningLevel } from '../../cloud/core/workflow/engine';
import { caseFlow } from '../../cloud/core/workflow/case-flow';
import { applicantIdentity } from '../../cloud/core/workflow/applicant';
import { caseBasics, caseStore, newCaseBase, type CaseDocBase } from '../../cloud/core/workflow/case-store';
import { caseViewKit } from '../../cloud/core/workflow/case-view';
import { commentGiven } from '../../cloud/core/workflow/requirements';
import type { ProgramTable, Requirement, WorkflowCase, WorkflowInput } from '../../cloud/core/workflow/table';
import { startStack, type Stack } from '../support/api-stack';
import { officerOf } from '../support/people';

type S = 'draft' | 'submitted' | 'approved' | 'paid' | 'returned' | 'rejected';
type A = 'submit' | 'approve' | 'return' | 'resubmit' | 'pay' | 'reject';
interface TrialDoc extends CaseDocBase {
  note: string;
}
interface TrialInput extends WorkflowInput {
  amountFen?: number;
}
type TrialCase = WorkflowCase<S>;
type TrialPatch = { submittedAt: Date; returnedFrom: S | null };

const amountGiven: Requirement<S, TrialCase, TrialInput> = {
  name: 'amount',
  code: 'AMOUNT_INVALID',
  need: 'amount',
  holds: ({ input }) => Number.isSafeInteger(input.amountFen) && input.amountFen! > 0,
};

const state = (
  label: string,
  level: 'base' | 'approver' | null,
  more: { final?: boolean; editable?: boolean } = {},
) => ({
  label,
  nextStep: `${label}之后`,
  level,
  final: more.final ?? false,
  editable: more.editable ?? false,
});

const table: ProgramTable<S, A, TrialCase, TrialInput, TrialPatch> = {
  name: 'trial',
  entity: 'trialCase',
  initial: 'draft',
  states: {
    draft: state('草稿', null, { editable: true }),
    submitted: state('待基层审核', 'base'),
    approved: state('待发放', 'approver'),
    paid: state('已发放', null, { final: true }),
    returned: state('退回补充', null, { editable: true }),
    rejected: state('未通过', null, { final: true }),
  },
  levelText: { base: '基层', town: '街道', approver: '区/市' },
  transitions: [
    {
      from: 'draft',
      action: 'submit',
      by: 'owner',
      to: 'submitted',
      effect: ({ now }) => ({ submittedAt: now }),
    },
    {
      from: 'submitted',
      action: 'approve',
      by: 'base',
      to: 'approved',
      accepts: ['comment'],
      // its amount table says 500 元; the approver may give another with a reason
      fixesAmount: { default: () => 50_000 },
    },
    {
      from: 'submitted',
      action: 'return',
      by: 'base',
      to: 'returned',
      requires: [commentGiven],
      effect: () => ({ returnedFrom: 'submitted' }),
    },
    {
      from: 'returned',
      action: 'resubmit',
      by: 'owner',
      to: backToReturningLevel,
      effect: () => ({ returnedFrom: null }),
    },
    {
      from: 'approved',
      action: 'pay',
      by: 'approver',
      to: 'paid',
      requires: [amountGiven],
      sideEffects: ({ input }) => [{ kind: 'ledger', amountFen: input.amountFen!, paymentKind: 'trial' }],
    },
    { from: 'approved', action: 'reject', by: 'approver', to: 'rejected', requires: [commentGiven] },
  ],
  actions: {
    submit: { label: '提交', done: '已提交' },
    approve: { label: '通过', byLevel: { base: '基层通过' }, done: '已通过' },
    return: { label: '退回', done: '已退回' },
    resubmit: { label: '重新提交', done: '已重新提交' },
    pay: { label: '发放', done: '已发放' },
    reject: { label: '不通过', done: '已不通过' },
  },
  needs: {
    comment: { label: '意见', missing: '请写意见' },
    amount: { label: '金额（元）', missing: '请填金额' },
  },
  text: {
    readOnlyAt: (level) => `在${level}办理`,
    readOnlyClosed: '已办结',
    notEditable: '试点申请已提交，不能再改',
    notPublic: '没有这条公示',
    who: { owner: '本人', public: '公众', union: '工会' },
    resubmit: {
      back: (level) => `交回${level}`,
      reverify: (facts, level) => `${facts.join('+')}改了，回${level}`,
    },
  },
  timeline: [
    { status: 'submitted', label: '提交' },
    { status: 'approved', label: '基层审核' },
    { status: 'paid', label: '发放' },
  ],
  notices: (e) =>
    e.actorRole === 'public' ? [] : [{ to: 'owner', title: `试点：${e.to}`, body: e.orgName }],
};

const store = caseStore<TrialDoc>('trialCases');
const flow = caseFlow({
  table,
  store,
  snapshot: (d: TrialDoc): TrialCase => caseBasics<S>(d),
  caseLink: (id) => `/packages/trial/pages/case/index?id=${id}`,
});
const { program } = flow;

let stack: Stack;
let db: Db;
const people: Record<string, Caller> = {};
beforeAll(async () => {
  stack = await startStack();
  db = await getDb();
  await officerOf(stack, 'kit-town-elsewhere', 'c1d1t2');
  for (const openid of [
    'demo-worker-1',
    'demo-worker-2',
    'demo-officer-base',
    'demo-officer-city',
    'kit-town-elsewhere',
  ]) {
    await stack.login(openid);
    const m = (await stack.db.collection('members').findOne({ openid }))!;
    people[openid] = {
      memberId: m._id.toHexString(),
      roles: m.roles,
      orgId: m.orgId,
      orgPath: m.orgPath,
      officerOrgId: m.officerOrgId,
      officerLevel: m.officerLevel,
      officerOrgPath: m.officerOrgPath,
      name: m.name,
      record: m as never,
    };
  }
});
afterAll(() => stack.stop());

const worker = () => people['demo-worker-1'];
let n = 0;
const opts = () => ({ requestId: `kit-test-${++n}` });

/** A new trial case of the caller's, as the kit starts every program's case. */
async function draftFor(caller: Caller): Promise<TrialDoc> {
  const { identity } = await applicantIdentity(db, caller.memberId);
  return { ...newCaseBase(identity, table.initial, new Date()), note: '初稿' };
}

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return 'ok';
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
}

describe('a program the kit has never seen', () => {
  it('is created and submitted in one step through the engine: one audit name, one message, one history entry', async () => {
    const doc = await flow.create(db, worker(), await draftFor(worker()), 'submit', opts());
    expect(doc).toMatchObject({ status: 'submitted', version: 1, open: true });
    expect(doc.submittedAt).toEqual(doc.createdAt);
    const stored = (await store.find(db, doc._id.toHexString()))!;
    expect(stored.history.map((h) => [h.action, h.from, h.to, h.actorRole])).toEqual([
      ['submit', 'draft', 'submitted', 'worker'],
    ]);
    const audit = await stack.db.collection('auditLog').find({ entityId: doc._id.toHexString() }).toArray();
    expect(audit.map((a) => [a.action, a.entity, a.data.version])).toEqual([
      ['trial.submit', 'trialCase', 1],
    ]);
    const told = await stack.db
      .collection('notifications')
      .find({ dedupeKey: `trial:${doc._id.toHexString()}:v1` })
      .toArray();
    expect(told.map((m) => [m.title, m.link])).toEqual([
      ['试点：submitted', `/packages/trial/pages/case/index?id=${doc._id.toHexString()}`],
    ]);
  });

  it('walks return, resubmit, approval and payment, with the ledger entry written under its name', async () => {
    const doc = await flow.create(db, worker(), await draftFor(worker()), 'submit', opts());
    const id = doc._id.toHexString();
    const base = people['demo-officer-base'];
    expect(await codeOf(flow.transition(db, base, id, { action: 'return', version: 1 }, opts()))).toBe(
      'COMMENT_REQUIRED',
    );
    await flow.transition(db, base, id, { action: 'return', version: 1, comment: '补一张照片' }, opts());
    await flow.transition(db, worker(), id, { action: 'resubmit', version: 2 }, opts());
    const approved = await flow.transition(db, base, id, { action: 'approve', version: 3 }, opts());
    expect(approved.status).toBe('approved');
    const city = people['demo-officer-city'];
    expect(await codeOf(flow.transition(db, city, id, { action: 'pay', version: 4 }, opts()))).toBe(
      'AMOUNT_INVALID',
    );
    expect(await stack.db.collection('aidLedger').countDocuments({ caseId: doc._id })).toBe(0);
    const paid = await flow.transition(
      db,
      city,
      id,
      { action: 'pay', version: 4, amountFen: 50_000 },
      opts(),
    );
    expect(paid).toMatchObject({ status: 'paid', open: false, version: 5 });
    const ledger = await stack.db.collection('aidLedger').find({ caseId: doc._id }).toArray();
    expect(ledger.map((l) => [l.program, l.amountFen, l.kind])).toEqual([['trial', 50_000, 'trial']]);
    const kit = caseViewKit(table, { case: program.snapshot(paid), doc: paid }, worker(), new Date());
    expect(kit.history.map((h) => h.actionText)).toEqual(['提交', '退回', '重新提交', '基层通过', '发放']);
    expect(kit.history[1]).toMatchObject({ by: '江城机械厂工会', level: '基层', comment: '补一张照片' });
  });

  it('refuses an officer of another subtree, a stranger and a stale version, changing nothing', async () => {
    const doc = await flow.create(db, worker(), await draftFor(worker()), 'submit', opts());
    const id = doc._id.toHexString();
    const approve = (who: Caller, version = 1) =>
      flow.transition(db, who, id, { action: 'approve', version }, opts());
    expect(await codeOf(approve(people['kit-town-elsewhere']))).toBe('NOT_FOUND');
    expect(await codeOf(approve(people['demo-worker-2']))).toBe('NOT_FOUND');
    expect(await codeOf(flow.loadReadable(db, people['demo-worker-2'], id))).toBe('NOT_FOUND');
    expect(await codeOf(approve(people['demo-officer-city']))).toBe('NOT_YOUR_LEVEL');
    expect(await codeOf(approve(people['demo-officer-base'], 7))).toBe('VERSION_CONFLICT');
    expect((await store.find(db, id))!.version).toBe(1);
    expect(await stack.db.collection('auditLog').countDocuments({ entityId: id })).toBe(1);
  });

  it('lets the owner edit only where its table says so, refusing in its own words', async () => {
    const draft = await flow.create(db, worker(), await draftFor(worker()), null, opts());
    const id = draft._id.toHexString();
    expect(await stack.db.collection('auditLog').findOne({ entityId: id })).toMatchObject({
      action: 'trial.draft_created',
    });
    const edited = await flow.edit(db, worker(), { id, version: 1 }, async () => ({ note: '改过' }), opts());
    expect(edited).toMatchObject({ note: '改过', version: 2 });
    await flow.transition(db, worker(), id, { action: 'submit', version: 2 }, opts());
    try {
      await flow.edit(db, worker(), { id, version: 3 }, async () => ({ note: '再改' }), opts());
      throw new Error('edited');
    } catch (e) {
      expect(e).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', message: '试点申请已提交，不能再改' });
    }
  });

  it('offers what its table says each caller may do, with what each needs', async () => {
    const doc = await flow.create(db, worker(), await draftFor(worker()), 'submit', opts());
    const base = caseViewKit(
      table,
      { case: program.snapshot(doc), doc },
      people['demo-officer-base'],
      new Date(),
    );
    expect(base.offers.map((o) => [o.action, o.label, o.needs.map((x) => `${x.need}:${x.label}`)])).toEqual([
      // the amount its table gives may be changed (with a reason), so it is offered, starting from 500 元
      ['approve', '基层通过', ['comment:意见', 'amount:金额（元）']],
      ['return', '退回', ['comment:意见']],
    ]);
    const city = caseViewKit(
      table,
      { case: program.snapshot(doc), doc },
      people['demo-officer-city'],
      new Date(),
    );
    expect([city.offers, city.readOnlyReason]).toEqual([[], '在基层办理']);
    expect(base.timeline.map((t) => t.label)).toEqual(['提交', '基层审核', '发放']);
  });
});

describe('what every program gets from the kit (issue 10)', () => {
  const base = () => people['demo-officer-base'];
  const city = () => people['demo-officer-city'];
  const submitted = async () =>
    (await flow.create(db, worker(), await draftFor(worker()), 'submit', opts()))._id.toHexString();

  it('fixes the approved amount from the program’s default unless the approver gives another with a reason, both audited', async () => {
    const standard = await submitted();
    const approved = await flow.transition(db, base(), standard, { action: 'approve', version: 1 }, opts());
    expect(approved.approvedAmount).toMatchObject({
      fen: 50_000,
      defaultFen: 50_000,
      reason: null,
      level: 'base',
    });
    const other = await submitted();
    const noReason = flow.transition(
      db,
      base(),
      other,
      { action: 'approve', version: 1, amountFen: 80_000 },
      opts(),
    );
    expect(await codeOf(noReason)).toBe('AMOUNT_REASON_REQUIRED');
    const overridden = await flow.transition(
      db,
      base(),
      other,
      { action: 'approve', version: 1, amountFen: 80_000, comment: '家中两个孩子上学' },
      opts(),
    );
    expect(overridden.approvedAmount).toMatchObject({
      fen: 80_000,
      defaultFen: 50_000,
      reason: '家中两个孩子上学',
    });
    const audit = await stack.db.collection('auditLog').findOne({ entityId: other, action: 'trial.approve' });
    expect(audit!.data).toMatchObject({
      approvedFen: 80_000,
      defaultFen: 50_000,
      comment: '家中两个孩子上学',
    });
  });

  it('keeps every ledger side effect within the approved amount, whatever the program’s own rules', async () => {
    const id = await submitted();
    await flow.transition(db, base(), id, { action: 'approve', version: 1 }, opts());
    const over = flow.transition(db, city(), id, { action: 'pay', version: 2, amountFen: 50_001 }, opts());
    expect(await codeOf(over)).toBe('PAYMENT_OVER_APPROVED');
    expect(await stack.db.collection('aidLedger').countDocuments({ caseId: new ObjectId(id) })).toBe(0);
    const paid = await flow.transition(
      db,
      city(),
      id,
      { action: 'pay', version: 2, amountFen: 50_000 },
      opts(),
    );
    expect(paid).toMatchObject({ status: 'paid', paidFen: 50_000 });
  });

  it('keeps a draft from officers and the owner’s edits after a return apart until resubmitted', async () => {
    const draft = await flow.create(db, worker(), await draftFor(worker()), null, opts());
    expect(await codeOf(flow.loadReadable(db, base(), draft._id.toHexString()))).toBe('NOT_FOUND');
    const id = await submitted();
    await flow.transition(db, base(), id, { action: 'return', version: 1, comment: '补一张照片' }, opts());
    const edited = await flow.edit(
      db,
      worker(),
      { id, version: 2 },
      async () => ({ note: '补好了' }),
      opts(),
    );
    expect(edited.note).toBe('补好了');
    expect((await flow.loadReadable(db, base(), id)).note).toBe('初稿');
    await flow.transition(db, worker(), id, { action: 'resubmit', version: 3 }, opts());
    const after = await flow.loadReadable(db, base(), id);
    expect(after).toMatchObject({ note: '补好了', status: 'submitted' });
    expect(after.unsubmitted).toBeUndefined();
  });

  it('copies the applicant’s identity when the owner first submits a saved draft', async () => {
    const draft = await flow.create(
      db,
      worker(),
      { ...(await draftFor(worker())), applicantName: '旧名字' },
      null,
      opts(),
    );
    const id = draft._id.toHexString();
    const sent = await flow.transition(db, worker(), id, { action: 'submit', version: 1 }, opts());
    expect(sent.applicantName).toBe(worker().name);
    expect(sent.applicantIdNumberMasked).toMatch(/^\d{3}\*+\d{3}[\dX]$/);
    expect(sent.submittedAt).toBeInstanceOf(Date);
  });
});
