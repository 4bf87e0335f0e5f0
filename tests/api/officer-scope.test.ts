/**
 * One scoping helper serves every officer query (cloud/platform/auth/org-scope.ts), and this
 * proves it by watching the driver: every list or count that an officer's request sends to a
 * collection of org-owned records (documents with `orgPath`) must carry the officer's subtree in
 * its filter, as `scopeFilter` writes it. The requests are every GET route of every function,
 * read from the registry, plain and with the kit's `queue` and `mine` flags, so a new program's
 * officer lists are checked as soon as they exist. Not lists: a point read by `_id` (each such
 * document is checked on its own `orgPath`) and the member's own records (keyed by their id).
 */
import { Collection, type Document } from 'mongodb';
import { FUNCTIONS } from '../../cloud/functions/registry';
import { routesOf } from '../../cloud/platform/http/create-app';
import { startStack, type Stack } from '../support/api-stack';
import { officerOf, registeredWorker } from '../support/people';
import { makeCompetition, newNonce, registerFor } from '../support/competitions';
import { childApplication } from '../support/children';

/** Lists every member may read across all orgs, on purpose. */
const PUBLIC_BY_DESIGN: Record<string, string> = {
  'GET /api/aid/publicity': '公示 is published to every member (names masked) so anyone may object',
  'GET /api/competitions/:id/offline-pack':
    'the door admits every entry: ids, short codes and check-ins of all of them, no personal data',
  'GET /api/competitions/:id/results': 'ranks need every entry of an event; names outside the subtree masked',
  'GET /api/bursary/publicity': '公示 of 金秋助学 grants is published to every member, names masked',
};

const OFFICER_ORG = 'c1d1t2'; // 桥西街道: a 街道 with a sibling, so an unscoped list would show more
const WATCHED = [
  'find',
  'findOne',
  'countDocuments',
  'aggregate',
  'distinct',
  'estimatedDocumentCount',
] as const;

let stack: Stack;
let officer: string;
let officerId: string;
let orgOwned: string[];
/** a competition organised by 东湖区 (above the officer), with an entry on each side of the border */
const competition = { id: '', registrationId: '' };
beforeAll(async () => {
  stack = await startStack();
  officer = await officerOf(stack, 'scope-watch-officer', OFFICER_ORG);
  officerId = (await stack.db
    .collection('members')
    .findOne({ openid: 'scope-watch-officer' }))!._id.toHexString();
  // a case on each side of the officer's border, so every case collection exists and holds both
  for (const [openid, org] of [
    ['scope-watch-inside', 'c1d1t2b1'],
    ['scope-watch-outside', 'c1d1t1b1'],
  ]) {
    const token = await registeredWorker(stack, openid, org);
    const r = await stack.call('POST', '/api/aid/cases', {
      token,
      body: {
        householdSize: 2,
        annualIncomeFen: 1_200_000,
        rigidExpenseFen: 0,
        mainCause: 'illness',
        description: '丈夫住院，只有我一份收入。',
        submit: true,
      },
    });
    expect(r.status).toBe(201);
    const child = await stack.call('POST', '/api/bursary/applications', { token, body: childApplication() });
    expect(child.status).toBe(201);
  }
  const district = await officerOf(stack, 'scope-watch-district', 'c1d1');
  const c = await makeCompetition(stack, district);
  competition.id = c.id;
  for (const [openid, org] of [
    ['scope-watch-entrant-inside', 'c1d1t2b1'],
    ['scope-watch-entrant-outside', 'c1d1t1b1'],
  ]) {
    const reg = await registerFor(stack, await registeredWorker(stack, openid, org), c.id, c.events[0].id);
    expect(reg.status).toBe(201);
    competition.registrationId = reg.body.id;
    const scanned = await stack.call('POST', `/api/competitions/${c.id}/checkins`, {
      token: district,
      body: { ticket: reg.body.ticket.ticket, list: 'entry', nonce: newNonce() },
    });
    expect(scanned.body.result).toBe('checked_in');
  }
  const names = (await stack.db.listCollections().toArray()).map((c) => c.name);
  const owned = await Promise.all(
    names.map(async (n) =>
      (await stack.db.collection(n).findOne({ orgPath: { $exists: true } })) ? n : null,
    ),
  );
  orgOwned = owned.filter((n): n is string => n !== null);
});
afterAll(() => stack.stop());

interface Query {
  collection: string;
  method: string;
  filter: Document;
}

