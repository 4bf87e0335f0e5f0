/**
 * Registrations: a member enters an event (or a 基层 officer nominates them), gets a seat or a
 * waiting-list place, cancels (the first waiting entry takes the seat and is told in 消息).
 *
 * Refusals, in this order: no completed real-name profile (PROFILE_INCOMPLETE, whatever the id);
 * the competition is not visible to the caller (NOT_FOUND, as a missing one); not under the
 * organiser though visible, e.g. to an officer who helps at its door (NOT_ELIGIBLE); no such event
 * (EVENT_NOT_FOUND); outside the registration window (REGISTRATION_NOT_OPEN / _CLOSED); a team
 * competition entered without a nomination (NOMINATION_REQUIRED); already in this event
 * (ALREADY_REGISTERED); in another event where one per person (ONE_EVENT_PER_PERSON); the unit's
 * quota used up (UNIT_QUOTA_FULL). The last three are enforced by the database in the
 * registration's transaction (counters.ts, registrations-repository.ts); the read before it only
 * picks the clearer message.
 */
import { randomInt } from 'node:crypto';
import { ObjectId, type Db } from 'mongodb';
import {
  SHORT_CODE_ALPHABET,
  SHORT_CODE_LENGTH,
  type CandidateView,
  type RegistrationListResponse,
  type RegistrationView,
  type TicketView,
} from '../../../src/contracts/competitions';
import { listMaskOf, signTicket } from '../../../src/contracts/ticket';
import type { Caller } from '../../platform/auth/caller';
import { isInScope, officerScope, scopeFilter } from '../../platform/auth/org-scope';
import { writeAudit } from '../../platform/audit/audit-log';
import type { PiiCipher } from '../../platform/crypto/pii';
import { inTransaction } from '../../platform/db/transactions';
import { AppError } from '../../platform/http/app-error';
import { findMemberById } from '../members/repository';
import { notify } from '../notifications/repository';
import { findOrg } from '../orgs/repository';
import { competitionLink } from '../../../src/contracts/competitions';
import { isEligible, mayScan, visibleOrNotFound } from './access';
import { findCandidates } from './candidates-repository';
import { checkinsOfMine, checkinsInScope } from './checkins-repository';
import { moveSeatCount, releaseUnitQuota, takeSeatOrWait, takeUnitQuota } from './counters';
import { secretsOf } from './keys';
import {
  duplicateOf,
  findRegistration,
  firstWaiting,
  insertRegistration,
  listInScope,
  listMine,
  setStatus,
  waitingAhead,
  type RegistrationDoc,
} from './registrations-repository';
import { findCompetition, type CompetitionDoc, type CompetitionEvent } from './repository';
import { toRegistrationView } from './views';

interface Entrant {
  memberId: ObjectId;
  name: string;
  orgId: string;
  orgPath: string[];
}

function newShortCode(): string {
  let code = '';
  for (let i = 0; i < SHORT_CODE_LENGTH; i++)
    code += SHORT_CODE_ALPHABET[randomInt(SHORT_CODE_ALPHABET.length)];
  return code;
}

/** The ticket of a registered entry: valid on every check-in list until the competition ends. */
export function ticketOf(c: CompetitionDoc, r: RegistrationDoc, signingKey: Uint8Array): TicketView {
  const lists = c.checkinLists.map((l) => l.key);
  const expiresAt = Math.floor(c.endsAt.getTime() / 1000);
  return {
    ticket: signTicket(
      {
        registrationId: r._id.toHexString(),
        competitionId: c._id.toHexString(),
        eventIndex: c.events.findIndex((e) => e.id === r.eventId),
        listMask: listMaskOf(lists, lists),
        expiresAt,
      },
      signingKey,
    ),
    shortCode: r.shortCode,
    expiresAt: c.endsAt.toISOString(),
    lists,
  };
}

function eventOf(c: CompetitionDoc, eventId: string): CompetitionEvent {
  const event = c.events.find((e) => e.id === eventId.toLowerCase());
  if (!event) throw new AppError('EVENT_NOT_FOUND');
  return event;
}

