/** What the API shows of competitions and entries (src/contracts/competitions.ts view types). */
import {
  COMPETITION_KIND_TEXT,
  COMPETITION_PHASE_TEXT,
  REGISTRATION_STATUS_TEXT,
  type CompetitionPhase,
  type CompetitionSummary,
  type CompetitionView,
  type RegistrationView,
  type TicketView,
} from '../../../src/contracts/competitions';
import type { Caller } from '../../platform/auth/caller';
import { isInScope } from '../../platform/auth/org-scope';
import { maskName } from '../workflow/mask-name';
import { isEligible, isJudge, mayManage, mayScan } from './access';
import type { CompetitionDoc } from './repository';
import type { RegistrationDoc } from './registrations-repository';

export type SeatCounts = Map<string, { taken: number; waiting: number }>;

export function phaseOf(c: CompetitionDoc, now: Date): CompetitionPhase {
  if (c.publishedAt) return 'published';
  if (now < c.registrationOpensAt) return 'upcoming';
  if (now < c.registrationClosesAt) return 'open';
  return 'closed';
}

export function toSummary(c: CompetitionDoc, counts: SeatCounts, now = new Date()): CompetitionSummary {
  const phase = phaseOf(c, now);
  return {
    id: c._id.toHexString(),
    title: c.title,
    kind: c.kind,
    kindText: COMPETITION_KIND_TEXT[c.kind],
    venue: c.venue,
    startsAt: c.startsAt.toISOString(),
    endsAt: c.endsAt.toISOString(),
    registrationOpensAt: c.registrationOpensAt.toISOString(),
    registrationClosesAt: c.registrationClosesAt.toISOString(),
    phase,
    phaseText: COMPETITION_PHASE_TEXT[phase],
    orgId: c.orgId,
    orgName: c.orgName,
    events: c.events.map((e) => ({
      id: e.id,
      name: e.name,
      capacity: e.capacity,
      startsAt: e.startsAt.toISOString(),
      registered: counts.get(e.id)?.taken ?? 0,
      waitlisted: counts.get(e.id)?.waiting ?? 0,
    })),
  };
}

export function toView(
  c: CompetitionDoc,
  caller: Caller,
  counts: SeatCounts,
  mine: RegistrationView[],
  now = new Date(),
): CompetitionView {
  const open = phaseOf(c, now) === 'open';
  return {
    ...toSummary(c, counts, now),
    description: c.description,
    entryMode: c.entryMode,
    perUnitQuota: c.perUnitQuota,
    onePerPerson: c.onePerPerson,
    lateLimitMinutes: c.lateLimitMinutes,
    checkinLists: c.checkinLists,
    scoring: c.scoring,
    publicKey: c.publicKey,
    can: {
      register: open && c.entryMode === 'individual' && isEligible(caller, c),
      nominate: open && caller.roles.includes('officer') && caller.officerOrgPath.includes(c.orgId),
      manage: mayManage(caller, c),
      scan: mayScan(caller, c),
      judge: isJudge(caller, c),
    },
    myRegistrations: mine,
  };
}

/** The entrant's name in full for themselves and officers over them; masked for anyone else. */
export function nameFor(
  caller: Caller,
  r: Pick<RegistrationDoc, 'memberId' | 'memberName' | 'orgPath'>,
): string {
  return r.memberId.toHexString() === caller.memberId || isInScope(caller, r.orgPath)
    ? r.memberName
    : maskName(r.memberName);
}

export function toRegistrationView(
  r: RegistrationDoc,
  c: CompetitionDoc,
  caller: Caller,
  extra: { ticket?: TicketView; checkins?: { list: string; at: Date }[]; waitingAhead?: number } = {},
): RegistrationView {
  return {
    id: r._id.toHexString(),
    competitionId: r.competitionId.toHexString(),
    eventId: r.eventId,
    eventName: c.events.find((e) => e.id === r.eventId)?.name ?? '',
    status: r.status,
    statusText: REGISTRATION_STATUS_TEXT[r.status],
    waitlistPosition:
      r.status === 'waitlisted' && extra.waitingAhead !== undefined ? extra.waitingAhead + 1 : null,
    name: nameFor(caller, r),
    orgName: r.orgName,
    nominated: r.nominatedBy !== null,
    teamLeader: r.teamLeader,
    createdAt: r.createdAt.toISOString(),
    ...(extra.ticket ? { ticket: extra.ticket } : {}),
    checkins: (extra.checkins ?? []).map((k) => ({ list: k.list, at: k.at.toISOString() })),
  };
}
