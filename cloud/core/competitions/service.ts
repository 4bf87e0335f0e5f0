/**
 * Competitions: create (an officer, organised by their own org), read, list, judges. Registrations
 * are in registration.ts, check-in in checkin.ts, scores and results in results.ts.
 */
import { ObjectId, type Db } from 'mongodb';
import { isDuplicateKey } from '../../platform/db/duplicate-key';
import {
  DEFAULT_CHECKIN_LIST,
  type CompetitionListResponse,
  type CompetitionView,
  type CreateCompetitionInput,
} from '../../../src/contracts/competitions';
import type { Caller } from '../../platform/auth/caller';
import { officerScope } from '../../platform/auth/org-scope';
import { writeAudit } from '../../platform/audit/audit-log';
import type { PiiCipher } from '../../platform/crypto/pii';
import { inTransaction } from '../../platform/db/transactions';
import { AppError } from '../../platform/http/app-error';
import { findMemberById } from '../members/repository';
import { findOrg } from '../orgs/repository';
import { assertMayManage, visibleOrNotFound } from './access';
import { createSeatCounters, seatCounts } from './counters';
import { newCompetitionSecrets } from './keys';
import { myEntriesIn } from './registration';
import { listMine } from './registrations-repository';
import {
  findCompetition,
  findCompetitionsByIds,
  insertCompetition,
  listInScope,
  listOpenFor,
  updateCompetitionAtVersion,
  type CompetitionDoc,
} from './repository';
import { toSummary, toView } from './views';

const DAY_MS = 86_400_000;
export const DEFAULT_LATE_LIMIT_MINUTES = 15;
const DEFAULT_PRIZES = { first: 1, second: 2, third: 3 };

/** Judges are officers of the organiser, a union above it or one below it. */
async function checkedJudges(db: Db, organiserId: string, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids.map((i) => i.toLowerCase()))];
  for (const id of unique) {
    const m = await findMemberById(db, id);
    const related =
      m?.roles.includes('officer') &&
      m.officerOrgId !== null &&
      (m.officerOrgPath.includes(organiserId) ||
        (await findOrg(db, organiserId))?.path.includes(m.officerOrgId));
    if (!related) throw new AppError('JUDGE_NOT_OFFICER');
  }
  return unique;
}

