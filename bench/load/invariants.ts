/**
 * After the run, with the server stopped: the data directory is opened again (devdb replays the
 * journal) and checked against what the clients were told and against the rules the aid code
 * keeps in every transaction.
 */
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { MongoClient, type Document } from 'mongodb';
import { startDevDb } from '../../cloud/devdb/index';
import type { Told } from './users';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface Verdict {
  checks: Check[];
  restartMs: number;
  cases: number;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

export async function checkInvariants(dataDir: string, told: Told): Promise<Verdict> {
  const started = performance.now();
  const devdb = await startDevDb({ port: 0, dbpath: path.join(dataDir, 'db') });
  const restartMs = performance.now() - started;
  const client = await MongoClient.connect(devdb.uri);
  try {
    const db = client.db('union');
    const cases = await db.collection('aidCases').find().toArray();
    const byId = new Map(cases.map((c) => [c._id.toHexString(), c]));
    const checks: Check[] = [];
    const check = (name: string, bad: string[], total: number) =>
      checks.push({
        name,
        ok: bad.length === 0,
        detail: bad.length
          ? `${bad.length} of ${total} wrong, e.g. ${bad.slice(0, 3).join('; ')}`
          : `${total} checked`,
      });

    const acked = [...told.cases.values()];
    const ackedIds = new Set(acked.map((a) => a.id));
    check(
      'every acknowledged case is there, exactly once',
      [...[...ackedIds].filter((id) => !byId.has(id)).map((id) => `${id} missing`), ...told.keyMismatches],
      ackedIds.size,
    );
    // exactly once: no applicant has two cases from one submission (ids are unique by _id already)
    const perApplicantOpen = new Map<string, number>();
    for (const c of cases)
      if (c.open) perApplicantOpen.set(c.applicantId, (perApplicantOpen.get(c.applicantId) ?? 0) + 1);
    check(
      'one open case per applicant',
      [...perApplicantOpen.entries()].filter(([, n]) => n > 1).map(([a, n]) => `${a} has ${n}`),
      perApplicantOpen.size,
    );
    check(
      'version equals history length',
      cases
        .filter((c) => c.version !== c.history.length)
        .map((c) => `${c._id} v${c.version}/${c.history.length}`),
      cases.length,
    );
    const audits = await db
      .collection('auditLog')
      .aggregate<Document>([
        { $match: { entity: 'aidCase', action: { $nin: ['pii.revealed', 'aid.form_updated'] } } },
        { $group: { _id: '$entityId', n: { $sum: 1 } } },
      ])
      .toArray();
    const auditCount = new Map(audits.map((a) => [a._id as string, a.n as number]));
    check(
      'an audit entry per transition',
      cases
        .filter((c) => (auditCount.get(c._id.toHexString()) ?? 0) !== c.history.length)
        .map(
          (c) => `${c._id}: ${auditCount.get(c._id.toHexString()) ?? 0} audits, ${c.history.length} steps`,
        ),
      cases.length,
    );
    const ledger = await db.collection('aidLedger').find().toArray();
    const paidByLedger = new Map<string, number[]>();
    for (const e of ledger) {
      const k = e.caseId.toHexString();
      paidByLedger.set(k, [...(paidByLedger.get(k) ?? []), e.amountFen]);
    }
    check(
      'ledger equals payments',
      cases
        .filter((c) => {
          const l = paidByLedger.get(c._id.toHexString()) ?? [];
          const p = (c.payments as { amountFen: number }[]).map((x) => x.amountFen);
          return l.length !== p.length || sum(l) !== sum(p);
        })
        .map((c) => `${c._id}`),
      cases.length,
    );
    check(
      'every acknowledged decision is in its case history',
      told.decisions
        .filter((d) => byId.get(d.id)?.history[d.version - 1]?.action !== d.action)
        .map((d) => `${d.id} v${d.version} ${d.action}`),
      told.decisions.length,
    );
    return { checks, restartMs, cases: cases.length };
  } finally {
    await client.close();
    await devdb.stop();
  }
}
