/**
 * Check-in at the venue, after pretix's published algorithm. A scan {ticket, list, nonce} is
 * answered by the first of these that applies, always in this order:
 *   1. the list is not one of the competition's            → CHECKIN_LIST_UNKNOWN
 *   2. a scan with this nonce was recorded before          → the answer it got then (a retried
 *      upload counts once); the nonce came with another ticket or list → NONCE_REUSED
 *   3. not a ticket of ours, nor a known short code         → TICKET_UNREADABLE
 *   4. of another competition                               → TICKET_OTHER_COMPETITION
 *   5. the signature fails with this competition's key      → TICKET_FORGED
 *   6. expired at the scan's time                           → TICKET_EXPIRED
 *   7. not valid on this list                               → CHECKIN_LIST_NOT_ON_TICKET
 *   8. the entry is no longer registered                    → TICKET_CANCELLED
 *   9. already checked in on this list                      → `already`, when and by whom
 *  10. later than the event's start + the late limit, on a list where it applies → CHECKIN_TOO_LATE
 *  11. recorded (with its audit entry, one transaction); the unique index on (entry, list) turns a
 *      concurrent second scan into step 9's answer.
 * A short code (typed by hand) skips 4–7. Offline scans (sync) run the same steps at their scan
 * time; when two scans of one ticket and list meet, the earliest scan stands (first scan wins),
 * whichever arrived first, and both answers say `conflict`.
 */
import type { Db } from 'mongodb';
import {
  CHECKIN_REFUSALS,
  isShortCode,
  normalizeShortCode,
  parseVenueScene,
  SELF_CHECKIN_PAGE,
  type CheckinListView,
  type CheckinResponse,
  type CheckinSyncResponse,
  type SelfCheckinResponse,
  type SyncItemResult,
  type VenueCodeView,
} from '../../../src/contracts/competitions';
import type { ErrorCode } from '../../../src/contracts/errors';
import { fromBase64Url, isOnList, readTicket, verifyTicket } from '../../../src/contracts/ticket';
import type { Caller } from '../../platform/auth/caller';
import { writeAudit } from '../../platform/audit/audit-log';
import type { PiiCipher } from '../../platform/crypto/pii';
import { inTransaction } from '../../platform/db/transactions';
import { AppError } from '../../platform/http/app-error';
import { maskName } from '../workflow/mask-name';
import { assertMayScan, visibleOrNotFound } from './access';
import {
  findByNonce,
  findCheckin,
  insertCheckin,
  isDuplicateCheckin,
  replaceWithEarlier,
  type CheckinDoc,
  type ScanRecord,
} from './checkins-repository';
import { secretsOf } from './keys';
import {
  findByShortCode,
  findRegistration,
  listMine,
  type RegistrationDoc,
} from './registrations-repository';
import { findCompetition, type CompetitionDoc } from './repository';
import { checkVenueCode, currentVenueScene } from './venue-code';
import { ObjectId } from 'mongodb';

/** The officer's name as the scanner shows it in "already checked in by …"; a worker's own scan. */
export const SELF_SCAN = '本人扫码';

interface Scan {
  ticket: string;
  list: string;
  nonce: string;
  /** when it was scanned (now, or on the offline device) */
  at: Date;
  by: string;
  byName: string;
  source: ScanRecord['source'];
}

interface Outcome {
  result: 'checked_in' | 'already';
  standing: CheckinDoc;
  reg: RegistrationDoc;
  conflict: boolean;
}

const TICKET_REFUSAL: Record<string, ErrorCode> = {
  unreadable: 'TICKET_UNREADABLE',
  other_competition: 'TICKET_OTHER_COMPETITION',
  forged: 'TICKET_FORGED',
  expired: 'TICKET_EXPIRED',
};

function listOf(c: CompetitionDoc, key: string): { def: CheckinListView; index: number } {
  const index = c.checkinLists.findIndex((l) => l.key === key);
  if (index < 0) throw new AppError('CHECKIN_LIST_UNKNOWN');
  return { def: c.checkinLists[index], index };
}

/** Which entry the text names, without verifying it (for recognising a re-sent scan). */
async function claimedRegistration(db: Db, c: CompetitionDoc, text: string): Promise<string | null> {
  if (isShortCode(text) && text.length <= 12)
    return (await findByShortCode(db, c._id, normalizeShortCode(text)))?._id.toHexString() ?? null;
  return readTicket(text)?.payload.registrationId ?? null;
}

