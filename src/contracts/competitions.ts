/**
 * 劳动竞赛 / 技能比武 (labour and skill competitions) API contract, shared by the mini app, the
 * H5 scanner and venue screen, and the cloud function `competitions`. docs/competitions.md
 * describes the whole API, the ticket format (ticket.ts) and the check-in algorithm.
 *
 * Registrations are not a reviewed case: a worker registers (or a 基层 officer nominates them),
 * gets a seat or a waiting-list place, and a signed ticket. Officers scan tickets into check-in
 * lists (default `entry`), judges enter part scores, results are computed and published.
 * Times travel as ISO 8601 strings with an offset (`2026-05-01T09:00:00+08:00`).
 */
import * as z from 'zod/mini';
import type { ErrorCode } from './errors';

/** 技能比武, 劳动竞赛, 知识竞赛, 文体 */
export const COMPETITION_KINDS = ['skill', 'labour', 'knowledge', 'sports'] as const;
export type CompetitionKind = (typeof COMPETITION_KINDS)[number];
export const COMPETITION_KIND_TEXT: Record<CompetitionKind, string> = {
  skill: '技能比武',
  labour: '劳动竞赛',
  knowledge: '知识竞赛',
  sports: '文体',
};

/**
 * individual: workers sign up themselves (and may be nominated); team: each 基层工会's entries
 * in an event are its team, and only its officers nominate them (a team leader among them).
 */
export const ENTRY_MODES = ['individual', 'team'] as const;
export type EntryMode = (typeof ENTRY_MODES)[number];
export const ENTRY_MODE_TEXT: Record<EntryMode, string> = { individual: '个人报名', team: '单位组队' };

export const REGISTRATION_STATUSES = ['registered', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export const REGISTRATION_STATUS_TEXT: Record<RegistrationStatus, string> = {
  registered: '已报名',
  waitlisted: '候补中',
  cancelled: '已取消',
};

/** Where a competition is in its life, computed from its times and whether results are out. */
export const COMPETITION_PHASES = ['upcoming', 'open', 'closed', 'published'] as const;
export type CompetitionPhase = (typeof COMPETITION_PHASES)[number];
export const COMPETITION_PHASE_TEXT: Record<CompetitionPhase, string> = {
  upcoming: '未开始报名',
  open: '报名中',
  closed: '报名已截止',
  published: '成绩已公布',
};

export const CHECKIN_RESULTS = ['checked_in', 'already'] as const;
export type CheckinResult = (typeof CHECKIN_RESULTS)[number];

/** The check-in list every competition has. */
export const DEFAULT_CHECKIN_LIST = 'entry';
/** A ticket names its lists in one byte (ticket.ts), so a competition has at most 8. */
export const MAX_CHECKIN_LISTS = 8;
/** A ticket names its event by position in one byte. */
export const MAX_EVENTS = 20;

/** 一等奖, 二等奖, 三等奖 */
export const PRIZES = ['first', 'second', 'third'] as const;
export type Prize = (typeof PRIZES)[number];
export const PRIZE_TEXT: Record<Prize, string> = { first: '一等奖', second: '二等奖', third: '三等奖' };

/**
 * Refusals of a scan, each with its own error code (errors.ts), in the order the server checks
 * them (docs/competitions.md). The scanner shows each in red with its message.
 */
export const CHECKIN_REFUSALS = [
  'TICKET_UNREADABLE',
  'TICKET_OTHER_COMPETITION',
  'TICKET_FORGED',
  'TICKET_EXPIRED',
  'CHECKIN_LIST_NOT_ON_TICKET',
  'TICKET_CANCELLED',
  'CHECKIN_TOO_LATE',
] as const satisfies readonly ErrorCode[];
export type CheckinRefusal = (typeof CHECKIN_REFUSALS)[number];

const ID = /^[a-f0-9]{24}$/;
const KEY = /^[a-z][a-z0-9_]{0,19}$/;
const idField = (message = '编号不正确') => z.string().check(z.regex(ID, message));
const timeField = (message: string) => z.iso.datetime({ offset: true, message });
const shortText = (min: number, max: number, message: string) =>
  z.string().check(z.trim(), z.minLength(min, message), z.maxLength(max, message));

export const EventInputSchema = z.strictObject({
  name: shortText(1, 20, '项目名称请填写 1 到 20 个字'),
  capacity: z.number().check(z.int(), z.minimum(1, '名额至少 1 人'), z.maximum(5000, '名额最多 5000 人')),
  /** when this event starts (defaults to the competition's startsAt); late arrival counts from it */
  startsAt: z.optional(timeField('项目开始时间不正确')),
});
export type EventInput = z.infer<typeof EventInputSchema>;

export const CheckinListInputSchema = z.strictObject({
  key: z.string().check(z.regex(KEY, '签到表代号请用小写字母开头的英文或数字')),
  name: shortText(1, 12, '签到表名称请填写 1 到 12 个字'),
  /** late arrival past the limit is refused on this list (on `entry` by default) */
  lateLimitApplies: z.optional(z.boolean()),
});

export const ScorePartInputSchema = z.strictObject({
  key: z.string().check(z.regex(KEY, '评分项代号请用小写字母开头的英文或数字')),
  name: shortText(1, 12, '评分项名称请填写 1 到 12 个字'),
  /** percent of the total; all parts add up to 100 (e.g. 理论 30 / 实操 70) */
  weight: z.number().check(z.int(), z.minimum(1), z.maximum(100)),
  /** the highest score a judge may give for this part (default 100) */
  maxPoints: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(1000))),
});

