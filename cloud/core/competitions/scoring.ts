/**
 * Results from part scores, a pure function of the scheme and the entries:
 *  - total = Σ weight × points / maxPoints over the parts (weights add up to 100, so a total is out
 *    of 100), rounded to two decimals; none while a part is missing;
 *  - ranks per event by total, highest first; equal totals share a rank (1, 2, 2, 4);
 *  - prizes by rank: the first `first` ranks 一等奖, the next `second` 二等奖, the next `third`
 *    三等奖 (a tie on a border gives both entries the better prize);
 *  - team rows per event: each unit's best N totals summed (N = teamBestN; all when unset),
 *    ranked the same way.
 */
import { PRIZES, type Prize, type ScorePartView, type TeamRow } from '../../../src/contracts/competitions';

export interface ScoredEntry {
  id: string;
  eventId: string;
  orgId: string;
  orgName: string;
  scores: Record<string, number>;
}

export interface Scheme {
  parts: ScorePartView[];
  teamBestN: number | null;
  prizes: Record<Prize, number>;
}

export interface EntryResult {
  id: string;
  total: number | null;
  rank: number | null;
  prize: Prize | null;
}

const hundredths = (n: number) => Math.round(n * 100);

export function totalOf(parts: readonly ScorePartView[], scores: Record<string, number>): number | null {
  let sum = 0; // in hundredths of a point
  for (const p of parts) {
    const points = scores[p.key];
    if (points === undefined) return null;
    sum += (p.weight * hundredths(points)) / p.maxPoints;
  }
  return Math.round(sum) / 100;
}

/** Competition ranking (1, 2, 2, 4) of values, highest first. */
function ranksOf<T>(items: T[], value: (t: T) => number): Map<T, number> {
  const sorted = [...items].sort((a, b) => value(b) - value(a));
  const ranks = new Map<T, number>();
  sorted.forEach((item, i) => {
    const prev = sorted[i - 1];
    ranks.set(item, prev !== undefined && value(prev) === value(item) ? ranks.get(prev)! : i + 1);
  });
  return ranks;
}

export function prizeFor(rank: number, prizes: Record<Prize, number>): Prize | null {
  let border = 0;
  for (const p of PRIZES) {
    border += prizes[p];
    if (rank <= border) return p;
  }
  return null;
}

export function computeResults(
  scheme: Scheme,
  entries: readonly ScoredEntry[],
): { entries: Map<string, EntryResult>; teams: TeamRow[] } {
  const out = new Map<string, EntryResult>();
  const totals = entries.map((e) => ({ e, total: totalOf(scheme.parts, e.scores) }));
  const byEvent = new Map<string, { e: ScoredEntry; total: number }[]>();
  for (const t of totals) {
    out.set(t.e.id, { id: t.e.id, total: t.total, rank: null, prize: null });
    if (t.total === null) continue;
    byEvent.set(t.e.eventId, [...(byEvent.get(t.e.eventId) ?? []), { e: t.e, total: t.total }]);
  }
  const teams: TeamRow[] = [];
  for (const [eventId, scored] of byEvent) {
    const ranks = ranksOf(scored, (s) => s.total);
    for (const s of scored) {
      const rank = ranks.get(s)!;
      out.set(s.e.id, { id: s.e.id, total: s.total, rank, prize: prizeFor(rank, scheme.prizes) });
    }
    const byUnit = new Map<string, { orgName: string; totals: number[] }>();
    for (const s of scored) {
      const unit = byUnit.get(s.e.orgId) ?? { orgName: s.e.orgName, totals: [] };
      unit.totals.push(s.total);
      byUnit.set(s.e.orgId, unit);
    }
    const rows = [...byUnit].map(([orgId, u]) => {
      const best = u.totals.sort((a, b) => b - a).slice(0, scheme.teamBestN ?? u.totals.length);
      const total = best.reduce((sum, t) => sum + hundredths(t), 0) / 100;
      return { orgId, orgName: u.orgName, eventId, total, counted: best.length, rank: 0 };
    });
    const teamRanks = ranksOf(rows, (r) => r.total);
    for (const r of rows) teams.push({ ...r, rank: teamRanks.get(r)! });
  }
  teams.sort((a, b) => a.eventId.localeCompare(b.eventId) || a.rank - b.rank);
  return { entries: out, teams };
}
