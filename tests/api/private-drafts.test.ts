/**
 * What a worker has not submitted is theirs alone (issue 10, item 2): no officer can read, act on,
 * reveal or open the evidence of a draft, nor see what the worker typed after a return until it
 * is resubmitted; every such try answers exactly as a case that does not exist, so ids (close to
 * sequential ObjectIds) cannot be enumerated. A reveal works only where the officer's level
 * needs the value at the case's state. Out-of-scope cases answer alike too (item 7).
 */
import { ObjectId } from 'mongodb';
import { startStack, type Stack } from '../support/api-stack';
import { aidJourney } from '../support/aid-journey';
import { officerOf } from '../support/people';
import { sampleJpeg } from '../support/sample-files';

let stack: Stack;
let aid: ReturnType<typeof aidJourney>;
let otherTown: string;
beforeAll(async () => {
  stack = await startStack();
  aid = aidJourney(stack, 'private');
  await aid.signIn();
  otherTown = await officerOf(stack, 'private-other-town', 'c1d1t2');
});
afterAll(() => stack.stop());

const upload = async (token: string) => {
  const r = await stack.call('POST', '/api/files', {
    token,
    rawBody: new Uint8Array(sampleJpeg()),
    headers: { 'content-type': 'image/jpeg' },
  });
  expect(r.status).toBe(201);
  return r.body.id as string;
};

/** The status of reading a file (its bytes are no JSON). */
const fileStatus = async (token: string, id: string) =>
  (await fetch(`${stack.url}/api/files/${id}`, { headers: { authorization: `Bearer ${token}` } })).status;

/** Every way an officer might reach a case, as [label, status, error body]. */
async function reach(token: string, id: string) {
  const calls: [string, string, unknown?][] = [
    ['GET', `/api/aid/cases/${id}`],
    [
      'POST',
      `/api/aid/cases/${id}/transitions`,
      { action: 'record_visit', version: 1, visit: { date: '2026-11-20', findings: '入户看过' } },
    ],
    ['POST', `/api/aid/cases/${id}/reveal`, { field: 'idNumber', purpose: 'verify_identity' }],
    ['POST', `/api/aid/cases/${id}/reveal`, { field: 'bankAccount', purpose: 'payment' }],
    ['POST', `/api/aid/cases/${id}/payments`, { amountFen: 100, kind: 'living', version: 1 }],
  ];
  const out: [string, number, unknown][] = [];
  for (const [method, path, body] of calls) {
    const r = await stack.call(method, path, { token, body });
    out.push([
      `${method} ${path.replace(id, ':id')}${body && 'field' in (body as object) ? ` ${(body as { field: string }).field}` : ''}`,
      r.status,
      r.body,
    ]);
  }
  return out;
}

