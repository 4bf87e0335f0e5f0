/**
 * Query helpers shared by the commands: match (index candidates, then mingo), sort in BSON
 * order, projection (mingo), and the equality fields of a filter that seed an upsert.
 */
import type { Document } from 'bson';
import { Query } from 'mingo';
import type { Collection } from '../engine/collection';
import { errors } from '../engine/errors';
import { compareValues, readPath } from '../engine/values';

export function compile(filter: Document | undefined): Query {
  try {
    return new Query(filter ?? {});
  } catch (e) {
    throw errors.badValue((e as Error).message);
  }
}

export function matchAll(coll: Collection | undefined, filter: Document | undefined): Document[] {
  if (!coll) return [];
  const q = compile(filter);
  const out: Document[] = [];
  for (const doc of coll.candidates(filter ?? {})) if (q.test(doc)) out.push(doc);
  return out;
}

export function matchFirst(coll: Collection | undefined, filter: Document | undefined): Document | undefined {
  if (!coll) return undefined;
  const q = compile(filter);
  for (const doc of coll.candidates(filter ?? {})) if (q.test(doc)) return doc;
  return undefined;
}

function sortKey(doc: Document, field: string, dir: number): unknown {
  const values = readPath(doc, field).flatMap((v) => (Array.isArray(v) ? (v.length ? v : [undefined]) : [v]));
  if (values.length === 0) return null;
  // arrays sort by their smallest element ascending, largest descending
  return values.reduce((a, b) => (compareValues(a, b) * dir <= 0 ? a : b));
}

export function sortDocs(docs: Document[], sort: Document | undefined): Document[] {
  if (!sort || Object.keys(sort).length === 0) return docs;
  const spec = Object.entries(sort).map(([f, d]) => {
    if (d && typeof d === 'object') return [f, -1] as const; // {$meta: ...}: unsupported, keep stable
    const dir = Number(d);
    if (dir !== 1 && dir !== -1) throw errors.badValue(`bad sort specification for ${f}`);
    return [f, dir] as const;
  });
  const keyed = docs.map((doc) => ({ doc, keys: spec.map(([f, dir]) => sortKey(doc, f, dir)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < spec.length; i++) {
      const c = compareValues(a.keys[i], b.keys[i]) * spec[i][1];
      if (c) return c;
    }
    return 0;
  });
  return keyed.map((k) => k.doc);
}

export function project(docs: Document[], projection: Document | undefined): Document[] {
  if (!projection || Object.keys(projection).length === 0) return docs;
  try {
    return new Query({}).find<Document>(docs, projection).all();
  } catch (e) {
    throw errors.badValue((e as Error).message);
  }
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