export async function createCompetition(
  db: Db,
  cipher: PiiCipher,
  caller: Caller,
  input: CreateCompetitionInput,
  requestId: string,
  operationId?: string,
): Promise<CompetitionView> {
  const scope = officerScope(caller);
  const org = await findOrg(db, scope.orgId);
  if (!org) throw new AppError('ORG_NOT_FOUND');
  const _id = operationId ? new ObjectId(operationId) : new ObjectId();
  const startsAt = new Date(input.startsAt);
  const now = new Date();
  const doc: CompetitionDoc = {
    _id,
    title: input.title,
    kind: input.kind,
    venue: input.venue,
    description: input.description ?? '',
    orgId: org.id,
    orgName: org.name,
    orgPath: org.path,
    startsAt,
    endsAt: input.endsAt ? new Date(input.endsAt) : new Date(startsAt.getTime() + DAY_MS),
    registrationOpensAt: new Date(input.registrationOpensAt),
    registrationClosesAt: new Date(input.registrationClosesAt),
    events: input.events.map((e) => ({
      id: new ObjectId().toHexString(),
      name: e.name,
      capacity: e.capacity,
      startsAt: e.startsAt ? new Date(e.startsAt) : startsAt,
    })),
    perUnitQuota: input.perUnitQuota ?? null,
    onePerPerson: input.onePerPerson ?? false,
    entryMode: input.entryMode ?? 'individual',
    lateLimitMinutes: input.lateLimitMinutes ?? DEFAULT_LATE_LIMIT_MINUTES,
    checkinLists: (input.checkinLists ?? [{ key: DEFAULT_CHECKIN_LIST, name: '入场' }]).map((l) => ({
      key: l.key,
      name: l.name,
      lateLimitApplies: l.lateLimitApplies ?? l.key === DEFAULT_CHECKIN_LIST,
    })),
    scoring: {
      parts: (input.scoring?.parts ?? [{ key: 'total', name: '成绩', weight: 100 }]).map((p) => ({
        key: p.key,
        name: p.name,
        weight: p.weight,
        maxPoints: p.maxPoints ?? 100,
      })),
      teamBestN: input.scoring?.teamBestN ?? null,
      prizes: input.scoring?.prizes ?? DEFAULT_PRIZES,
    },
    judgeIds: await checkedJudges(db, org.id, input.judgeIds ?? []),
    ...newCompetitionSecrets(cipher),
    publishedAt: null,
    createdBy: caller.memberId,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  try {
    await inTransaction(async (session) => {
      await insertCompetition(db, doc, session);
      await createSeatCounters(
        db,
        _id,
        doc.events.map((e) => e.id),
        session,
      );
      await writeAudit(
        db,
        {
          actorId: caller.memberId,
          action: 'competition.created',
          entity: 'competition',
          entityId: _id.toHexString(),
          orgPath: doc.orgPath,
          requestId,
          data: { title: doc.title, events: doc.events.map((e) => e.name) },
        },
        session,
      );
    });
  } catch (e) {
    // a retry of a create that landed though its answer was lost: that competition
    if (!isDuplicateKey(e)) throw e;
  }
  const landed = await findCompetition(db, _id.toHexString());
  if (!landed || landed.createdBy !== caller.memberId) throw new AppError('INTERNAL');
  return toView(
    landed,
    caller,
    await seatCounts(
      db,
      _id,
      landed.events.map((e) => e.id),
    ),
    [],
  );
}

export async function loadVisible(db: Db, caller: Caller, id: string): Promise<CompetitionDoc> {
  return visibleOrNotFound(caller, await findCompetition(db, id));
}

export async function getCompetition(db: Db, caller: Caller, id: string): Promise<CompetitionView> {
  const c = await loadVisible(db, caller, id);
  const [counts, mine] = await Promise.all([
    seatCounts(
      db,
      c._id,
      c.events.map((e) => e.id),
    ),
    myEntriesIn(db, caller, c),
  ]);
  return toView(c, caller, counts, mine);
}

async function summaries(db: Db, docs: CompetitionDoc[]): Promise<CompetitionListResponse> {
  const now = new Date();
  return {
    items: await Promise.all(
      docs.map(async (c) =>
        toSummary(
          c,
          await seatCounts(
            db,
            c._id,
            c.events.map((e) => e.id),
          ),
          now,
        ),
      ),
    ),
  };
}

/** ?open=1: open for registration to the caller (their own org path, or an officer's). */
export async function listOpen(db: Db, caller: Caller): Promise<CompetitionListResponse> {
  const path = [...new Set([...caller.orgPath, ...caller.officerOrgPath])];
  return summaries(db, await listOpenFor(db, path, new Date()));
}

/** ?mine=1: competitions the caller has entries in. */
export async function listEntered(db: Db, caller: Caller): Promise<CompetitionListResponse> {
  const ids = [
    ...new Map(
      (await listMine(db, caller.memberId)).map((r) => [r.competitionId.toHexString(), r.competitionId]),
    ).values(),
  ];
  return summaries(db, await findCompetitionsByIds(db, ids));
}

/** ?manage=1: organised in the officer's subtree. */
export async function listManaged(db: Db, caller: Caller): Promise<CompetitionListResponse> {
  return summaries(db, await listInScope(db, officerScope(caller)));
}

export async function setJudges(
  db: Db,
  caller: Caller,
  id: string,
  judgeIds: string[],
  requestId: string,
): Promise<CompetitionView> {
  const c = await loadVisible(db, caller, id);
  assertMayManage(caller, c);
  const judges = await checkedJudges(db, c.orgId, judgeIds);
  const same = judges.length === c.judgeIds.length && judges.every((j) => c.judgeIds.includes(j));
  if (!same) {
    await inTransaction(async (session) => {
      const updated = await updateCompetitionAtVersion(db, c._id, c.version, { judgeIds: judges }, session);
      if (!updated) throw new AppError('VERSION_CONFLICT');
      await writeAudit(
        db,
        {
          actorId: caller.memberId,
          action: 'competition.judges_set',
          entity: 'competition',
          entityId: id.toLowerCase(),
          orgPath: c.orgPath,
          requestId,
          data: { judgeIds: judges },
        },
        session,
      );
    });
  }
  return getCompetition(db, caller, id);
}