/** Runs `work` with every read the driver is asked for recorded. */
async function watching(work: () => Promise<unknown>): Promise<Query[]> {
  const seen: Query[] = [];
  const spies = WATCHED.map((method) => {
    const original = Collection.prototype[method] as (...a: unknown[]) => unknown;
    return jest.spyOn(Collection.prototype, method).mockImplementation(function (this: Collection, ...args) {
      // an aggregation is judged by the $match it starts with (countDocuments sends one too)
      const first = args[0] as Document | Document[] | undefined;
      const filter = Array.isArray(first) ? (first[0]?.$match ?? {}) : (first ?? {});
      seen.push({ collection: this.collectionName, method, filter });
      return original.apply(this, args) as never;
    });
  });
  try {
    await work();
  } finally {
    for (const s of spies) s.mockRestore();
  }
  return seen;
}

const isScoped = (f: Document) =>
  f.orgPath === OFFICER_ORG || (Array.isArray(f.orgPath?.$all) && f.orgPath.$all.includes(OFFICER_ORG));
const isPointRead = (f: Document) => '_id' in f;
const isOwn = (f: Document) => Object.values(f).some((v) => String(v) === officerId);

const GETS = FUNCTIONS.flatMap(({ name, createApp }) =>
  routesOf(createApp())
    .filter((r) => r.method === 'get')
    .flatMap((r) => {
      const path = `/api/${name}${r.path === '/' ? '' : r.path}`;
      const label = `GET /api/${name}${r.path}`;
      const named = [{ label, url: () => path.replace(/:\w+/g, '000000000000000000000000') }];
      // competitions' routes also with a real competition and entry, so their lists really run
      if (name === 'competitions' && r.path.includes(':id'))
        named.push({
          label: `${label} (a real one)`,
          url: () => path.replace(':id', competition.id).replace(':rid', competition.registrationId),
        });
      return named;
    }),
);

describe('officer queries', () => {
  it('finds the case collections among the org-owned ones', () => {
    expect(orgOwned).toEqual(
      expect.arrayContaining([
        'aidCases',
        'bursaryApplications',
        'members',
        'competitions',
        'competitionRegistrations',
        'competitionCheckins',
      ]),
    );
  });

  it.each(GETS.map((g) => [g.label, g.url] as const))(
    'carry the officer subtree on every list and count behind %s',
    async (label, url) => {
      const unscoped: string[] = [];
      for (const flags of ['', '?queue=1', '?mine=1']) {
        const queries = await watching(() => stack.call('GET', url() + flags, { token: officer }));
        for (const q of queries) {
          if (!orgOwned.includes(q.collection) || PUBLIC_BY_DESIGN[label.replace(' (a real one)', '')])
            continue;
          if (isScoped(q.filter) || isPointRead(q.filter) || isOwn(q.filter)) continue;
          unscoped.push(`${flags || '(plain)'}: ${q.collection}.${q.method}(${JSON.stringify(q.filter)})`);
        }
      }
      expect(unscoped).toEqual([]);
    },
  );

  it('are really made: the queues, the workbench and the 年审 list each send a scoped query', async () => {
    for (const [url, collection] of [
      ['/api/aid/cases?queue=1', 'aidCases'],
      ['/api/members/officer/home', 'aidCases'],
      ['/api/aid/reviews-due', 'aidCases'],
      ['/api/bursary/applications?queue=1', 'bursaryApplications'],
      ['/api/members/officer/home', 'bursaryApplications'],
    ]) {
      const queries = await watching(() => stack.call('GET', url, { token: officer }));
      expect(queries.filter((q) => q.collection === collection && isScoped(q.filter))).not.toEqual([]);
    }
    const entries = await watching(() =>
      stack.call('GET', `/api/competitions/${competition.id}/registrations`, { token: officer }),
    );
    expect(
      entries.filter((q) => q.collection === 'competitionRegistrations' && isScoped(q.filter)),
    ).not.toEqual([]);
    const managed = await watching(() => stack.call('GET', '/api/competitions?manage=1', { token: officer }));
    expect(managed.filter((q) => q.collection === 'competitions' && isScoped(q.filter))).not.toEqual([]);
  });

  it('show the officer only what lies in their subtree', async () => {
    const queue = await stack.call('GET', '/api/aid/cases?queue=1', {
      token: await officerOf(stack, 'scope-watch-base', 'c1d1t2b1'),
    });
    expect(queue.body.items.map((i: { applicantName: string; orgName: string }) => i.orgName)).not.toEqual(
      [],
    );
    const outside = await stack.db.collection('aidCases').findOne({ orgPath: 'c1d1t1b1' });
    expect(queue.body.items.map((i: { id: string }) => i.id)).not.toContain(outside!._id.toHexString());
  });
});