export const ScoringSchemeSchema = z
  .strictObject({
    parts: z.array(ScorePartInputSchema).check(z.minLength(1), z.maxLength(6)),
    /** team score = sum of the unit's best N totals in an event */
    teamBestN: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(50))),
    /** how many entries per event get 一/二/三等奖 (default 1, 2, 3) */
    prizes: z.optional(
      z.strictObject({
        first: z.number().check(z.int(), z.minimum(0), z.maximum(100)),
        second: z.number().check(z.int(), z.minimum(0), z.maximum(100)),
        third: z.number().check(z.int(), z.minimum(0), z.maximum(100)),
      }),
    ),
  })
  .check(
    z.refine((s) => s.parts.reduce((sum, p) => sum + p.weight, 0) === 100, '各评分项的权重加起来应为 100'),
    z.refine((s) => new Set(s.parts.map((p) => p.key)).size === s.parts.length, '评分项代号不能重复'),
  );
export type ScoringScheme = z.infer<typeof ScoringSchemeSchema>;

/** POST /api/competitions (officer; Idempotency-Key): organised by the officer's own org. */
export const CreateCompetitionSchema = z
  .strictObject({
    title: shortText(2, 40, '竞赛名称请填写 2 到 40 个字'),
    kind: z.enum(COMPETITION_KINDS),
    venue: shortText(2, 60, '比赛地点请填写 2 到 60 个字'),
    startsAt: timeField('比赛开始时间不正确'),
    /** when the competition ends; tickets expire then (default: a day after startsAt) */
    endsAt: z.optional(timeField('比赛结束时间不正确')),
    registrationOpensAt: timeField('报名开始时间不正确'),
    registrationClosesAt: timeField('报名截止时间不正确'),
    events: z.array(EventInputSchema).check(z.minLength(1, '请至少设一个比赛项目'), z.maxLength(MAX_EVENTS)),
    /** most entries one 基层工会 may have in one event (e.g. 3); none: no limit */
    perUnitQuota: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(1000))),
    /** one event per person */
    onePerPerson: z.optional(z.boolean()),
    entryMode: z.optional(z.enum(ENTRY_MODES)),
    /** minutes after an event's start after which entry check-in is refused (default 15) */
    lateLimitMinutes: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(24 * 60))),
    /** default: [{ key: 'entry', name: '入场' }] */
    checkinLists: z.optional(
      z.array(CheckinListInputSchema).check(z.minLength(1), z.maxLength(MAX_CHECKIN_LISTS)),
    ),
    scoring: z.optional(ScoringSchemeSchema),
    /** member ids of the officers who enter scores */
    judgeIds: z.optional(z.array(idField()).check(z.maxLength(20))),
    description: z.optional(z.string().check(z.trim(), z.maxLength(1000, '说明请不超过 1000 字'))),
  })
  .check(
    z.refine(
      (c) => Date.parse(c.registrationOpensAt) < Date.parse(c.registrationClosesAt),
      '报名截止时间应晚于报名开始时间',
    ),
    z.refine((c) => Date.parse(c.registrationClosesAt) <= Date.parse(c.startsAt), '报名应在比赛开始前截止'),
    z.refine((c) => !c.endsAt || Date.parse(c.endsAt) > Date.parse(c.startsAt), '结束时间应晚于开始时间'),
    z.refine(
      (c) => !c.checkinLists || new Set(c.checkinLists.map((l) => l.key)).size === c.checkinLists.length,
      '签到表代号不能重复',
    ),
    z.refine((c) => new Set(c.events.map((e) => e.name)).size === c.events.length, '比赛项目名称不能重复'),
  );
