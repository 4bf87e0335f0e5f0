/**
 * A fast matcher for the filters applications send most (equality, $in/$nin, $ne, ranges,
 * $exists, $and/$or over plain fields), compiled once per query into a plain function.
 * Anything else (regex, $elemMatch, $expr, embedded documents, arrays, null on dotted paths, …)
 * is left to mingo: `compileMatcher` returns null and the caller falls back.
 *
 * Semantics follow MongoDB: a path through arrays reaches every element (readPath); a value that
 * is an array matches when the array itself or one of its elements does; each range operator may
 * be met by a different element; ranges compare only within one BSON type (5 is not > '4');
 * `{f: null}` matches null and missing.
 */
import type { Document } from 'bson';
import { compareValues, readPath, typeRank, valueKey } from './values';

export type Matcher = (doc: Document) => boolean;

const SIMPLE_BSON = new Set(['ObjectId', 'Long', 'Int32', 'Double', 'Decimal128']);

/** Values whose equality and order the matcher decides itself (no regex, documents or arrays). */
export function isSimpleScalar(v: unknown): boolean {
  if (v === null) return true;
  const t = typeof v;
  if (t === 'string' || t === 'number' || t === 'boolean') return true;
  if (v instanceof Date) return true;
  return t === 'object' && SIMPLE_BSON.has((v as { _bsontype?: string })._bsontype ?? '');
}

/** Every value a path offers for comparison: each value found, and each element of an array found. */
function candidates(doc: Document, path: string, plain: boolean): unknown[] {
  let found: unknown[];
  if (plain) {
    found = Object.hasOwn(doc, path) ? [doc[path]] : [];
  } else {
    found = readPath(doc, path);
  }
  if (!found.some(Array.isArray)) return found;
  const out: unknown[] = [];
  for (const v of found) {
    out.push(v);
    if (Array.isArray(v)) out.push(...v);
  }
  return out;
}

function equalsAny(path: string, values: unknown[]): Matcher | null {
  if (!values.every(isSimpleScalar)) return null;
  const plain = !path.includes('.');
  const wantsNull = values.includes(null);
  if (wantsNull && !plain) return null; // null through arrays of documents: leave it to mingo
  // strings (the common case) compare as themselves, everything else by canonical key
  const strings = new Set(values.filter((v): v is string => typeof v === 'string'));
  const others = new Set(values.filter((v) => v !== null && typeof v !== 'string').map(valueKey));
  const hit = (v: unknown): boolean =>
    typeof v === 'string'
      ? strings.has(v)
      : v !== null && v !== undefined && others.size > 0 && others.has(valueKey(v));
  if (plain) {
    // no allocation on the hot path: a field holds a scalar or an array of candidates
    return (doc) => {
      const v = Object.hasOwn(doc, path) ? doc[path] : undefined;
      if (v === undefined || v === null) return wantsNull;
      if (!Array.isArray(v)) return hit(v);
      for (const el of v) if (hit(el) || (wantsNull && (el === null || el === undefined))) return true;
      return false;
    };
  }
  return (doc) => {
    for (const v of candidates(doc, path, false)) if (hit(v)) return true;
    return false;
  };
}

const RANGE: Record<string, (c: number) => boolean> = {
  $gt: (c) => c > 0,
  $gte: (c) => c >= 0,
  $lt: (c) => c < 0,
  $lte: (c) => c <= 0,
};

function range(path: string, op: string, bound: unknown): Matcher | null {
  if (!isSimpleScalar(bound) || bound === null) return null;
  const plain = !path.includes('.');
  const rank = typeRank(bound);
  const ok = RANGE[op];
  return (doc) => {
    for (const v of candidates(doc, path, plain)) {
      if (typeRank(v) === rank && !Array.isArray(v) && ok(compareValues(v, bound))) return true;
    }
    return false;
  };
}

function exists(path: string, want: unknown): Matcher {
  const plain = !path.includes('.');
  const yes = Boolean(want);
  return (doc) => (plain ? Object.hasOwn(doc, path) : readPath(doc, path).length > 0) === yes;
}

function isOperatorObject(v: unknown): v is Document {
  if (!v || typeof v !== 'object' || Array.isArray(v) || v instanceof Date) return false;
  if ((v as { _bsontype?: string })._bsontype) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}

function fieldMatcher(path: string, pred: unknown): Matcher | null {
  if (path.startsWith('$') || path === '') return null;
  if (/(^|\.)\d+(\.|$)/.test(path)) return null; // array positions ('a.0'): mingo
  if (!isOperatorObject(pred)) return equalsAny(path, [pred]);
  const parts: Matcher[] = [];
  for (const [op, arg] of Object.entries(pred)) {
    let m: Matcher | null = null;
    if (op === '$eq') m = equalsAny(path, [arg]);
    else if (op === '$in') m = Array.isArray(arg) ? equalsAny(path, arg) : null;
    else if (op === '$ne' || op === '$nin') {
      const inner = op === '$ne' ? equalsAny(path, [arg]) : Array.isArray(arg) ? equalsAny(path, arg) : null;
      m = inner && ((doc) => !inner(doc));
    } else if (op in RANGE) m = range(path, op, arg);
    else if (op === '$exists') m = exists(path, arg);
    if (!m) return null;
    parts.push(m);
  }
  return all(parts);
}

function all(parts: Matcher[]): Matcher {
  if (parts.length === 1) return parts[0];
  return (doc) => {
    for (const p of parts) if (!p(doc)) return false;
    return true;
  };
}

/** A matcher for `filter`, or null when it uses something only mingo implements. */
export function compileMatcher(filter: Document | undefined): Matcher | null {
  if (!filter) return () => true;
  const parts: Matcher[] = [];
  for (const [key, value] of Object.entries(filter)) {
    let m: Matcher | null;
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value) || value.length === 0) return null;
      const subs = value.map((f) => (f && typeof f === 'object' ? compileMatcher(f as Document) : null));
      if (subs.some((x) => !x)) return null;
      const list = subs as Matcher[];
      m = key === '$and' ? all(list) : (doc) => list.some((x) => x(doc));
    } else {
      m = fieldMatcher(key, value);
    }
    if (!m) return null;
    parts.push(m);
  }
  return parts.length === 0 ? () => true : all(parts);
}
