/**
 * The query planner: picks how to find the candidate documents of a filter, and in which order.
 *
 * Plans: IDHACK (`_id` equality), IXSCAN on `_id` ($in), IXSCAN on a secondary index, COLLSCAN.
 * An index plan takes the longest prefix of index fields the filter pins by equality / $in, then
 * an optional range on the next field, and walks the key trie (key-trie.ts) from the nodes of
 * that prefix. When the sort asks for the index fields that follow the prefix, the walk reads
 * them in key order (merging the streams of several $in values), so sort + limit stops after
 * about `limit` matching documents instead of sorting every candidate.
 *
 * Choice, by estimated documents examined: an unsorted plan examines every candidate (its exact
 * count is known from the trie); an ordered plan with a limit examines about
 * limit × candidates / expected matches, where expected matches is the smallest candidate count
 * of any plan. Ties go to the index.
 *
 * A plan is `exact` when every document it yields matches the filter (each predicate was an
 * equality on a plain scalar or a single-typed range the walk enforced): no per-document test.
 */
import type { Document } from 'bson';
import type { Collection, Overlay } from './collection';
import type { SecondaryIndex } from './index-def';
import type { KeyNode } from './key-trie';
import { isSimpleScalar } from './matcher';
import { compareValues, typeRank } from './values';

export type SortSpec = [string, 1 | -1][];

export interface PlanStats {
  keysExamined: number;
  docsExamined: number;
}

export interface Plan {
  stage: 'COLLSCAN' | 'IDHACK' | 'IXSCAN';
  index?: { name: string; keyPattern: Document; multikey: boolean };
  /** the index bounds, as explain shows them */
  bounds?: () => Document;
  /** groups come out in the requested order; documents inside a group tie on the walked fields */
  sorted: boolean;
  /** every yielded document matches the filter */
  exact: boolean;
  /** estimated documents examined */
  cost: number;
  groups(stats: PlanStats): Iterable<Document[]>;
}

const MAX_PREFIX_COMBINATIONS = 1000;
const COLLSCAN_CHUNK = 512;

export function isOperatorObject(v: unknown): v is Document {
  if (!v || typeof v !== 'object' || Array.isArray(v) || (v as { _bsontype?: string })._bsontype)
    return false;
  if (v instanceof Date || v instanceof RegExp) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}

/** The values a predicate requires a field to equal (plain value, $eq or $in), or null. */
function equalityValues(pred: unknown): unknown[] | null {
  if (pred === undefined) return null;
  const plain = (v: unknown) => !Array.isArray(v) && !(v instanceof RegExp);
  if (!isOperatorObject(pred)) return plain(pred) ? [pred] : null;
  const keys = Object.keys(pred);
  if (keys.length === 1 && '$eq' in pred && plain(pred.$eq)) return [pred.$eq];
  if (keys.length === 1 && Array.isArray(pred.$in) && pred.$in.every(plain)) {
    // {$in: [null]} also matches a missing field, indexed as null
    return pred.$in.some((v: unknown) => v === null) ? [...pred.$in, undefined] : pred.$in;
  }
  return null;
}

/** Can the index decide this equality exactly (no null: it also matches missing fields)? */
function exactEquality(values: unknown[]): boolean {
  return values.every((v) => v !== null && v !== undefined && isSimpleScalar(v));
}

interface Bound {
  value: unknown;
  strict: boolean;
}

interface Range {
  rank: number;
  lower?: Bound;
  upper?: Bound;
  /** both bounds of the filter are enforced (a multikey field keeps only one) */
  exact: boolean;
}