export type CreateCompetitionInput = z.infer<typeof CreateCompetitionSchema>;

/** POST /api/competitions/:id/registrations (member; Idempotency-Key) */
export const RegisterSchema = z.strictObject({ eventId: idField('请选择比赛项目') });

/** POST /api/competitions/:id/nominations (officer whose subtree holds the member; Idempotency-Key) */
export const NominateSchema = z.strictObject({
  eventId: idField('请选择比赛项目'),
  memberId: idField('请选择要推荐的职工'),
  /** the unit team's leader (领队), in team mode */
  teamLeader: z.optional(z.boolean()),
});

/** A client nonce: the same upload sent again is counted once. */
export const NonceSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, '扫码记录编号不正确'));

/** What a scanner sends: the ticket text read from the QR, or the short code typed by hand. */
export const TicketTextSchema = z
  .string()
  .check(z.trim(), z.minLength(4, '请扫码或输入票号'), z.maxLength(400));

/** POST /api/competitions/:id/checkins (officer at the venue) */
export const CheckinSchema = z.strictObject({
  ticket: TicketTextSchema,
  list: z.string().check(z.regex(KEY, '请选择签到表')),
  nonce: NonceSchema,
});

/** One scan made offline: as online, plus when it was scanned on the device. */
export const OfflineScanSchema = z.strictObject({
  ticket: TicketTextSchema,
  list: z.string().check(z.regex(KEY, '请选择签到表')),
  nonce: NonceSchema,
  scannedAt: timeField('扫码时间不正确'),
});

/** POST /api/competitions/:id/checkins/sync (officer): the offline queue, oldest first */
export const CheckinSyncSchema = z.strictObject({
  items: z.array(OfflineScanSchema).check(z.minLength(1, '没有要上传的签到'), z.maxLength(500)),
});

/** POST /api/competitions/:id/self-checkins (member): the venue screen's code, scanned */
export const SelfCheckinSchema = z.strictObject({
  scene: z.string().check(z.trim(), z.minLength(8, '签到码不正确'), z.maxLength(32, '签到码不正确')),
  nonce: NonceSchema,
});

/** PUT /api/competitions/:id/judges (organising officer) */
export const JudgesSchema = z.strictObject({ judgeIds: z.array(idField()).check(z.maxLength(20)) });

/** POST /api/competitions/:id/scores (judge): part scores of one entry, by part key */
export const ScoreEntrySchema = z.strictObject({
  registrationId: idField('请选择选手'),
  parts: z
    .record(
      z.string().check(z.regex(KEY)),
      z.number().check(
        z.minimum(0, '分数不能为负'),
        z.refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, '分数最多保留两位小数'),
      ),
    )
    .check(z.refine((r) => Object.keys(r).length > 0 && Object.keys(r).length <= 6, '请填写分数')),
});

// ---------------------------------------------------------------- views

export interface EventView {
  id: string;
  name: string;
  capacity: number;
  startsAt: string;
  /** seats taken and entries waiting, now */
  registered: number;
  waitlisted: number;
}

export interface CheckinListView {
  key: string;
  name: string;
  lateLimitApplies: boolean;
}

export interface ScorePartView {
  key: string;
  name: string;
  weight: number;
  maxPoints: number;
}

