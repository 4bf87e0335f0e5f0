/**
 * Check-in throughput: 1,000 different tickets checked in over HTTP (the competitions function's
 * express app on a loopback port: auth, validation, the ticket's Ed25519 signature, the checks
 * of docs/competitions.md, one transaction with the check-in and its audit entry) by 50
 * concurrent clients, against a bare express handler doing the same single insert, both in this
 * process on the same devdb. The two alternate in rounds (each a quarter of the tickets), so
 * load from elsewhere hits both alike; req/s is over all rounds, p99 over all requests.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import express from 'express';
import { MongoClient, ObjectId, type Db } from 'mongodb';
import { createCompetitionsApp } from '../cloud/functions/competitions/app';
import { callerOf } from '../cloud/dev/seed-caller';
import { createCompetition } from '../cloud/core/competitions/service';
import { secretsOf } from '../cloud/core/competitions/keys';
import { ticketOf } from '../cloud/core/competitions/registration';
import { findCompetition } from '../cloud/core/competitions/repository';
import type { RegistrationDoc } from '../cloud/core/competitions/registrations-repository';
import { piiCipherFor } from '../cloud/platform/crypto/pii';
import type { AppConfig } from '../cloud/platform/config/config';
import { percentile } from './report';

const listen = (app: express.Express) =>
  new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
const urlOf = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;

/** A competition with `count` registered entries (inserted directly: setup, not measured) and their tickets. */
async function ticketsFor(
  db: Db,
  config: AppConfig,
  count: number,
): Promise<{ id: string; tickets: string[] }> {
  const cipher = piiCipherFor(config.piiKey);
  const organiser = await callerOf(db, 'demo-officer-town');
  const now = Date.now();
  const c = await createCompetition(
    db,
    cipher,
    organiser,
    {
      title: '签到压测',
      kind: 'skill',
      venue: '压测场馆',
      startsAt: new Date(now + 2 * 86_400_000).toISOString(),
      registrationOpensAt: new Date(now - 3_600_000).toISOString(),
      registrationClosesAt: new Date(now + 86_400_000).toISOString(),
      events: [{ name: '叉车', capacity: count }],
    },
    'bench',
  );
  const doc = (await findCompetition(db, c.id))!;
  const at = new Date();
  const entries: RegistrationDoc[] = Array.from({ length: count }, (_, i) => ({
    _id: new ObjectId(),
    competitionId: doc._id,
    eventId: doc.events[0].id,
    memberId: new ObjectId(),
    memberName: '压测职工',
    orgId: 'c1d1t1b1',
    orgName: '江城机械厂工会',
    orgPath: ['c1', 'c1d1', 'c1d1t1', 'c1d1t1b1'],
    status: 'registered',
    active: true,
    onePerPerson: false,
    shortCode: `B${String(i).padStart(7, '0')}`,
    nominatedBy: null,
    teamLeader: false,
    scores: {},
    createdAt: at,
    updatedAt: at,
    promotedAt: null,
    cancelledAt: null,
    version: 1,
  }));
  await db.collection<RegistrationDoc>('competitionRegistrations').insertMany(entries);
  const { signingKey } = await secretsOf(db, cipher, doc._id);
  return { id: c.id, tickets: entries.map((r) => ticketOf(doc, r, signingKey).ticket) };
}

/** Sends each body once, `concurrency` at a time; every answer must be 200 and say checked_in. */
async function drive(url: string, token: string, bodies: unknown[], concurrency: number, expectText: string) {
  const latencies: number[] = [];
  let next = 0;
  const client = async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const t0 = performance.now();
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      latencies.push(performance.now() - t0);
      if (res.status !== 200 || !text.includes(expectText)) throw new Error(`${res.status} ${text}`);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, client));
  return { ms: performance.now() - t0, latencies };
}

export async function measureCheckinThroughput(opts: {
  db: Db;
  uri: string;
  config: AppConfig;
  token: string;
  total: number;
  concurrency: number;
  rounds?: number;
}) {
  const rounds = opts.rounds ?? 4;
  const { id, tickets } = await ticketsFor(opts.db, opts.config, opts.total + 50);
  const warmTickets = tickets.splice(0, 50);

  const app = await listen(createCompetitionsApp());
  const bareClient = await MongoClient.connect(opts.uri, { maxPoolSize: 20 });
  const bareCollection = bareClient.db('bench_bare').collection('checkins');
  const bare = express();
  bare.use(express.json());
  bare.post('/checkins', async (req, res) => {
    const { ticket, list, nonce } = req.body as { ticket: string; list: string; nonce: string };
    const at = new Date();
    await bareCollection.insertOne({ ticket, list, nonce, at });
    res.json({ result: 'checked_in', at });
  });
  const bareServer = await listen(bare);
  const appUrl = `${urlOf(app)}/${id}/checkins`;
  const bareUrl = `${urlOf(bareServer)}/checkins`;

  let n = 0;
  const bodies = (ts: string[]) =>
    ts.map((ticket) => ({ ticket, list: 'entry', nonce: `bench-${++n}-nonce` }));
  // warm-up: JIT, connection pools, the session token remembered
  await drive(appUrl, opts.token, bodies(warmTickets), 10, 'checked_in');
  await drive(bareUrl, opts.token, bodies(warmTickets), 10, 'checked_in');

  const perRound = Math.ceil(opts.total / rounds);
  const appRun = { ms: 0, latencies: [] as number[], count: 0 };
  const bareRun = { ms: 0, latencies: [] as number[], count: 0 };
  for (let r = 0; r < rounds; r++) {
    const slice = tickets.slice(r * perRound, (r + 1) * perRound);
    const a = await drive(appUrl, opts.token, bodies(slice), opts.concurrency, 'checked_in');
    const b = await drive(bareUrl, opts.token, bodies(slice), opts.concurrency, 'checked_in');
    appRun.ms += a.ms;
    appRun.latencies.push(...a.latencies);
    appRun.count += slice.length;
    bareRun.ms += b.ms;
    bareRun.latencies.push(...b.latencies);
    bareRun.count += slice.length;
  }
  const stored = await opts.db
    .collection('competitionCheckins')
    .countDocuments({ competitionId: new ObjectId(id) });
  if (stored !== appRun.count + warmTickets.length) throw new Error(`${stored} check-ins stored`);

  await new Promise((r) => app.close(r));
  await new Promise((r) => bareServer.close(r));
  await bareClient.close();
  const summary = (run: typeof appRun) => {
    const sorted = [...run.latencies].sort((x, y) => x - y);
    return { rps: (run.count / run.ms) * 1000, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
  };
  const appStats = summary(appRun);
  const bareStats = summary(bareRun);
  return {
    total: appRun.count,
    concurrency: opts.concurrency,
    rounds,
    app: appStats,
    bare: bareStats,
    ratio: appStats.rps / bareStats.rps,
  };
}