function rangeOf(pred: unknown, multikey: boolean): Range | null {
  if (!isOperatorObject(pred)) return null;
  const ops = Object.keys(pred);
  if (!ops.every((op) => op === '$gt' || op === '$gte' || op === '$lt' || op === '$lte')) return null;
  const bound = (op: string): Bound | undefined =>
    op in pred ? { value: pred[op], strict: op === '$gt' || op === '$lt' } : undefined;
  const lower = bound('$gt') ?? bound('$gte');
  const upper = bound('$lt') ?? bound('$lte');
  const all = [lower, upper].filter((b): b is Bound => !!b);
  if (ops.length !== all.length) return null; // both $gt and $gte: leave it to the filter
  if (!all.every((b) => b.value !== null && isSimpleScalar(b.value))) return null;
  const rank = typeRank(all[0].value);
  if (!all.every((b) => typeRank(b.value) === rank)) return null;
  // on arrays each bound may be met by a different element: one bound only, the filter does the rest
  if (multikey && lower && upper) return { rank, lower, exact: false };
  return { rank, lower, upper, exact: true };
}

/** [from, to) positions of `node`'s children inside the range (within the bound's BSON type). */
function span(node: KeyNode, range: Range | null): [number, number] {
  const list = node.sorted();
  if (!range) return [0, list.length];
  const rankStart = (rank: number) => {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (typeRank(list[mid].value) < rank) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const from = range.lower ? node.lowerBound(range.lower.value, range.lower.strict) : rankStart(range.rank);
  const to = range.upper
    ? node.lowerBound(range.upper.value, !range.upper.strict)
    : rankStart(range.rank + 1);
  return [from, Math.max(from, Math.min(to, rankStart(range.rank + 1)))];
}

interface Group {
  keys: unknown[];
  ids: Iterable<string>;
}

/** The key groups under `node`, in the order of `dirs` for the next levels (range on the first). */
function* walk(node: KeyNode, dirs: (1 | -1)[], range: Range | null): Generator<Group> {
  if (dirs.length === 0) {
    yield { keys: [], ids: node.ids };
    return;
  }
  const list = node.sorted();
  const [from, to] = span(node, range);
  const rest = dirs.slice(1);
  if (dirs[0] === 1) {
    for (let i = from; i < to; i++)
      for (const g of walk(list[i], rest, null)) yield { keys: [list[i].value, ...g.keys], ids: g.ids };
  } else {
    for (let i = to - 1; i >= from; i--)
      for (const g of walk(list[i], rest, null)) yield { keys: [list[i].value, ...g.keys], ids: g.ids };
  }
}

/** Merges ordered group streams (one per $in combination) into one ordered stream. */
function* merge(streams: Generator<Group>[], dirs: (1 | -1)[]): Generator<Group> {
  if (streams.length === 1) {
    yield* streams[0];
    return;
  }
  const cmp = (a: unknown[], b: unknown[]) => {
    for (let i = 0; i < dirs.length; i++) {
      const c = compareValues(a[i], b[i]) * dirs[i];
      if (c) return c;
    }
    return 0;
  };
  const heads = streams.map((s) => s.next());
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      if (heads[i].done) continue;
      if (best < 0 || cmp(heads[i].value!.keys, heads[best].value!.keys) < 0) best = i;
    }
    if (best < 0) return;
    const keys = (heads[best].value as Group).keys;
    const ids: string[] = [];
    for (let i = 0; i < heads.length; i++) {
      while (!heads[i].done && cmp((heads[i].value as Group).keys, keys) === 0) {
        for (const id of (heads[i].value as Group).ids) ids.push(id);
        heads[i] = streams[i].next();
      }
    }
    yield { keys, ids };
  }
}

/** Counts ids in range under the nodes, giving up once past `cap` (enough to lose to another plan). */
function estimate(nodes: KeyNode[], range: Range | null, cap: number): number {
  let n = 0;
  for (const node of nodes) {
    if (!range) {
      n += node.ids.size;
    } else {
      const [from, to] = span(node, range);
      const list = node.sorted();
      for (let i = from; i < to && n <= cap; i++) n += list[i].ids.size;
    }
    if (n > cap) return n;
  }
  return n;
}