function assertWindowOpen(c: CompetitionDoc, now: Date): void {
  if (now < c.registrationOpensAt) throw new AppError('REGISTRATION_NOT_OPEN');
  if (now >= c.registrationClosesAt) throw new AppError('REGISTRATION_CLOSED');
}

/** The clearer refusal when the entrant is in already (the indexes enforce it either way). */
async function assertNotEntered(db: Db, c: CompetitionDoc, event: CompetitionEvent, memberId: string) {
  const active = (await listMine(db, memberId, c._id)).filter((r) => r.active);
  if (active.some((r) => r.eventId === event.id)) throw new AppError('ALREADY_REGISTERED');
  if (c.onePerPerson && active.length > 0) throw new AppError('ONE_EVENT_PER_PERSON');
}

/** One transaction: the unit's quota, a seat or a waiting place, the entry, the audit entry. */
async function enroll(
  db: Db,
  c: CompetitionDoc,
  event: CompetitionEvent,
  entrant: Entrant,
  opts: {
    actorId: string;
    nominatedBy: string | null;
    teamLeader: boolean;
    requestId: string;
    operationId?: string;
  },
): Promise<RegistrationDoc> {
  const org = await findOrg(db, entrant.orgId);
  const _id = opts.operationId ? new ObjectId(opts.operationId) : new ObjectId();
  for (let attempt = 0; attempt < 3; attempt++) {
    const shortCode = newShortCode();
    try {
      return await inTransaction(async (session) => {
        if (c.perUnitQuota) await takeUnitQuota(db, c._id, event.id, entrant.orgId, c.perUnitQuota, session);
        const seated = await takeSeatOrWait(db, c._id, event.id, event.capacity, session);
        const now = new Date();
        const doc: RegistrationDoc = {
          _id,
          competitionId: c._id,
          eventId: event.id,
          memberId: entrant.memberId,
          memberName: entrant.name,
          orgId: entrant.orgId,
          orgName: org?.name ?? '',
          orgPath: entrant.orgPath,
          status: seated ? 'registered' : 'waitlisted',
          active: true,
          onePerPerson: c.onePerPerson,
          shortCode,
          nominatedBy: opts.nominatedBy,
          teamLeader: opts.teamLeader,
          scores: {},
          createdAt: now,
          updatedAt: now,
          promotedAt: null,
          cancelledAt: null,
          version: 1,
        };
        try {
          await insertRegistration(db, doc, session);
        } catch (e) {
          const dup = duplicateOf(e);
          if (dup === 'event') throw new AppError('ALREADY_REGISTERED');
          if (dup === 'person') throw new AppError('ONE_EVENT_PER_PERSON');
          throw e;
        }
        await writeAudit(
          db,
          {
            actorId: opts.actorId,
            action: opts.nominatedBy ? 'competition.nominated' : 'competition.registered',
            entity: 'competitionRegistration',
            entityId: _id.toHexString(),
            orgPath: entrant.orgPath,
            requestId: opts.requestId,
            data: { competitionId: c._id.toHexString(), eventId: event.id, status: doc.status },
          },
          session,
        );
        return doc;
      });
    } catch (e) {
      const dup = duplicateOf(e);
      if (dup === 'shortCode') continue; // 40 random bits met another entry's: draw again
      if (dup === 'id') {
        // a retry (same Idempotency-Key) of an entry that landed though its answer was lost
        const landed = await findRegistration(db, c._id, _id.toHexString());
        if (landed?.memberId.equals(entrant.memberId)) return landed;
      }
      throw e;
    }
  }
  throw new Error('no free short code after 3 draws');
}

export async function register(
  db: Db,
  cipher: PiiCipher,
  caller: Caller,
  competitionId: string,
  eventId: string,
  ids: { requestId: string; operationId?: string },
): Promise<RegistrationView> {
  const me = caller.record;
  if (!me.orgId || !me.name || !me.idNumberHash) throw new AppError('PROFILE_INCOMPLETE');
  // a competition the caller may not see answers as a missing one (an officer who scans may see it)
  const found = visibleOrNotFound(caller, await findCompetition(db, competitionId));
  if (!isEligible(caller, found)) throw new AppError('NOT_ELIGIBLE');
  const c = found;
  const event = eventOf(c, eventId);
  assertWindowOpen(c, new Date());
  if (c.entryMode === 'team') throw new AppError('NOMINATION_REQUIRED');
  await assertNotEntered(db, c, event, caller.memberId);
  const doc = await enroll(
    db,
    c,
    event,
    { memberId: new ObjectId(caller.memberId), name: me.name, orgId: me.orgId, orgPath: me.orgPath },
    { actorId: caller.memberId, nominatedBy: null, teamLeader: false, ...ids },
  );
  return ownView(db, cipher, caller, c, doc);
}

