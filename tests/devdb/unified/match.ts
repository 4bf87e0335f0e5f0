/**
 * The Unified Test Format's matching rules ("Evaluating Matches"): expected values are query-like
 * (extra fields allowed in root-level documents only, key order free, numbers compared by value
 * across int/long/double) with the special operators `$$exists`, `$$type`, `$$unsetOrMatches`,
 * `$$matchesEntity` and `$$lte`; collection outcomes must match exactly. A mismatch throws an
 * error naming the path.
 */
import { Binary, EJSON, Long, ObjectId, type Document } from 'bson';

export class MatchError extends Error {}

const fail = (path: string, message: string): never => {
  throw new MatchError(`${path || '(root)'}: ${message}`);
};

const show = (v: unknown): string => {
  try {
    return EJSON.stringify(v as Document, { relaxed: true });
  } catch {
    return String(v);
  }
};

type Bsonish = { _bsontype?: string };

function isDocument(v: unknown): v is Document {
  return (
    !!v &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    !(v instanceof Date) &&
    !(v instanceof RegExp) &&
    !(v as Bsonish)._bsontype
  );
}

/** The driver hands some command fields (sort, index keys) out as Maps. */
function asDocument(v: unknown): unknown {
  return v instanceof Map ? Object.fromEntries(v) : v;
}

function numeric(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  const t = (v as Bsonish)?._bsontype;
  if (t === 'Long') return (v as Long).toNumber();
  if (t === 'Int32' || t === 'Double') return Number((v as { valueOf(): number }).valueOf());
  return null;
}

const TYPES: Record<string, (v: unknown) => boolean> = {
  double: (v) => typeof v === 'number' || (v as Bsonish)?._bsontype === 'Double',
  int: (v) => (typeof v === 'number' && Number.isInteger(v)) || (v as Bsonish)?._bsontype === 'Int32',
  long: (v) => (typeof v === 'number' && Number.isInteger(v)) || Long.isLong(v) || typeof v === 'bigint',
  decimal: (v) => (v as Bsonish)?._bsontype === 'Decimal128',
  string: (v) => typeof v === 'string',
  object: (v) => isDocument(v) || v instanceof Map,
  array: (v) => Array.isArray(v),
  binData: (v) => v instanceof Binary,
  objectId: (v) => v instanceof ObjectId,
  bool: (v) => typeof v === 'boolean',
  date: (v) => v instanceof Date,
  null: (v) => v === null,
  regex: (v) => v instanceof RegExp || (v as Bsonish)?._bsontype === 'BSONRegExp',
  timestamp: (v) => (v as Bsonish)?._bsontype === 'Timestamp',
  minKey: (v) => (v as Bsonish)?._bsontype === 'MinKey',
  maxKey: (v) => (v as Bsonish)?._bsontype === 'MaxKey',
};

export interface MatchContext {
  entities?: Map<string, unknown>;
}

function specialOperator(expected: Document): string | null {
  const keys = Object.keys(expected);
  return keys.length === 1 && keys[0].startsWith('$$') ? keys[0] : null;
}

function matchScalar(expected: unknown, actual: unknown, path: string): void {
  const x = numeric(expected);
  const y = numeric(actual);
  if (x !== null || y !== null) {
    if (x === null || y === null || !(x === y || (Number.isNaN(x) && Number.isNaN(y))))
      fail(path, `expected ${show(expected)}, got ${show(actual)}`);
    return;
  }
  if (expected === null || expected === undefined) {
    if (actual !== expected) fail(path, `expected ${show(expected)}, got ${show(actual)}`);
    return;
  }
  if (typeof expected !== 'object') {
    if (actual !== expected) fail(path, `expected ${show(expected)}, got ${show(actual)}`);
    return;
  }
  // BSON values, dates, regexes: compare their canonical extended JSON
  const a = EJSON.stringify({ v: expected } as Document, { relaxed: false });
  const b = EJSON.stringify({ v: actual } as Document, { relaxed: false });
  if (a !== b) fail(path, `expected ${show(expected)}, got ${show(actual)}`);
}

/**
 * `expected` matches `actual` by the unified format's rules. `root` says whether extra fields are
 * allowed in `actual` (root-level documents), `rootElements` says the same of an array's elements
 * (documents read from a cursor, not a `distinct` list), `exact` disables every relaxation (outcomes).
 */
export function match(
  expected: unknown,
  actual: unknown,
  opts: { root?: boolean; rootElements?: boolean; exact?: boolean; path?: string; ctx?: MatchContext } = {},
): void {
  const path = opts.path ?? '';
  const ctx = opts.ctx ?? {};
  actual = asDocument(actual);
  if (isDocument(expected) && !opts.exact) {
    const op = specialOperator(expected);
    if (op) return matchSpecial(op, expected[op], actual, { ...opts, path, ctx });
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return fail(path, `expected an array, got ${show(actual)}`);
    if (actual.length !== expected.length)
      fail(path, `expected ${expected.length} elements, got ${actual.length}: ${show(actual)}`);
    expected.forEach((e, i) =>
      match(e, actual[i], { root: opts.rootElements, exact: opts.exact, path: `${path}[${i}]`, ctx }),
    );
    return;
  }
  if (!isDocument(expected)) return matchScalar(expected, actual, path);
  if (!isDocument(actual)) return fail(path, `expected a document, got ${show(actual)}`);
  for (const [key, value] of Object.entries(expected)) {
    const sub = `${path}.${key}`;
    const op = !opts.exact && isDocument(value) ? specialOperator(value) : null;
    const present = Object.hasOwn(actual, key) && actual[key] !== undefined;
    if (op === '$$exists') {
      if (present !== Boolean(value.$$exists))
        fail(
          sub,
          value.$$exists ? 'expected the field to exist' : `expected no field, got ${show(actual[key])}`,
        );
      continue;
    }
    if (op === '$$unsetOrMatches' && (!present || actual[key] === null)) continue;
    if (!present) fail(sub, 'expected the field to exist');
    match(value, actual[key], { exact: opts.exact, path: sub, ctx });
  }
  if (!opts.root || opts.exact) {
    const extra = Object.keys(actual).filter((k) => !Object.hasOwn(expected, k) && actual[k] !== undefined);
    if (extra.length) fail(path, `unexpected fields ${extra.join(', ')} in ${show(actual)}`);
  }
}

function matchSpecial(
  op: string,
  arg: unknown,
  actual: unknown,
  opts: { root?: boolean; path: string; ctx: MatchContext },
): void {
  const { path } = opts;
  switch (op) {
    case '$$unsetOrMatches':
      if (actual === undefined || actual === null) return;
      return match(arg, actual, opts);
    case '$$type': {
      const types = Array.isArray(arg) ? arg : [arg];
      if (actual === undefined || !types.some((t: string) => TYPES[t]?.(actual)))
        fail(path, `expected a value of type ${types.join('|')}, got ${show(actual)}`);
      return;
    }
    case '$$exists':
      if ((actual !== undefined) !== Boolean(arg)) fail(path, `$$exists: ${String(arg)}`);
      return;
    case '$$matchesEntity': {
      const entity = opts.ctx.entities?.get(arg as string);
      if (entity === undefined) throw new Error(`no entity named ${String(arg)}`);
      return match(entity, actual, opts);
    }
    case '$$lte': {
      const y = numeric(actual);
      if (y === null || y > (numeric(arg) ?? NaN))
        fail(path, `expected at most ${show(arg)}, got ${show(actual)}`);
      return;
    }
    default:
      throw new Error(`unsupported special operator ${op} at ${path}`);
  }
}
