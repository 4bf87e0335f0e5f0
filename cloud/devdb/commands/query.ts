/**
 * Query execution shared by the commands: plan (planner.ts), filter (fast matcher or mingo),
 * sort in BSON order, skip/limit, and the equality fields of a filter that seed an upsert.
 * The documents it returns are the stored ones: whoever changes them must copy first
 * (projection.ts, pipeline.ts).
 */
import type { Document } from 'bson';
import { Query } from 'mingo';
import type { Collection } from '../engine/collection';
import { errors } from '../engine/errors';
import { compileMatcher } from '../engine/matcher';
import { choosePlan, type Plan, type PlanStats, type SortSpec } from '../engine/planner';
import { compareValues, readPath } from '../engine/values';

export function compile(filter: Document | undefined): Query {
  try {
    return new Query(filter ?? {});
  } catch (e) {
    throw errors.badValue((e as Error).message);
  }
}

/** The filter as a function: the fast matcher where it applies, mingo otherwise. */
export function matcherFor(filter: Document | undefined): (doc: Document) => boolean {
  const fast = compileMatcher(filter);
  if (fast) return fast;
  const q = compile(filter);
  return (doc) => q.test(doc);
}

export interface QueryOptions {
  sort?: Document;
  skip?: number;
  /** 0 or absent: no limit */
  limit?: number;
}

export interface QueryResult {
  docs: Document[];
  plan: Plan | null;
  stats: PlanStats;
  sorted: boolean;
}

export function parseSort(sort: Document | undefined): SortSpec {
  if (!sort) return [];
  return Object.entries(sort).map(([f, d]) => {
    if (d && typeof d === 'object') return [f, -1] as const; // {$meta: ...}: unsupported, keep stable
    const dir = Number(d);
    if (dir !== 1 && dir !== -1) throw errors.badValue(`bad sort specification for ${f}`);
    return [f, dir] as [string, 1 | -1];
  });
}

/**
 * Runs a query: the planner's candidates, the filter (skipped when the plan is exact), then sort,
 * skip and limit. An ordered plan stops as soon as skip + limit documents are in.
 */
export function runQuery(
  coll: Collection | undefined,
  filter: Document | undefined,
  opts: QueryOptions = {},
): QueryResult {
  const stats: PlanStats = { keysExamined: 0, docsExamined: 0 };
  const spec = parseSort(opts.sort);
  if (!coll) return { docs: [], plan: null, stats, sorted: true };
  const skip = opts.skip ?? 0;
  const limit = opts.limit ?? 0;
  const want = limit ? skip + limit : 0;
  const plan = choosePlan(coll, filter ?? {}, spec, want);
  const test = plan.exact ? null : matcherFor(filter);
  let out: Document[] = [];
  for (const group of plan.groups(stats)) {
    let matched: Document[];
    if (test) {
      matched = [];
      for (const doc of group) {
        stats.docsExamined++;
        if (test(doc)) matched.push(doc);
      }
    } else {
      stats.docsExamined += group.length;
      matched = group;
    }
    if (plan.sorted && spec.length && matched.length > 1) matched = sortDocs(matched, opts.sort);
    for (const d of matched) out.push(d);
    if (plan.sorted && want && out.length >= want) break;
  }
  if (!plan.sorted)
    out = want && want < out.length / 4 ? topDocs(out, opts.sort!, want) : sortDocs(out, opts.sort);
  if (skip || limit) out = out.slice(skip, limit ? skip + limit : undefined);
  return { docs: out, plan, stats, sorted: plan.sorted };
}

