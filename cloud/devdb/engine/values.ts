/**
 * Value semantics the engine needs beyond mingo: a canonical string key per value (for the _id
 * map and index maps: 1 and 1.0 are the same key, ObjectIds compare by bytes, objects by
 * ordered fields), comparison in MongoDB's BSON type order for sorts and ranges (MinKey < null
 * < numbers < strings < objects < arrays < binary < ObjectId < booleans < dates < timestamps <
 * regex < MaxKey), deep clone that keeps BSON classes, and dotted-path reads.
 */
import { Binary, Decimal128, deserialize, Long, ObjectId, serialize, Timestamp, type Document } from 'bson';

type Bsonish = { _bsontype?: string };

export function typeRank(v: unknown): number {
  if (v === undefined || v === null) return 1;
  if (typeof v === 'number' || typeof v === 'bigint') return 2;
  if (typeof v === 'string') return 3;
  if (typeof v === 'boolean') return 8;
  if (v instanceof Date) return 9;
  if (v instanceof RegExp) return 11;
  if (Array.isArray(v)) return 5;
  const t = (v as Bsonish)._bsontype;
  switch (t) {
    case 'MinKey':
      return 0;
    case 'MaxKey':
      return 12;
    case 'Long':
    case 'Int32':
    case 'Double':
    case 'Decimal128':
      return 2;
    case 'Binary':
      return 6;
    case 'ObjectId':
      return 7;
    case 'Timestamp':
      return 10;
    case 'BSONRegExp':
      return 11;
    default:
      return 4;
  }
}

function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  const t = (v as Bsonish)._bsontype;
  if (t === 'Long') return (v as Long).toNumber();
  if (t === 'Decimal128') return Number((v as Decimal128).toString());
  return Number((v as { valueOf(): unknown }).valueOf());
}

export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 1:
      return 0;
    case 2: {
      const x = toNumber(a);
      const y = toNumber(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 3:
      return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
    case 4: {
      const ka = Object.keys(a as object);
      const kb = Object.keys(b as object);
      for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
        if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
        const c = compareValues((a as Document)[ka[i]], (b as Document)[kb[i]]);
        if (c) return c;
      }
      return ka.length - kb.length;
    }
    case 5: {
      const xa = a as unknown[];
      const xb = b as unknown[];
      for (let i = 0; i < Math.min(xa.length, xb.length); i++) {
        const c = compareValues(xa[i], xb[i]);
        if (c) return c;
      }
      return xa.length - xb.length;
    }
    case 6:
      return Buffer.compare(Buffer.from((a as Binary).buffer), Buffer.from((b as Binary).buffer));
    case 7:
      return Buffer.compare(Buffer.from((a as ObjectId).id), Buffer.from((b as ObjectId).id));
    case 8:
      return Number(a) - Number(b);
    case 9:
      return (a as Date).getTime() - (b as Date).getTime();
    case 10:
      return (a as Timestamp).compare(b as Timestamp);
    default:
      return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
  }
}

/** A string that is equal for exactly the values MongoDB treats as equal (for maps and unique checks). */
export function valueKey(v: unknown): string {
  if (v === undefined || v === null) return 'z';
  if (typeof v === 'number') return Object.is(v, -0) ? 'n0' : `n${v}`;
  if (typeof v === 'string') return `s${v}`;
  if (typeof v === 'boolean') return v ? 'bT' : 'bF';
  if (v instanceof Date) return `d${v.getTime()}`;
  if (Array.isArray(v)) return `[${v.map(valueKey).join(',')}]`;
  if (v instanceof RegExp) return `r${v.source}/${v.flags}`;
  const t = (v as Bsonish)._bsontype;
  switch (t) {
    case 'ObjectId':
      return `o${(v as ObjectId).toHexString()}`;
    case 'Long':
    case 'Int32':
    case 'Double':
    case 'Decimal128':
      return `n${toNumber(v)}`;
    case 'Binary':
      return `x${(v as Binary).sub_type}:${Buffer.from((v as Binary).buffer).toString('base64')}`;
    case 'Timestamp':
      return `t${(v as Timestamp).toString()}`;
    case 'MinKey':
      return 'm-';
    case 'MaxKey':
      return 'm+';
  }
  const obj = v as Document;
  return `{${Object.keys(obj)
    .map((k) => `${JSON.stringify(k)}:${valueKey(obj[k])}`)
    .join(',')}}`;
}

/** Reads a dotted path; through arrays it collects every element's value (multikey semantics). */
export function readPath(doc: unknown, path: string): unknown[] {
  let current: unknown[] = [doc];
  for (const part of path.split('.')) {
    const next: unknown[] = [];
    for (const value of current) {
      if (Array.isArray(value)) {
        if (/^\d+$/.test(part) && value[Number(part)] !== undefined) next.push(value[Number(part)]);
        else
          for (const el of value)
            if (el && typeof el === 'object' && part in el) next.push((el as Document)[part]);
      } else if (value && typeof value === 'object' && part in (value as Document)) {
        next.push((value as Document)[part]);
      }
    }
    current = next;
  }
  return current;
}

/** The single value at a path (first one), for sort keys and TTL fields. */
export function readOne(doc: unknown, path: string): unknown {
  return readPath(doc, path)[0];
}

/** Deep copy that keeps BSON types (ObjectId, Date, Long, Binary…) exactly. */
export function cloneDoc<T extends Document>(doc: T): T {
  return deserialize(serialize(doc), { promoteLongs: true, promoteValues: true }) as T;
}

export { Long };

/**
 * A copy of the document tree (plain objects and arrays) that shares its leaves (strings,
 * numbers, dates, ObjectIds, binaries…): enough for code that adds, removes or replaces fields,
 * much cheaper than a BSON round trip.
 */
export function copyTree<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyTree) as T;
  if (!isPlainDocument(value)) return value;
  const out: Document = {};
  for (const k of Object.keys(value)) out[k] = copyTree(value[k]);
  return out as T;
}

/** An embedded document (not an array, date, regex or BSON value). */
export function isPlainDocument(v: unknown): v is Document {
  return (
    !!v &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    !(v instanceof Date) &&
    !(v instanceof RegExp) &&
    !(v as Bsonish)._bsontype &&
    !ArrayBuffer.isView(v)
  );
}