export interface CompetitionSummary {
  id: string;
  title: string;
  kind: CompetitionKind;
  kindText: string;
  venue: string;
  startsAt: string;
  endsAt: string;
  registrationOpensAt: string;
  registrationClosesAt: string;
  phase: CompetitionPhase;
  phaseText: string;
  /** the organising union */
  orgId: string;
  orgName: string;
  events: EventView[];
}

/** GET /api/competitions/:id */
export interface CompetitionView extends CompetitionSummary {
  description: string;
  entryMode: EntryMode;
  perUnitQuota: number | null;
  onePerPerson: boolean;
  lateLimitMinutes: number;
  checkinLists: CheckinListView[];
  scoring: { parts: ScorePartView[]; teamBestN: number | null; prizes: Record<Prize, number> };
  /** base64url Ed25519 public key: the scanner verifies tickets with it (ticket.ts) */
  publicKey: string;
  /** what the caller may do here */
  can: {
    register: boolean;
    nominate: boolean;
    manage: boolean;
    scan: boolean;
    judge: boolean;
  };
  /** the caller's own entries (not cancelled) */
  myRegistrations: RegistrationView[];
}

/** GET /api/competitions?open=1 | ?manage=1 | ?mine=1 */
export interface CompetitionListResponse {
  items: CompetitionSummary[];
}

export interface TicketView {
  /** the QR's text: base64url of the signed binary ticket (ticket.ts) */
  ticket: string;
  /** 8 characters printed under the QR (shown as XXXX-XXXX) for manual entry */
  shortCode: string;
  expiresAt: string;
  lists: string[];
}

/** POST …/registrations, POST …/nominations, GET …/registrations/:rid */
export interface RegistrationView {
  id: string;
  competitionId: string;
  eventId: string;
  eventName: string;
  status: RegistrationStatus;
  statusText: string;
  /** 1 for the first entry waiting, while waitlisted */
  waitlistPosition: number | null;
  /** the entrant's name, masked for anyone but the entrant (张*国) */
  name: string;
  orgName: string;
  nominated: boolean;
  teamLeader: boolean;
  createdAt: string;
  /** only for a registered entry, and only to the entrant themselves */
  ticket?: TicketView;
  /** check-ins so far, by list */
  checkins: { list: string; at: string }[];
}

/** GET /api/competitions/:id/registrations (officer: their subtree; worker: ?mine=1) */
export interface RegistrationListResponse {
  items: RegistrationView[];
}

/** GET /api/competitions/:id/candidates?q= (officer): members in the officer's subtree to nominate */
export interface CandidateView {
  memberId: string;
  name: string;
  orgName: string;
  phoneMasked: string | null;
}

/** POST …/checkins and each item of …/self-checkins */
export interface CheckinResponse {
  result: CheckinResult;
  /** when this ticket was checked in on this list (the first time, for `already`) */
  at: string;
  /** who checked it in, for `already`: the officer's name, or 本人扫码 */
  by?: string;
  list: string;
  registrationId: string;
  eventId: string;
  eventName: string;
  /** the entrant, masked (张*国) */
  name: string;
}

/** GET /api/competitions/:id/offline-pack (officer who may scan): no personal data */
export interface OfflinePack {
  competitionId: string;
  publicKey: string;
  generatedAt: string;
  lateLimitMinutes: number;
  lists: CheckinListView[];
  /** by position: a ticket names its event by index */
  events: { id: string; name: string; startsAt: string }[];
  /** registered entries only (not waitlisted, not cancelled) */
  registrationIds: string[];
  /** short codes for manual entry: [registrationId, shortCode] */
  shortCodes: [string, string][];
  /** already checked in when the pack was made: [registrationId, list] */
  checkedIn: [string, string][];
}

/** One answer of …/checkins/sync, in the order sent. */
export interface SyncItemResult {
  nonce: string;
  outcome: CheckinResult | 'refused';
  /** for refused: the refusal (CHECKIN_REFUSALS) and its words */
  code?: ErrorCode;
  message?: string;
  registrationId?: string;
  list: string;
  /** the check-in that stands for this ticket and list: the earliest scan wins */
  at?: string;
  by?: string;
  /** this scan and another one (another device or an earlier upload) checked in the same ticket */
  conflict?: boolean;
}