/** How many documents match (after skip, up to limit), without collecting them. */
export function countQuery(
  coll: Collection | undefined,
  filter: Document | undefined,
  opts: QueryOptions = {},
): number {
  if (!coll) return 0;
  const skip = opts.skip ?? 0;
  const limit = opts.limit ?? 0;
  const want = limit ? skip + limit : 0;
  const plan = choosePlan(coll, filter ?? {}, [], want);
  const test = plan.exact ? null : matcherFor(filter);
  const stats: PlanStats = { keysExamined: 0, docsExamined: 0 };
  let n = 0;
  for (const group of plan.groups(stats)) {
    if (!test) n += group.length;
    else for (const doc of group) if (test(doc)) n++;
    if (want && n >= want) break;
  }
  n = Math.max(0, n - skip);
  return limit ? Math.min(n, limit) : n;
}

export function matchAll(coll: Collection | undefined, filter: Document | undefined): Document[] {
  return runQuery(coll, filter).docs;
}

export function matchFirst(coll: Collection | undefined, filter: Document | undefined): Document | undefined {
  return runQuery(coll, filter, { limit: 1 }).docs[0];
}

function sortKey(doc: Document, field: string, dir: number): unknown {
  const values = readPath(doc, field).flatMap((v) => (Array.isArray(v) ? (v.length ? v : [undefined]) : [v]));
  if (values.length === 0) return null;
  // arrays sort by their smallest element ascending, largest descending
  return values.reduce((a, b) => (compareValues(a, b) * dir <= 0 ? a : b));
}

interface Keyed {
  doc: Document;
  keys: unknown[];
}

function keyed(doc: Document, spec: SortSpec): Keyed {
  return { doc, keys: spec.map(([f, dir]) => sortKey(doc, f, dir)) };
}

function compareKeyed(a: Keyed, b: Keyed, spec: SortSpec): number {
  for (let i = 0; i < spec.length; i++) {
    const c = compareValues(a.keys[i], b.keys[i]) * spec[i][1];
    if (c) return c;
  }
  return 0;
}

export function sortDocs(docs: Document[], sort: Document | undefined): Document[] {
  if (!sort || Object.keys(sort).length === 0) return docs;
  const spec = parseSort(sort);
  return docs
    .map((doc) => keyed(doc, spec))
    .sort((a, b) => compareKeyed(a, b, spec))
    .map((k) => k.doc);
}

/**
 * The first `k` documents in sort order without sorting them all: one pass keeping the best k
 * in a sorted array (binary insertion after equal keys, so ties keep their order, as a stable
 * sort would). For sort + limit that no index can serve.
 */
export function topDocs(docs: Document[], sort: Document, k: number): Document[] {
  const spec = parseSort(sort);
  const best: Keyed[] = [];
  for (const doc of docs) {
    const item = keyed(doc, spec);
    if (best.length === k && compareKeyed(item, best[k - 1], spec) >= 0) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareKeyed(best[mid], item, spec) <= 0) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, item);
    if (best.length > k) best.pop();
  }
  return best.map((b) => b.doc);
}

/** `{a: 1, 'b.c': 'x', $and: [{d: 2}]}` → the fields an upserted document starts with. */
export function equalityFields(filter: Document | undefined): Document {
  const out: Document = {};
  const visit = (f: Document) => {
    for (const [k, v] of Object.entries(f ?? {})) {
      if (k === '$and' && Array.isArray(v)) v.forEach(visit);
      else if (k.startsWith('$')) continue;
      else if (
        v &&
        typeof v === 'object' &&
        !Array.isArray(v) &&
        !(v instanceof Date) &&
        !(v as { _bsontype?: string })._bsontype
      ) {
        const keys = Object.keys(v);
        if (keys.length && keys.every((x) => x.startsWith('$'))) {
          if ('$eq' in v) setPath(out, k, (v as Document).$eq);
        } else setPath(out, k, v);
      } else setPath(out, k, v);
    }
  };
  visit(filter ?? {});
  return out;
}

function setPath(doc: Document, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    if (!cur[parts[i]] || typeof cur[parts[i]] !== 'object') cur[parts[i]] = {};
    cur = cur[parts[i]];
  }
  cur[parts[parts.length - 1]] = value;
}
