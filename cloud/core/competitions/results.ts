/**
 * Scores and results. Judges (officers named on the competition) enter part scores until the
 * results are published; results (scoring.ts) are shown to officers and judges at any time, and
 * to members once published. Publishing freezes scores and tells every participant in 消息.
 */
import type { ClientSession, Db } from 'mongodb';
import {
  PRIZE_TEXT,
  competitionLink,
  type ResultRow,
  type ResultsView,
} from '../../../src/contracts/competitions';
import type { Caller } from '../../platform/auth/caller';
import { writeAudit } from '../../platform/audit/audit-log';
import { inTransaction } from '../../platform/db/transactions';
import { AppError } from '../../platform/http/app-error';
import { notify } from '../notifications/repository';
import { assertMayManage, isJudge, mayScan, visibleOrNotFound } from './access';
import { listCheckedIn } from './checkins-repository';
import { findRegistration, listAllActive, setScores, type RegistrationDoc } from './registrations-repository';
import { findCompetition, markPublished, touchUnpublished, type CompetitionDoc } from './repository';
import { computeResults } from './scoring';
import { nameFor } from './views';

async function resultsOf(
  db: Db,
  c: CompetitionDoc,
  caller: Caller | null,
  session?: ClientSession,
): Promise<{ view: ResultsView; entries: RegistrationDoc[] }> {
  const entries = (await listAllActive(db, c._id, undefined, session)).filter(
    (r) => r.status === 'registered',
  );
  const entryList = c.checkinLists[0]?.key;
  const checkedIn = new Set(
    (await listCheckedIn(db, c._id))
      .filter((k) => k.list === entryList)
      .map((k) => k.registrationId.toHexString()),
  );
  const computed = computeResults(
    c.scoring,
    entries.map((r) => ({
      id: r._id.toHexString(),
      eventId: r.eventId,
      orgId: r.orgId,
      orgName: r.orgName,
      scores: r.scores,
    })),
  );
  const rowOf = (r: RegistrationDoc): ResultRow => {
    const res = computed.entries.get(r._id.toHexString())!;
    return {
      registrationId: r._id.toHexString(),
      eventId: r.eventId,
      name: caller ? nameFor(caller, r) : r.memberName,
      orgName: r.orgName,
      parts: r.scores,
      total: res.total,
      rank: res.rank,
      prize: res.prize,
      prizeText: res.prize ? PRIZE_TEXT[res.prize] : null,
      checkedIn: checkedIn.has(r._id.toHexString()),
    };
  };
  const byRank = (a: ResultRow, b: ResultRow) =>
    (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.orgName.localeCompare(b.orgName, 'zh');
  return {
    entries,
    view: {
      competitionId: c._id.toHexString(),
      published: c.publishedAt !== null,
      publishedAt: c.publishedAt?.toISOString() ?? null,
      parts: c.scoring.parts,
      events: c.events.map((e) => ({
        id: e.id,
        name: e.name,
        rows: entries
          .filter((r) => r.eventId === e.id)
          .map(rowOf)
          .sort(byRank),
        teams: computed.teams.filter((t) => t.eventId === e.id),
      })),
    },
  };
}

/** Officers over or under the organiser and judges see results as they grow; members once published. */
export async function getResults(db: Db, caller: Caller, competitionId: string): Promise<ResultsView> {
  const c = visibleOrNotFound(caller, await findCompetition(db, competitionId));
  if (!c.publishedAt && !mayScan(caller, c) && !isJudge(caller, c))
    throw new AppError('RESULTS_NOT_PUBLISHED');
  return (await resultsOf(db, c, caller)).view;
}

/** For the export: the organiser's officers only, names in full. */
export async function resultsForExport(db: Db, caller: Caller, competitionId: string) {
  const c = visibleOrNotFound(caller, await findCompetition(db, competitionId));
  assertMayManage(caller, c);
  return { competition: c, results: (await resultsOf(db, c, caller)).view };
}

export async function enterScores(
  db: Db,
  caller: Caller,
  competitionId: string,
  input: { registrationId: string; parts: Record<string, number> },
  requestId: string,
): Promise<ResultRow> {
  const c = visibleOrNotFound(caller, await findCompetition(db, competitionId));
  if (!isJudge(caller, c)) throw new AppError('NOT_A_JUDGE');
  if (c.publishedAt) throw new AppError('RESULTS_PUBLISHED');
  for (const [key, points] of Object.entries(input.parts)) {
    const part = c.scoring.parts.find((p) => p.key === key);
    if (!part) throw new AppError('SCORE_PART_UNKNOWN', `没有“${key}”这个评分项`);
    if (points > part.maxPoints)
      throw new AppError('SCORE_OUT_OF_RANGE', `${part.name}满分 ${part.maxPoints} 分`);
  }
  await inTransaction(async (session) => {
    if (!(await touchUnpublished(db, c._id, session))) throw new AppError('RESULTS_PUBLISHED');
    const reg = await findRegistration(db, c._id, input.registrationId, session);
    if (!reg) throw new AppError('NOT_FOUND');
    if (reg.status !== 'registered') throw new AppError('REGISTRATION_NOT_ACTIVE');
    const previous = Object.fromEntries(Object.keys(input.parts).map((k) => [k, reg.scores[k] ?? null]));
    if (!(await setScores(db, reg, input.parts, session))) throw new AppError('VERSION_CONFLICT');
    await writeAudit(
      db,
      {
        actorId: caller.memberId,
        action: 'competition.scored',
        entity: 'competitionRegistration',
        entityId: reg._id.toHexString(),
        orgPath: reg.orgPath,
        requestId,
        data: { parts: input.parts, previous },
      },
      session,
    );
  });
  const { view } = await resultsOf(db, (await findCompetition(db, competitionId))!, caller);
  const id = input.registrationId.toLowerCase();
  return view.events.flatMap((e) => e.rows).find((r) => r.registrationId === id)!;
}

/** Publishes once: scores freeze, every participant is told their result in 消息. Again: no change. */
export async function publishResults(
  db: Db,
  caller: Caller,
  competitionId: string,
  requestId: string,
): Promise<ResultsView> {
  const c = visibleOrNotFound(caller, await findCompetition(db, competitionId));
  assertMayManage(caller, c);
  if (!c.publishedAt) {
    await inTransaction(async (session) => {
      const published = await markPublished(db, c, new Date(), session);
      if (!published) return; // published meanwhile
      const { view, entries } = await resultsOf(db, published, null, session);
      const rows = new Map(
        view.events.flatMap((e) => e.rows.map((r) => [r.registrationId, { r, event: e.name }])),
      );
      for (const reg of entries) {
        const { r, event } = rows.get(reg._id.toHexString())!;
        const result =
          r.total === null
            ? '没有完整成绩'
            : `总分 ${r.total}，第 ${r.rank} 名${r.prizeText ? `，获${r.prizeText}` : ''}`;
        await notify(
          db,
          {
            memberId: reg.memberId.toHexString(),
            title: '竞赛成绩已公布',
            body: `「${c.title}」${event}：${result}。`,
            link: competitionLink(c._id.toHexString()),
            dedupeKey: `competition.results:${c._id.toHexString()}:${reg._id.toHexString()}`,
          },
          session,
        );
      }
      await writeAudit(
        db,
        {
          actorId: caller.memberId,
          action: 'competition.results_published',
          entity: 'competition',
          entityId: c._id.toHexString(),
          orgPath: c.orgPath,
          requestId,
          data: { participants: entries.length },
        },
        session,
      );
    });
  }
  return getResults(db, caller, competitionId);
}