/** Steps 3–8: the entry a ticket (or short code) admits on this list at this time. */
async function admittedEntry(
  db: Db,
  c: CompetitionDoc,
  text: string,
  listIndex: number,
  at: Date,
): Promise<RegistrationDoc> {
  let reg: RegistrationDoc | null;
  if (isShortCode(text) && text.length <= 12) {
    reg = await findByShortCode(db, c._id, normalizeShortCode(text));
    if (!reg) throw new AppError('TICKET_UNREADABLE');
  } else {
    const check = verifyTicket(text, {
      competitionId: c._id.toHexString(),
      publicKey: fromBase64Url(c.publicKey)!,
      nowSeconds: Math.floor(at.getTime() / 1000),
    });
    if (!check.ok) throw new AppError(TICKET_REFUSAL[check.reason]);
    if (!isOnList(check.payload, listIndex)) throw new AppError('CHECKIN_LIST_NOT_ON_TICKET');
    reg = await findRegistration(db, c._id, check.payload.registrationId);
  }
  if (!reg || reg.status !== 'registered') throw new AppError('TICKET_CANCELLED');
  return reg;
}

function assertOnTime(c: CompetitionDoc, list: CheckinListView, reg: RegistrationDoc, at: Date): void {
  if (!list.lateLimitApplies) return;
  const event = c.events.find((e) => e.id === reg.eventId);
  const deadline = (event?.startsAt ?? c.startsAt).getTime() + c.lateLimitMinutes * 60_000;
  if (at.getTime() > deadline) throw new AppError('CHECKIN_TOO_LATE');
}

async function audit(
  db: Db,
  reg: RegistrationDoc,
  scan: ScanRecord & { list: string },
  action: string,
  requestId: string,
  session: Parameters<typeof writeAudit>[2],
  data: Record<string, unknown> = {},
) {
  await writeAudit(
    db,
    {
      actorId: scan.by,
      action,
      entity: 'competitionRegistration',
      entityId: reg._id.toHexString(),
      orgPath: reg.orgPath,
      requestId,
      data: { list: scan.list, source: scan.source, at: scan.at.toISOString(), ...data },
    },
    session,
  );
}

/** Step 9 for a scan that met a standing check-in: `already`, or (offline, earlier) it takes over. */
async function meetStanding(
  db: Db,
  reg: RegistrationDoc,
  standing: CheckinDoc,
  scan: Scan,
  requestId: string,
): Promise<Outcome> {
  if (scan.source !== 'offline' || scan.at >= standing.at)
    return { result: 'already', standing, reg, conflict: scan.source === 'offline' };
  const record: ScanRecord = {
    at: scan.at,
    by: scan.by,
    byName: scan.byName,
    nonce: scan.nonce,
    source: scan.source,
  };
  const replaced = await inTransaction(async (session) => {
    const now = await replaceWithEarlier(db, standing, record, session);
    if (now)
      await audit(
        db,
        reg,
        { ...record, list: scan.list },
        'competition.checkin_replaced',
        requestId,
        session,
        {
          displaced: { at: standing.at.toISOString(), by: standing.by, nonce: standing.nonce },
        },
      );
    return now;
  });
  if (replaced) return { result: 'checked_in', standing: replaced, reg, conflict: true };
  // the standing scan changed meanwhile: judge against what stands now
  const current = await findCheckin(db, reg._id, scan.list);
  return current ? meetStanding(db, reg, current, scan, requestId) : checkIn(db, reg, scan, requestId);
}