function docsOf(
  coll: Collection,
  ids: Iterable<string>,
  seen: Set<string> | null,
  stats: PlanStats,
): Document[] {
  const out: Document[] = [];
  for (const id of ids) {
    stats.keysExamined++;
    if (seen) {
      if (seen.has(id)) continue;
      seen.add(id);
    }
    const d = coll.docs.get(id);
    if (d) out.push(d);
  }
  return out;
}

function collScan(coll: Collection, needsSort: boolean): Plan {
  return {
    stage: 'COLLSCAN',
    sorted: !needsSort,
    exact: false,
    cost: coll.docs.size * (needsSort ? 1.3 : 1) + 1,
    *groups() {
      let chunk: Document[] = [];
      for (const d of coll.docs.values()) {
        chunk.push(d);
        if (chunk.length === COLLSCAN_CHUNK) {
          yield chunk;
          chunk = [];
        }
      }
      if (chunk.length) yield chunk;
    },
  };
}

function idPlan(coll: Collection, filter: Document, needsSort: boolean): Plan | null {
  const pred = filter._id;
  if (pred === undefined) return null;
  const values = equalityValues(pred);
  if (!values) return null;
  const single = !isOperatorObject(pred) || '$eq' in pred;
  const keys = Object.keys(filter);
  return {
    stage: single ? 'IDHACK' : 'IXSCAN',
    index: single ? undefined : { name: '_id_', keyPattern: { _id: 1 }, multikey: false },
    bounds: single ? undefined : () => ({ _id: values.map(String) }),
    sorted: !needsSort || single,
    exact: keys.length === 1 && exactEquality(values),
    cost: values.length,
    *groups(stats) {
      const seen = new Set<string>();
      const docs: Document[] = [];
      for (const v of values) {
        stats.keysExamined++;
        const d = coll.get(v);
        if (d && !seen.has(coll.keyOf(d))) {
          seen.add(coll.keyOf(d));
          docs.push(d);
        }
      }
      yield docs;
    },
  };
}

function indexPlan(
  coll: Collection,
  index: SecondaryIndex,
  filter: Document,
  sort: SortSpec,
): (Plan & { candidates: number }) | null {
  if (index.spec.partialFilterExpression || index.spec.sparse) return null; // they omit documents
  const prefix: unknown[][] = [];
  let combinations = 1;
  for (const field of index.fields) {
    const values = equalityValues(filter[field]);
    if (!values || combinations * values.length > MAX_PREFIX_COMBINATIONS) break;
    combinations *= values.length;
    prefix.push(values);
  }
  const k = prefix.length;
  const rangeField = index.fields[k];
  const range = rangeField ? rangeOf(filter[rangeField], index.multikeyFields.has(rangeField)) : null;

  // which sort fields the walk can deliver in order: constants of the prefix, then fields k, k+1, …
  const dirs: (1 | -1)[] = [];
  let consumed = 0;
  for (const [field, dir] of sort) {
    const at = index.fields.indexOf(field);
    if (at >= 0 && at < k && prefix[at].length === 1) {
      consumed++;
      continue;
    }
    if (at !== k + dirs.length) break;
    // a multikey field walked inside a range would surface a document at an element that is not its sort key
    if (index.multikeyFields.has(field) && dirs.length === 0 && range) break;
    dirs.push(dir);
    consumed++;
  }
  // groups come in the order of the walked fields; ties on them are sorted by the rest in memory
  const sorted = consumed === sort.length || dirs.length > 0;
  if (k === 0 && !range && dirs.length === 0) return null; // nothing to gain from this index

  const nodes = index.nodesFor(prefix);
  const walkDirs: (1 | -1)[] = dirs.length ? dirs : range ? [1] : [];
  const filterKeys = Object.keys(filter);
  const exact =
    prefix.every(exactEquality) &&
    (!range || range.exact) &&
    filterKeys.every((f) => {
      const at = index.fields.indexOf(f);
      return at >= 0 && (at < k || (at === k && range));
    });
  // a document can come up twice only through an array: several $in values of a multikey prefix
  // field, or several elements of a walked multikey field
  const multikey = (i: number) => index.multikeyFields.has(index.fields[i]);
  const multi =
    prefix.some((values, i) => values.length > 1 && multikey(i)) || walkDirs.some((_, j) => multikey(k + j));
  const candidates = estimate(nodes, range, Number.MAX_SAFE_INTEGER);
  const bounds = (): Document => {
    const out: Document = {};
    index.fields.forEach((f, i) => (out[f] = boundOf(i)));
    return out;
  };
  const boundOf = (i: number): string[] => {
    if (i < k) return prefix[i].map((v) => `[${String(v)}, ${String(v)}]`);
    if (i === k && range)
      return [
        `${range.lower?.strict === false ? '[' : '('}${range.lower ? String(range.lower.value) : 'MinKey'}, ${range.upper ? String(range.upper.value) : 'MaxKey'}${range.upper?.strict === false ? ']' : ')'}`,
      ];
    return ['[MinKey, MaxKey]'];
  };
  return {
    stage: 'IXSCAN',
    index: { name: index.name, keyPattern: index.spec.key, multikey: index.multikeyFields.size > 0 },
    bounds,
    sorted,
    exact,
    candidates,
    cost: candidates,
    *groups(stats) {
      const seen = multi ? new Set<string>() : null;
      const streams = nodes.map((n) => walk(n, walkDirs, range));
      for (const g of merge(streams, walkDirs)) {
        const docs = docsOf(coll, g.ids, seen, stats);
        if (docs.length) yield docs;
      }
    },
  };
}

