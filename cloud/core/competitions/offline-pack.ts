/**
 * The offline pack a scanner downloads before going offline, chosen explicitly by the officer:
 * what verifying and de-duplicating at the door needs, and no personal data — the public key,
 * the lists and events, the ids and short codes of registered entries (a ticket not among them
 * counts as cancelled), and the [entry, list] pairs checked in so far.
 */
import type { Db } from 'mongodb';
import type { OfflinePack } from '../../../src/contracts/competitions';
import type { Caller } from '../../platform/auth/caller';
import { assertMayScan, visibleOrNotFound } from './access';
import { listCheckedIn } from './checkins-repository';
import { listAllActive } from './registrations-repository';
import { findCompetition } from './repository';

export async function offlinePack(db: Db, caller: Caller, competitionId: string): Promise<OfflinePack> {
  const c = visibleOrNotFound(caller, await findCompetition(db, competitionId));
  assertMayScan(caller, c);
  const [entries, checkedIn] = await Promise.all([
    listAllActive(db, c._id, { _id: 1, shortCode: 1, status: 1 }),
    listCheckedIn(db, c._id),
  ]);
  const registered = entries.filter((r) => r.status === 'registered');
  return {
    competitionId: c._id.toHexString(),
    publicKey: c.publicKey,
    generatedAt: new Date().toISOString(),
    lateLimitMinutes: c.lateLimitMinutes,
    lists: c.checkinLists,
    events: c.events.map((e) => ({ id: e.id, name: e.name, startsAt: e.startsAt.toISOString() })),
    registrationIds: registered.map((r) => r._id.toHexString()),
    shortCodes: registered.map((r) => [r._id.toHexString(), r.shortCode]),
    checkedIn: checkedIn.map((k) => [k.registrationId.toHexString(), k.list]),
  };
}
