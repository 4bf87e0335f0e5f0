/**
 * Objections cannot be flooded (issue 10, item 4): only members with a real-name profile may
 * object; a member has at most one open objection per case, and a few a day in all (a quota in
 * MongoDB, shared by every function instance); attached files must be the objector's own uploads.
 * A refused objection changes nothing on the case (its version, which filing needs, included).
 */
import { startStack, type Stack } from '../support/api-stack';
import { aidJourney } from '../support/aid-journey';
import { oid } from '../support/people';
import { sampleJpeg } from '../support/sample-files';

let stack: Stack;
let aid: ReturnType<typeof aidJourney>;
beforeAll(async () => {
  stack = await startStack({ env: { OBJECTION_DAILY_COUNT: '3' } });
  aid = aidJourney(stack, 'objections');
  await aid.signIn();
});
afterAll(() => stack.stop());

const TEXT = '该户家里新买了汽车，情况可能不实。';
const object = (token: string, id: string, body: Record<string, unknown> = { text: TEXT }, key?: string) =>
  stack.call('POST', `/api/aid/cases/${id}/objections`, {
    token,
    body,
    headers: key ? { 'idempotency-key': key } : {},
  });
const onNotice = async () => {
  const id = await aid.apply(await aid.worker());
  await aid.toPublicity(id);
  return id;
};
const stored = (id: string) => stack.db.collection('aidCases').findOne({ _id: oid(id) });
const upload = async (token: string) =>
  (
    await stack.call('POST', '/api/files', {
      token,
      rawBody: new Uint8Array(sampleJpeg()),
      headers: { 'content-type': 'image/jpeg' },
    })
  ).body.id as string;

describe('an objection during 公示', () => {
  it('is taken only from a member with a real-name profile, and a refusal changes nothing', async () => {
    const id = await onNotice();
    const before = await stored(id);
    const fresh = await stack.login('objections-no-profile');
    const r = await object(fresh, id);
    expect([r.status, r.body.error.code]).toEqual([400, 'PROFILE_INCOMPLETE']);
    expect(await stored(id)).toEqual(before);
    expect(
      await stack.db.collection('quotas').countDocuments({ _id: { $regex: '^objections:' } as never }),
    ).toBe(0);
  });

  it('is one open objection per member and case; another only once it is decided', async () => {
    const id = await onNotice();
    const neighbour = await aid.worker();
    const first = await object(neighbour, id);
    expect(first.status).toBe(201);
    const version = (await stored(id))!.version;
    const second = await object(neighbour, id, { text: '再说一次：该户新买了汽车。' });
    expect([second.status, second.body.error.code]).toEqual([409, 'OBJECTION_ALREADY_OPEN']);
    expect((await stored(id))!.version).toBe(version);
    await aid.step(aid.officers.city, id, 'dismiss_objection', { objectionId: first.body.id });
    expect((await object(neighbour, id, { text: '车辆登记在户主名下，请再核实。' })).status).toBe(201);
    const objections = (await stored(id))!.objections;
    expect(objections.map((o: { status: string }) => o.status)).toEqual(['dismissed', 'open']);
    // who objected is kept for the reviewers, never shown on the case
    expect(JSON.stringify(await aid.view(aid.officers.city, id))).not.toContain(objections[0].objectorId);
  });

  it('is limited to a few a day per member across all cases, counted in MongoDB', async () => {
    const cases = [await onNotice(), await onNotice(), await onNotice(), await onNotice()];
    const busybody = await aid.worker();
    for (const id of cases.slice(0, 3)) expect((await object(busybody, id)).status).toBe(201);
    const fourth = await object(busybody, cases[3]);
    expect([fourth.status, fourth.body.error.code]).toEqual([429, 'OBJECTION_DAILY_LIMIT']);
    expect((await stored(cases[3]))!.objections).toEqual([]);
    const quota = await stack.db
      .collection('quotas')
      .findOne({ _id: { $regex: '^objections:' } as never, count: 3 });
    expect(quota).not.toBeNull();
    // another member is not held back by it
    expect((await object(await aid.worker(), cases[3])).status).toBe(201);
  });

  it('takes attached files only when they are the objector’s own uploads', async () => {
    const id = await onNotice();
    const objector = await aid.worker();
    const someoneElse = await upload(await aid.worker());
    const before = await stored(id);
    for (const fileIds of [[someoneElse], ['0123456789abcdef01234567']]) {
      const r = await object(objector, id, { text: TEXT, fileIds });
      expect([r.status, r.body.error.code]).toEqual([400, 'ATTACHMENT_NOT_OWN']);
    }
    expect(await stored(id)).toEqual(before);
    const own = await upload(objector);
    expect((await object(objector, id, { text: TEXT, fileIds: [own] })).status).toBe(201);
    const file = await fetch(`${stack.url}/api/files/${own}`, {
      headers: { authorization: `Bearer ${aid.officers.city}` },
    });
    expect(file.status).toBe(200);
  });

  it('is filed once when the same request comes twice with one key', async () => {
    const id = await onNotice();
    const objector = await aid.worker();
    const a = await object(objector, id, { text: TEXT }, 'objection-twice-0001');
    const b = await object(objector, id, { text: TEXT }, 'objection-twice-0001');
    expect([a.status, b.status, b.body.id]).toEqual([201, 201, a.body.id]);
    expect((await stored(id))!.objections).toHaveLength(1);
  });

  it('is not taken on a case that is not on notice, as if there were none', async () => {
    const id = await aid.apply(await aid.worker());
    const r = await object(await aid.worker(), id);
    expect([r.status, r.body.error.code]).toEqual([404, 'NOT_FOUND']);
  });
});
