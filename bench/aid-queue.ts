/**
 * The officer queue (first page, filtered: my level's statuses, my subtree, one category,
 * newest first) with 100k aid cases in the database, through the real repository code on
 * devdb over the wire; p50/p99 latency with the `queue` index and after dropping it.
 */
import { performance } from 'node:perf_hooks';
import type { Db } from 'mongodb';
import { aidCases, QUEUE_PROJECTION, type AidCaseDoc } from '../cloud/core/aid/repository';
import { newCaseBase } from '../cloud/core/workflow/case-store';
import type { OfficerScope } from '../cloud/platform/auth/org-scope';
import { SEED_ORGS } from '../cloud/dev/seed-data';
import { percentile } from './report';

const STATUSES = [
  'submitted',
  'base_review',
  'town_review',
  'city_approval',
  'publicity',
  'filed',
  'paid',
  'rejected',
];
const CATEGORIES = ['deep', 'relative', 'accident', null];
/** the 基层 officer of 江城机械厂工会 (as org-scope.ts would make it for them) */
const BASE_OFFICER = { orgId: 'c1d1t1b1', level: 'base' } as OfficerScope;

function fakeCase(i: number, bases: typeof SEED_ORGS): AidCaseDoc {
  const org = bases[i % bases.length];
  const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000);
  const identity = {
    applicantId: `m${i}`,
    applicantName: `职工${i}`,
    applicantIdNumberMasked: null,
    applicantIdNumberEnc: null,
    orgId: org.id,
    orgName: org.name,
    orgPath: [...org.path],
  };
  return {
    ...newCaseBase(identity, 'draft', at),
    regionCode: org.regionCode ?? null,
    status: STATUSES[(i >> 3) % STATUSES.length], // every org has cases in every state
    version: 3,
    open: false,
    form: {
      householdSize: 3,
      annualIncomeFen: 3_000_000,
      rigidExpenseFen: 600_000,
      mainCause: 'illness',
      secondaryCauses: [],
      description: '情况说明',
      householdMembers: [],
      bankAccountEnc: null,
      bankAccountMasked: null,
      evidenceFileIds: [],
    },
    assessment: {
      perCapitaMonthlyFen: 66_666,
      suggestedCategory: 'deep',
      reason: '',
      dibaoMonthlyFen: 125_000,
      year: 2026,
    },
    category: CATEGORIES[(i >> 6) % CATEGORIES.length],
    visit: null,
    payments: [],
    submittedAt: at,
    reviewDueAt: null,
  };
}

async function timeQueries(db: Db, runs: number): Promise<{ p50: number; p99: number; items: number }> {
  const times: number[] = [];
  let items = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const page = await aidCases.queuePage(
      db,
      BASE_OFFICER,
      {
        statuses: ['submitted', 'base_review'],
        match: { category: 'deep' },
        page: 1,
        pageSize: 20,
      },
      QUEUE_PROJECTION,
    );
    times.push(performance.now() - t0);
    items = page.items.length;
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), items };
}

export async function measureAidQueue(db: Db, opts: { cases: number; runs: number }) {
  const bases = SEED_ORGS.filter((o) => o.level === 'base');
  const coll = db.collection<AidCaseDoc>('aidCases');
  await coll.createIndex({ status: 1, orgPath: 1, submittedAt: -1 }, { name: 'queue' });
  for (let i = 0; i < opts.cases; i += 1000) {
    await coll.insertMany(
      Array.from({ length: Math.min(1000, opts.cases - i) }, (_, k) => fakeCase(i + k, bases)),
    );
  }
  await timeQueries(db, 10); // warm up
  const indexed = await timeQueries(db, opts.runs);
  await coll.dropIndex('queue');
  await timeQueries(db, 3);
  const scan = await timeQueries(db, opts.runs);
  if (indexed.items !== scan.items) throw new Error('the two plans returned different pages');
  return { indexed, scan, ratioP50: scan.p50 / indexed.p50, cases: opts.cases, runs: opts.runs };
}