export interface CheckinSyncResponse {
  results: SyncItemResult[];
  /** how many items ended checked in / already / refused / in conflict */
  counts: { checked_in: number; already: number; refused: number; conflicts: number };
}

/** POST …/self-checkins */
export interface SelfCheckinResponse {
  items: CheckinResponse[];
}

/** GET /api/competitions/:id/venue-code?list=entry (officer who may scan) */
export interface VenueCodeView {
  /** ≤ 32 characters: a mini-program code's `scene`, or the text of the QR on the venue screen */
  scene: string;
  list: string;
  /** the page a mini-program code opens with the scene */
  page: string;
  /** when the screen should ask for the next code (every 30 s) */
  refreshAt: string;
  /** the code is accepted until about a minute after it was first shown */
  validUntil: string;
}

export interface ResultRow {
  registrationId: string;
  eventId: string;
  /** masked for other participants; in full for officers */
  name: string;
  orgName: string;
  /** part key → points (absent when not entered) */
  parts: Record<string, number>;
  /** weighted total, two decimals; null while a part is missing */
  total: number | null;
  /** 1 = best; ties share a rank; null without a total */
  rank: number | null;
  prize: Prize | null;
  prizeText: string | null;
  checkedIn: boolean;
}

export interface TeamRow {
  orgId: string;
  orgName: string;
  eventId: string;
  /** sum of the unit's best N totals */
  total: number;
  counted: number;
  rank: number;
}

/** GET /api/competitions/:id/results */
export interface ResultsView {
  competitionId: string;
  published: boolean;
  publishedAt: string | null;
  parts: ScorePartView[];
  events: { id: string; name: string; rows: ResultRow[]; teams: TeamRow[] }[];
}

// ---------------------------------------------------------------- manual codes and venue scenes

/** Crockford base32 without I, L, O, U: nothing a reader confuses. */
export const SHORT_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const SHORT_CODE_LENGTH = 8;

/** What a person typed → the code as stored: upper case, no spaces or dashes, O→0, I/L→1. */
export function normalizeShortCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export function isShortCode(text: string): boolean {
  const n = normalizeShortCode(text);
  return n.length === SHORT_CODE_LENGTH && [...n].every((c) => SHORT_CODE_ALPHABET.includes(c));
}

/** ABCD2345 → ABCD-2345, as printed under the QR. */
export function formatShortCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** WeChat mini-program codes carry a scene of at most 32 characters. */
export const MAX_SCENE_LENGTH = 32;
/** The venue code changes every 30 s; the current and the previous one are accepted. */
export const VENUE_CODE_PERIOD_SECONDS = 30;
const VENUE_SCENE = /^([a-f0-9]{24})\.([0-7])([0-9A-Z]{6})$/;

/**
 * A venue scene: `<competition id, 24 hex>.<list index 0–7><code, 6 chars>` (32 characters).
 * The mini-program page opened by the code (and the H5 scanner reading the venue screen's QR)
 * takes the competition id from it and posts the whole scene to …/self-checkins.
 */
export function parseVenueScene(
  scene: string,
): { competitionId: string; listIndex: number; code: string } | null {
  const m = VENUE_SCENE.exec(scene.trim());
  return m ? { competitionId: m[1], listIndex: Number(m[2]), code: m[3] } : null;
}

export function venueScene(competitionId: string, listIndex: number, code: string): string {
  return `${competitionId}.${listIndex}${code}`;
}

/** The worker's competition page (subpackage `packages/competition`): where 消息 links lead. */
export const COMPETITION_DETAIL_PAGE = '/packages/competition/pages/detail/index';
export const competitionLink = (competitionId: string) => `${COMPETITION_DETAIL_PAGE}?id=${competitionId}`;
/** The page a venue mini-program code opens (its `scene` is the venue scene): 首页 → 扫码签到 (the worker's self sign-in). */
export const SELF_CHECKIN_PAGE = 'packages/checkin/pages/index/index';
