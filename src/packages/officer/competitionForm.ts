/**
 * The officer's 新建竞赛 form, as typed (strings), and the request it makes: each field's problem
 * in words next to it, and the contract's own checks (CreateCompetitionSchema) before sending.
 * Registration opens when the competition is created; 入场 is always a check-in list and
 * 领物资 one more when asked for; scoring parts get keys of their own (part1…).
 */
import {
  CreateCompetitionSchema,
  type CompetitionKind,
  type CreateCompetitionInput,
} from '../../contracts/competitions';
import { parseLocalDateTime } from '../../services/localTime';

export interface EventRow {
  name: string;
  capacity: string;
}
export interface PartRow {
  name: string;
  weight: string;
}

export interface CompetitionForm {
  title: string;
  kind: CompetitionKind;
  venue: string;
  startsAt: string;
  registrationClosesAt: string;
  events: EventRow[];
  perUnitQuota: string;
  onePerPerson: boolean;
  lateLimitMinutes: string;
  goodsList: boolean;
  parts: PartRow[];
  iAmJudge: boolean;
}

export function emptyForm(): CompetitionForm {
  return {
    title: '',
    kind: 'skill',
    venue: '',
    startsAt: '',
    registrationClosesAt: '',
    events: [{ name: '', capacity: '' }],
    perUnitQuota: '',
    onePerPerson: true,
    lateLimitMinutes: '15',
    goodsList: false,
    parts: [
      { name: '理论', weight: '30' },
      { name: '实操', weight: '70' },
    ],
    iAmJudge: true,
  };
}

export type Problems = Record<string, string>;

const whole = (s: string) => (/^\s*\d+\s*$/.test(s) ? Number(s) : null);

export function buildCompetition(
  f: CompetitionForm,
  me: { id: string },
  now: Date,
): { body: CreateCompetitionInput | null; problems: Problems } {
  const problems: Problems = {};
  const startsAt = parseLocalDateTime(f.startsAt);
  if (!startsAt) problems.startsAt = '请按“2026-05-01 09:00”的样子填写比赛开始时间';
  const closesAt = parseLocalDateTime(f.registrationClosesAt);
  if (!closesAt) problems.registrationClosesAt = '请按“2026-04-25 18:00”的样子填写报名截止时间';
  else if (Date.parse(closesAt) <= now.getTime()) problems.registrationClosesAt = '报名截止时间应晚于现在';
  else if (startsAt && Date.parse(closesAt) > Date.parse(startsAt))
    problems.registrationClosesAt = '报名应在比赛开始前截止';

  const events = f.events.map((e, i) => {
    const capacity = whole(e.capacity);
    if (!e.name.trim()) problems[`event-${i}`] = '请填写项目名称';
    else if (!capacity || capacity < 1) problems[`event-${i}`] = '名额请填写整数，至少 1 人';
    return { name: e.name.trim(), capacity: capacity ?? 0 };
  });

  const quota = f.perUnitQuota.trim() ? whole(f.perUnitQuota) : undefined;
  if (quota === null || quota === 0) problems.perUnitQuota = '请填写整数，不限就空着';
  const late = whole(f.lateLimitMinutes);
  if (late === null) problems.lateLimitMinutes = '请填写分钟数，例如 15';

  const parts = f.parts.map((p, i) => ({
    key: `part${i + 1}`,
    name: p.name.trim(),
    weight: whole(p.weight) ?? 0,
  }));
  f.parts.forEach((p, i) => {
    if (!p.name.trim() || !whole(p.weight)) problems[`part-${i}`] = '请填写评分项名称和权重（整数）';
  });
  const total = parts.reduce((n, p) => n + p.weight, 0);
  if (!Object.keys(problems).some((k) => k.startsWith('part-')) && total !== 100)
    problems.parts = `各评分项的权重加起来应为 100，现在是 ${total}`;

  if (Object.keys(problems).length > 0) return { body: null, problems };

  const body = {
    title: f.title.trim(),
    kind: f.kind,
    venue: f.venue.trim(),
    startsAt: startsAt!,
    // open from a minute ago: the server's clock may run a little behind this phone's
    registrationOpensAt: new Date(now.getTime() - 60_000).toISOString(),
    registrationClosesAt: closesAt!,
    events,
    onePerPerson: f.onePerPerson,
    lateLimitMinutes: late!,
    checkinLists: [
      { key: 'entry', name: '入场', lateLimitApplies: true },
      ...(f.goodsList ? [{ key: 'goods', name: '领物资', lateLimitApplies: false }] : []),
    ],
    scoring: { parts },
    ...(quota ? { perUnitQuota: quota } : {}),
    ...(f.iAmJudge ? { judgeIds: [me.id] } : {}),
  };
  const checked = CreateCompetitionSchema.safeParse(body);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const [field, index] = issue.path;
      const key =
        field === 'events' && typeof index === 'number'
          ? `event-${index}`
          : field === 'scoring'
            ? 'parts'
            : String(field ?? 'form');
      problems[key] ??= issue.message;
    }
    return { body: null, problems };
  }
  return { body: checked.data, problems };
}