/** Steps 9 and 11 (10 is the caller's, between them). */
async function checkIn(db: Db, reg: RegistrationDoc, scan: Scan, requestId: string): Promise<Outcome> {
  const doc: CheckinDoc = {
    _id: new ObjectId(),
    competitionId: reg.competitionId,
    registrationId: reg._id,
    memberId: reg.memberId,
    eventId: reg.eventId,
    list: scan.list,
    orgPath: reg.orgPath,
    at: scan.at,
    by: scan.by,
    byName: scan.byName,
    nonce: scan.nonce,
    source: scan.source,
    recordedAt: new Date(),
    displaced: [],
  };
  try {
    const standing = await inTransaction(async (session) => {
      const existing = await findCheckin(db, reg._id, scan.list, session);
      if (existing) return existing;
      await insertCheckin(db, doc, session);
      await audit(db, reg, { ...scan }, 'competition.checked_in', requestId, session);
      return null;
    });
    if (!standing) return { result: 'checked_in', standing: doc, reg, conflict: false };
    return meetStanding(db, reg, standing, scan, requestId);
  } catch (e) {
    if (!isDuplicateCheckin(e)) throw e;
    // another scan of this ticket and list, or this very scan re-sent, landed first
    const replay = await findByNonce(db, reg.competitionId, scan.nonce);
    if (replay?.nonce === scan.nonce) return { result: 'checked_in', standing: replay, reg, conflict: false };
    const standing = await findCheckin(db, reg._id, scan.list);
    if (!standing) throw e;
    return meetStanding(db, reg, standing, scan, requestId);
  }
}

/** Step 2: the answer a nonce got before, or null for a new scan. */
async function replayed(db: Db, c: CompetitionDoc, scan: Scan): Promise<Outcome | null> {
  const prior = await findByNonce(db, c._id, scan.nonce);
  if (!prior) return null;
  const claimed = await claimedRegistration(db, c, scan.ticket);
  if (prior.list !== scan.list || claimed !== prior.registrationId.toHexString())
    throw new AppError('NONCE_REUSED');
  const reg = await findRegistration(db, c._id, claimed);
  if (!reg) throw new AppError('NONCE_REUSED');
  const stands = prior.nonce === scan.nonce;
  return {
    result: stands ? 'checked_in' : 'already',
    standing: prior,
    reg,
    conflict: !stands || (scan.source === 'offline' && prior.displaced.length > 0),
  };
}

async function runScan(db: Db, c: CompetitionDoc, scan: Scan, requestId: string): Promise<Outcome> {
  const { def, index } = listOf(c, scan.list);
  const again = await replayed(db, c, scan);
  if (again) return again;
  const reg = await admittedEntry(db, c, scan.ticket, index, scan.at);
  const standing = await findCheckin(db, reg._id, scan.list);
  if (standing) return meetStanding(db, reg, standing, scan, requestId);
  assertOnTime(c, def, reg, scan.at);
  return checkIn(db, reg, scan, requestId);
}

function answer(c: CompetitionDoc, o: Outcome): CheckinResponse {
  return {
    result: o.result,
    at: o.standing.at.toISOString(),
    ...(o.result === 'already' ? { by: o.standing.byName } : {}),
    list: o.standing.list,
    registrationId: o.reg._id.toHexString(),
    eventId: o.reg.eventId,
    eventName: c.events.find((e) => e.id === o.reg.eventId)?.name ?? '',
    name: maskName(o.reg.memberName),
  };
}

async function loadForScanning(db: Db, caller: Caller, competitionId: string): Promise<CompetitionDoc> {
  const c = visibleOrNotFound(caller, await findCompetition(db, competitionId));
  assertMayScan(caller, c);
  return c;
}

const officerName = (caller: Caller) => caller.name ?? '工作人员';

/** POST …/checkins: one scan, online. */
export async function scanTicket(
  db: Db,
  caller: Caller,
  competitionId: string,
  input: { ticket: string; list: string; nonce: string },
  requestId: string,
): Promise<CheckinResponse> {
  const c = await loadForScanning(db, caller, competitionId);
  const scan: Scan = {
    ...input,
    at: new Date(),
    by: caller.memberId,
    byName: officerName(caller),
    source: 'scan',
  };
  return answer(c, await runScan(db, c, scan, requestId));
}

const isRefusal = (e: unknown): e is AppError =>
  e instanceof AppError &&
  ([...CHECKIN_REFUSALS, 'NONCE_REUSED', 'CHECKIN_LIST_UNKNOWN'] as string[]).includes(e.code);