export async function nominate(
  db: Db,
  caller: Caller,
  competitionId: string,
  input: { eventId: string; memberId: string; teamLeader?: boolean },
  ids: { requestId: string; operationId?: string },
): Promise<RegistrationView> {
  const c = visibleOrNotFound(caller, await findCompetition(db, competitionId));
  const member = await findMemberById(db, input.memberId);
  if (!member || !isInScope(caller, member.orgPath)) throw new AppError('NOT_IN_ORG_SCOPE');
  if (!member.orgId || !member.name || !member.idNumberHash)
    throw new AppError('PROFILE_INCOMPLETE', '这位职工还没有完成实名信息登记');
  if (!member.orgPath.includes(c.orgId)) throw new AppError('NOT_ELIGIBLE', '这位职工不在主办工会下属单位');
  const event = eventOf(c, input.eventId);
  assertWindowOpen(c, new Date());
  await assertNotEntered(db, c, event, member._id.toHexString());
  const doc = await enroll(
    db,
    c,
    event,
    { memberId: member._id, name: member.name, orgId: member.orgId, orgPath: member.orgPath },
    { actorId: caller.memberId, nominatedBy: caller.memberId, teamLeader: input.teamLeader === true, ...ids },
  );
  return toRegistrationView(doc, c, caller, { waitingAhead: await aheadOf(db, doc) });
}

const aheadOf = async (db: Db, r: RegistrationDoc) =>
  r.status === 'waitlisted' ? waitingAhead(db, r) : undefined;

/** The entrant's own view: with the ticket while registered. */
async function ownView(
  db: Db,
  cipher: PiiCipher | null,
  caller: Caller,
  c: CompetitionDoc,
  r: RegistrationDoc,
  checkins: { list: string; at: Date }[] = [],
): Promise<RegistrationView> {
  const ticket =
    cipher && r.status === 'registered'
      ? ticketOf(c, r, (await secretsOf(db, cipher, c._id)).signingKey)
      : undefined;
  return toRegistrationView(r, c, caller, { ticket, checkins, waitingAhead: await aheadOf(db, r) });
}

/** The caller's own active entries in a competition (no tickets: GET …/ticket gives one). */
export async function myEntriesIn(db: Db, caller: Caller, c: CompetitionDoc): Promise<RegistrationView[]> {
  const mine = (await listMine(db, caller.memberId, c._id)).filter((r) => r.active);
  const checkins = await checkinsOfMine(
    db,
    caller.memberId,
    mine.map((r) => r._id),
  );
  return Promise.all(
    mine.map((r) =>
      ownView(
        db,
        null,
        caller,
        c,
        r,
        checkins.filter((k) => k.registrationId.equals(r._id)),
      ),
    ),
  );
}

export async function listRegistrations(
  db: Db,
  caller: Caller,
  competitionId: string,
  mine: boolean,
): Promise<RegistrationListResponse> {
  const c = visibleOrNotFound(caller, await findCompetition(db, competitionId));
  if (mine) return { items: await myEntriesIn(db, caller, c) };
  const scope = officerScope(caller);
  const entries = await listInScope(db, scope, c._id);
  const checkins = await checkinsInScope(
    db,
    scope,
    entries.map((r) => r._id),
  );
  return {
    items: entries.map((r) =>
      toRegistrationView(r, c, caller, { checkins: checkins.filter((k) => k.registrationId.equals(r._id)) }),
    ),
  };
}