describe('a draft', () => {
  it('is out of every officer’s reach: reading, acting, revealing and its evidence answer as for no case', async () => {
    const token = await aid.worker();
    const photo = await upload(token);
    const id = await aid.apply(
      token,
      { description: '丈夫确诊肺癌，正在住院化疗。', evidenceFileIds: [photo] },
      false,
    );
    const nothing = await reach(aid.officers.base, new ObjectId().toHexString());
    const auditBefore = await stack.db.collection('auditLog').countDocuments();
    for (const officer of [aid.officers.base, aid.officers.town, aid.officers.city, otherTown]) {
      expect(await reach(officer, id)).toEqual(nothing);
      expect(await fileStatus(officer, photo)).toBe(404);
    }
    expect(nothing.every(([, status]) => status === 404)).toBe(true);
    expect(await stack.db.collection('auditLog').countDocuments()).toBe(auditBefore);
    const queue = await stack.call('GET', '/api/aid/cases?queue=1', { token: aid.officers.base });
    expect(queue.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    // its owner reads it as ever
    expect((await aid.view(token, id)).form.description).toContain('肺癌');
  });

  it('stays hidden when withdrawn without ever being submitted', async () => {
    const token = await aid.worker();
    const id = await aid.apply(token, {}, false);
    await aid.step(token, id, 'withdraw');
    const r = await stack.call('GET', `/api/aid/cases/${id}`, { token: aid.officers.base });
    expect([r.status, r.body.error.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('yields nothing to an officer who walks the ids around a case they may read', async () => {
    const known = await aid.apply(await aid.worker());
    const drafts: string[] = [];
    for (let i = 0; i < 3; i++) drafts.push(await aid.apply(await aid.worker(), {}, false));
    const submittedLater = await aid.apply(await aid.worker());
    // ObjectIds of one process: 4 bytes of seconds, 5 bytes the same, 3 counting up. The walk
    // takes the next 100 counts in the case's second and the two after (the cases above may be
    // made across a second's turn)
    const hex = new ObjectId(known).toHexString();
    const second = parseInt(hex.slice(0, 8), 16);
    const counter = parseInt(hex.slice(18), 16);
    const probed = new Map<string, number>();
    for (let s = 0; s <= 2; s++) {
      for (let i = 1; i <= 100; i++) {
        const id =
          (second + s).toString(16).padStart(8, '0') +
          hex.slice(8, 18) +
          (counter + i).toString(16).padStart(6, '0');
        probed.set(
          id,
          (await stack.call('GET', `/api/aid/cases/${id}`, { token: aid.officers.base })).status,
        );
      }
    }
    for (const d of drafts) expect([d, probed.get(d)]).toEqual([d, 404]);
    expect(probed.get(submittedLater)).toBe(200); // the walk reached past the drafts
    const found = [...probed].filter(([, s]) => s === 200).map(([id]) => id);
    expect(found.some((f) => drafts.includes(f))).toBe(false);
  });
});

describe('a returned case', () => {
  it('shows officers what was submitted, never what the worker typed since, until it is resubmitted', async () => {
    const token = await aid.worker();
    const id = await aid.apply(token);
    await aid.toTown(id);
    await aid.step(aid.officers.town, id, 'return', { comment: '请补充诊断证明' });
    const photo = await upload(token);
    const { version } = await aid.view(token, id);
    const put = await stack.call('PUT', `/api/aid/cases/${id}`, {
      token,
      body: {
        version,
        description: '丈夫确诊肺癌，化疗费用每月八千元。',
        bankAccount: '6222020000000004567',
        evidenceFileIds: [photo],
      },
    });
    expect(put.status).toBe(200);
    for (const officer of [aid.officers.base, aid.officers.town, aid.officers.city]) {
      const seen = await aid.view(officer, id);
      expect(seen.form.description).toBe('丈夫患病住院，孩子上学，家里只有我一份收入。');
      expect(seen.form.bankAccountMasked).toBe('6222 **** **** 0123');
      expect(seen.form.evidenceFileIds).toEqual([]);
      expect(seen.changes).toEqual([]);
      expect(JSON.stringify(seen)).not.toContain('肺癌');
      expect(await fileStatus(officer, photo)).toBe(404);
    }
    expect(
      JSON.stringify((await stack.call('GET', '/api/aid/cases?queue=1', { token: aid.officers.town })).body),
    ).not.toContain('肺癌');
    // resubmitted: now it is the application
    expect((await aid.act(token, id, 'resubmit')).status).toBe(200);
    expect((await aid.view(aid.officers.town, id)).form.description).toContain('肺癌');
    expect(await fileStatus(aid.officers.town, photo)).toBe(200);
  });
});

describe('a reveal', () => {
  const reveal = (token: string, id: string, field: string, purpose = 'verify_identity') =>
    stack.call('POST', `/api/aid/cases/${id}/reveal`, { token, body: { field, purpose } });
  const codeOf = async (p: ReturnType<typeof reveal>) => {
    const r = await p;
    return r.status === 200 ? 'ok' : r.body.error.code;
  };

  it('works only in a state where the officer’s level needs the value', async () => {
    const token = await aid.worker();
    const id = await aid.apply(token);
    const { base, town, city } = aid.officers;
    // submitted: the 基层 checks identity; the card only at its home visit (the view says which)
    expect((await aid.view(base, id)).revealable).toEqual(['idNumber']);
    expect((await aid.view(town, id)).revealable).toEqual([]);
    expect(await codeOf(reveal(base, id, 'idNumber'))).toBe('ok');
    expect(await codeOf(reveal(base, id, 'bankAccount'))).toBe('REVEAL_NOT_NEEDED');
    expect(await codeOf(reveal(town, id, 'idNumber'))).toBe('REVEAL_NOT_NEEDED');
    expect(await codeOf(reveal(city, id, 'idNumber'))).toBe('REVEAL_NOT_NEEDED');
    await aid.step(base, id, 'record_visit', {
      visit: { date: '2026-11-20', findings: '入户核实，情况属实。' },
    });
    expect(await codeOf(reveal(base, id, 'bankAccount', 'home_visit'))).toBe('ok');
    await aid.step(base, id, 'approve');
    expect(await codeOf(reveal(base, id, 'idNumber'))).toBe('REVEAL_NOT_NEEDED');
    expect(await codeOf(reveal(town, id, 'idNumber'))).toBe('ok');
    expect(await codeOf(reveal(town, id, 'bankAccount'))).toBe('REVEAL_NOT_NEEDED');
    await aid.step(town, id, 'approve');
    await aid.step(city, id, 'approve', { category: 'deep', amountFen: 300_000 });
    await aid.step(city, id, 'file');
    expect(await codeOf(reveal(city, id, 'bankAccount', 'payment'))).toBe('ok');
    expect(await codeOf(reveal(town, id, 'bankAccount', 'payment'))).toBe('REVEAL_NOT_NEEDED');
    expect(await codeOf(reveal(otherTown, id, 'bankAccount', 'payment'))).toBe('NOT_FOUND');
    expect(
      await stack.db.collection('auditLog').countDocuments({ action: 'pii.revealed', entityId: id }),
    ).toBe(4);
  });
});