/** POST …/checkins/sync: an offline device's queue, each item judged at its scan time. */
export async function syncScans(
  db: Db,
  caller: Caller,
  competitionId: string,
  items: { ticket: string; list: string; nonce: string; scannedAt: string }[],
  requestId: string,
): Promise<CheckinSyncResponse> {
  const c = await loadForScanning(db, caller, competitionId);
  const results: SyncItemResult[] = [];
  const counts = { checked_in: 0, already: 0, refused: 0, conflicts: 0 };
  for (const item of items) {
    const now = Date.now();
    // a device clock ahead of ours cannot date a scan in the future
    const at = new Date(Math.min(Date.parse(item.scannedAt), now));
    const scan: Scan = { ...item, at, by: caller.memberId, byName: officerName(caller), source: 'offline' };
    try {
      const o = await runScan(db, c, scan, requestId);
      counts[o.result]++;
      if (o.conflict) counts.conflicts++;
      results.push({
        nonce: item.nonce,
        outcome: o.result,
        registrationId: o.reg._id.toHexString(),
        list: item.list,
        at: o.standing.at.toISOString(),
        by: o.standing.byName,
        ...(o.conflict ? { conflict: true } : {}),
      });
    } catch (e) {
      if (!isRefusal(e)) throw e;
      counts.refused++;
      results.push({
        nonce: item.nonce,
        outcome: 'refused',
        code: e.code,
        message: e.message,
        list: item.list,
      });
    }
  }
  return { results, counts };
}

/** GET …/venue-code: the scene the venue screen shows now. */
export async function venueCodeFor(
  db: Db,
  cipher: PiiCipher,
  caller: Caller,
  competitionId: string,
  list: string | undefined,
): Promise<VenueCodeView> {
  const c = await loadForScanning(db, caller, competitionId);
  const { def, index } = listOf(c, list ?? c.checkinLists[0].key);
  const { venueSecret } = await secretsOf(db, cipher, c._id);
  const v = currentVenueScene(venueSecret, c._id.toHexString(), index, Date.now());
  return {
    scene: v.scene,
    list: def.key,
    page: SELF_CHECKIN_PAGE,
    refreshAt: v.refreshAt.toISOString(),
    validUntil: v.validUntil.toISOString(),
  };
}

/** POST …/self-checkins: a registered worker scanned the venue screen; each of their entries checks in. */
export async function selfCheckIn(
  db: Db,
  cipher: PiiCipher,
  caller: Caller,
  competitionId: string,
  input: { scene: string; nonce: string },
  requestId: string,
): Promise<SelfCheckinResponse> {
  const c = visibleOrNotFound(caller, await findCompetition(db, competitionId));
  const parsed = parseVenueScene(input.scene);
  if (!parsed || parsed.competitionId !== c._id.toHexString() || parsed.listIndex >= c.checkinLists.length)
    throw new AppError('VENUE_CODE_INVALID');
  const { venueSecret } = await secretsOf(db, cipher, c._id);
  const now = new Date();
  const verdict = checkVenueCode(
    venueSecret,
    parsed.competitionId,
    parsed.listIndex,
    parsed.code,
    now.getTime(),
  );
  if (verdict === 'expired') throw new AppError('VENUE_CODE_EXPIRED');
  if (verdict === 'invalid') throw new AppError('VENUE_CODE_INVALID');
  const list = c.checkinLists[parsed.listIndex];
  const entries = (await listMine(db, caller.memberId, c._id)).filter((r) => r.status === 'registered');
  if (entries.length === 0) throw new AppError('NOT_REGISTERED');
  const items: CheckinResponse[] = [];
  let refusal: AppError | null = null;
  for (const reg of entries) {
    const scan: Scan = {
      ticket: reg.shortCode,
      list: list.key,
      // one nonce per entry: the same upload re-sent counts once for each
      nonce: `${input.nonce}:${reg._id.toHexString()}`,
      at: now,
      by: caller.memberId,
      byName: SELF_SCAN,
      source: 'self',
    };
    try {
      const again = await replayed(db, c, scan);
      if (again) {
        items.push(answer(c, again));
        continue;
      }
      const standing = await findCheckin(db, reg._id, list.key);
      if (standing) {
        items.push(answer(c, await meetStanding(db, reg, standing, scan, requestId)));
        continue;
      }
      assertOnTime(c, list, reg, now);
      items.push(answer(c, await checkIn(db, reg, scan, requestId)));
    } catch (e) {
      if (!isRefusal(e)) throw e;
      refusal ??= e;
    }
  }
  if (items.length === 0 && refusal) throw refusal;
  return { items };
}