export async function getTicket(
  db: Db,
  cipher: PiiCipher,
  caller: Caller,
  competitionId: string,
  registrationId: string,
): Promise<TicketView> {
  const c = await findCompetition(db, competitionId);
  const r = c ? await findRegistration(db, c._id, registrationId) : null;
  // only the entrant sees a ticket: anyone else hears of no such entry
  if (!c || !r || r.memberId.toHexString() !== caller.memberId) throw new AppError('NOT_FOUND');
  if (r.status === 'waitlisted') throw new AppError('TICKET_NOT_ISSUED');
  if (r.status === 'cancelled') throw new AppError('REGISTRATION_NOT_ACTIVE');
  return ticketOf(c, r, (await secretsOf(db, cipher, c._id)).signingKey);
}

/**
 * Cancels an entry (the entrant, or an officer whose subtree holds them). A seat given back goes
 * to the earliest waiting entry of the event in the same transaction, and its member is told in
 * 消息; with nobody waiting the seat is free again. Cancelling a cancelled entry changes nothing.
 */
export async function cancelRegistration(
  db: Db,
  caller: Caller,
  competitionId: string,
  registrationId: string,
  requestId: string,
): Promise<RegistrationView> {
  const c = await findCompetition(db, competitionId);
  const r = c ? await findRegistration(db, c._id, registrationId) : null;
  if (!c || !r) throw new AppError('NOT_FOUND');
  if (r.memberId.toHexString() !== caller.memberId && !isInScope(caller, r.orgPath))
    throw new AppError(
      caller.roles.includes('officer') && mayScan(caller, c) ? 'NOT_IN_ORG_SCOPE' : 'NOT_FOUND',
    );
  const done = await inTransaction(async (session) => {
    const current = await findRegistration(db, c._id, registrationId, session);
    if (!current || current.status === 'cancelled') return current;
    const now = new Date();
    const cancelled = await setStatus(db, current, 'cancelled', { cancelledAt: now }, session);
    if (!cancelled) throw new AppError('VERSION_CONFLICT');
    let promoted: RegistrationDoc | null = null;
    if (current.status === 'registered') {
      const next = await firstWaiting(db, c._id, current.eventId, session);
      if (next) {
        promoted = await setStatus(db, next, 'registered', { promotedAt: now }, session);
        if (!promoted) throw new AppError('VERSION_CONFLICT');
        await moveSeatCount(db, c._id, current.eventId, { waiting: -1 }, session);
        const eventName = c.events.find((e) => e.id === next.eventId)?.name ?? '';
        await notify(
          db,
          {
            memberId: next.memberId.toHexString(),
            title: '候补成功，可以参赛了',
            body: `您在「${c.title}」${eventName}项目的候补已转为正式报名。入场券在竞赛页面里，比赛当天请出示。`,
            link: competitionLink(c._id.toHexString()),
            dedupeKey: `competition.promoted:${next._id.toHexString()}`,
          },
          session,
        );
      } else {
        await moveSeatCount(db, c._id, current.eventId, { taken: -1 }, session);
      }
    } else {
      await moveSeatCount(db, c._id, current.eventId, { waiting: -1 }, session);
    }
    if (c.perUnitQuota) await releaseUnitQuota(db, c._id, current.eventId, current.orgId, session);
    await writeAudit(
      db,
      {
        actorId: caller.memberId,
        action: 'competition.registration_cancelled',
        entity: 'competitionRegistration',
        entityId: current._id.toHexString(),
        orgPath: current.orgPath,
        requestId,
        data: { was: current.status, promoted: promoted?._id.toHexString() ?? null },
      },
      session,
    );
    return cancelled;
  });
  return toRegistrationView(done ?? r, c, caller);
}

/** Members in the officer's subtree and under the organiser, with a completed profile. */
export async function candidates(
  db: Db,
  caller: Caller,
  competitionId: string,
  q: string | undefined,
): Promise<{ items: CandidateView[] }> {
  const c = visibleOrNotFound(caller, await findCompetition(db, competitionId));
  const scope = officerScope(caller);
  const found = await findCandidates(db, scopeFilter(scope, c.orgId), (q ?? '').trim().slice(0, 20));
  return {
    items: await Promise.all(
      found.map(async (m) => ({
        memberId: m._id.toHexString(),
        name: m.name ?? '',
        orgName: m.orgId ? ((await findOrg(db, m.orgId))?.name ?? '') : '',
        phoneMasked: m.phoneMasked,
      })),
    ),
  };
}
