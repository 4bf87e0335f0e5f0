/**
 * Demo data of the review programs, made through the programs' own use cases (so it carries the
 * history, audit entries and messages real use leaves): a hardship-aid case on file (建档) for
 * 钱桂芳 (demo-worker-6), walked by the demo officers of her chain, and this year's 金秋助学
 * campaign of 江城市总工会, open today, with the published example table (on file 5000 元 for
 * higher education / 3000 元 for high school; not on file 4000 / 2000) and 0 days of 公示 so the
 * demo reaches payment at once. The use cases run on the platform's database: their
 * transactions use its client, so the seed must not hand them another client's `Db`.
 */
import type { Db } from 'mongodb';
import { DEFAULT_EXCLUSIONS, DEFAULT_MATERIALS, type GroupAmounts } from '../../src/contracts/bursary';
import type { AppConfig } from '../platform/config/config';
import { callerOf } from './seed-caller';
import { piiCipherFor } from '../platform/crypto/pii';
import { chinaDayOf, chinaYearOf } from '../platform/time/china-day';
import { createCase, transitionCase } from '../core/aid/service';
import { createCampaign } from '../core/bursary/campaigns';
import { getDb } from '../platform/db/client';

const DAY_MS = 86_400_000;

/** 钱桂芳's household: filed (建档) after the whole review, as the officers would have done it. */
async function seedFiledAidCase(db: Db, config: AppConfig): Promise<void> {
  const worker = await callerOf(db, 'demo-worker-6');
  const [base, town, city] = await Promise.all(
    ['demo-officer-base', 'demo-officer-town', 'demo-officer-city'].map((o) => callerOf(db, o)),
  );
  const created = await createCase(
    db,
    piiCipherFor(config.piiKey),
    worker,
    {
      householdSize: 3,
      annualIncomeFen: 2_600_000,
      rigidExpenseFen: 900_000,
      mainCause: 'illness',
      secondaryCauses: ['schooling'],
      description: '丈夫患尿毒症长期透析，女儿上大学，家里靠我在厂里的工资生活。',
      bankAccount: '6217002345678901234',
      submit: true,
    },
    'seed',
  );
  const opts = { publicityDays: 0, requestId: 'seed' };
  let version = created.version;
  const steps: [typeof base, string, Record<string, unknown>][] = [
    [
      base,
      'record_visit',
      { visit: { date: chinaDayOf(new Date()), findings: '入户核实：丈夫透析，情况属实。' } },
    ],
    [base, 'approve', {}],
    [town, 'approve', {}],
    // the yearly amount the 区/市 fixes: 4 000 元
    [city, 'approve', { category: 'relative', amountFen: 400_000 }],
    [city, 'file', {}],
  ];
  for (const [who, action, extra] of steps) {
    const view = await transitionCase(db, who, created.id, { action, version, ...extra } as never, opts);
    version = view.version;
  }
}

const higherEd = (onFile: number, notOnFile: number): GroupAmounts => ({
  on_file: onFile,
  newly_filed: onFile,
  temporary: notOnFile,
});

/** This year's campaign of 江城市总工会, its window around today. */
async function seedOpenCampaign(db: Db): Promise<void> {
  const city = await callerOf(db, 'demo-officer-city');
  const now = new Date();
  const year = chinaYearOf(now);
  const clamp = (at: Date) => {
    const day = chinaDayOf(at);
    return day < `${year}-01-01` ? `${year}-01-01` : day > `${year}-12-31` ? `${year}-12-31` : day;
  };
  await createCampaign(
    db,
    city,
    {
      year,
      opensOn: clamp(new Date(now.getTime() - 30 * DAY_MS)),
      closesOn: clamp(new Date(now.getTime() + 60 * DAY_MS)),
      levels: ['postgraduate', 'undergraduate', 'vocational_college', 'high_school'],
      amounts: {
        postgraduate: higherEd(500_000, 400_000),
        undergraduate: higherEd(500_000, 400_000),
        vocational_college: higherEd(500_000, 400_000),
        high_school: higherEd(300_000, 200_000),
      },
      exclusions: DEFAULT_EXCLUSIONS,
      materials: DEFAULT_MATERIALS,
      publicityDays: 0,
    },
    'seed',
  );
}

export async function seedPrograms(config: AppConfig): Promise<void> {
  const db = await getDb();
  await seedFiledAidCase(db, config);
  await seedOpenCampaign(db);
}