/**
 * A transaction's view (collection.ts Overlay): the committed collection's plan without the
 * documents the transaction sees differently, then those documents as it sees them. Not exact
 * (they are tested against the filter) and, with a sort, not ordered (the caller sorts).
 */
function overlayPlan(overlay: Overlay, filter: Document, sort: SortSpec, limit: number): Plan {
  const { base, delta } = overlay;
  if (delta.size === 0) return choosePlan(base, filter, sort, limit);
  const inner = choosePlan(base, filter, sort, sort.length ? 0 : limit);
  return {
    ...inner,
    sorted: inner.sorted && sort.length === 0,
    exact: false,
    *groups(stats) {
      for (const group of inner.groups(stats)) {
        const kept = group.filter((d) => !delta.has(base.keyOf(d)));
        if (kept.length) yield kept;
      }
      const mine: Document[] = [];
      for (const d of delta.values()) if (d) mine.push(d);
      if (mine.length) yield mine;
    },
  };
}

/** The cheapest plan for this filter, sort and limit (skip + limit; 0 = all). */
export function choosePlan(coll: Collection, filter: Document, sort: SortSpec, limit: number): Plan {
  const overlay = coll.overlay();
  if (overlay) return overlayPlan(overlay, filter, sort, limit);
  const needsSort = sort.length > 0;
  const byId = idPlan(coll, filter, needsSort);
  if (byId && byId.stage === 'IDHACK') return byId;
  const plans: (Plan & { candidates?: number })[] = [];
  if (byId) plans.push(byId);
  for (const index of coll.indexes.values()) {
    const p = indexPlan(coll, index, filter, sort);
    if (p) plans.push(p);
  }
  const scan = collScan(coll, needsSort);
  if (plans.length === 0) return scan;
  const expectedMatches = Math.max(1, Math.min(coll.docs.size, ...plans.map((p) => p.candidates ?? p.cost)));
  for (const p of plans) {
    const candidates = p.candidates ?? p.cost;
    if (p.sorted && limit > 0) p.cost = Math.min(candidates, (limit * candidates) / expectedMatches);
    else if (!p.sorted) p.cost = candidates * 1.3;
  }
  let best: Plan = scan;
  for (const p of plans) if (p.cost <= best.cost) best = p;
  return best;
}
