/**
 * find and findAndModify projections. A read never changes what is stored, so a projection
 * builds new documents and copies only what it changes:
 *  - include/exclude projections (`{a: 1}`, `{'form.secret': 0, _id: 0}`), by far the most common,
 *    are applied here without mingo: a new top-level object, and new objects only along the
 *    projected paths (through arrays as MongoDB does: inclusion keeps the documents of an array and
 *    drops its other values, exclusion keeps them); untouched subdocuments are shared with the
 *    stored document, which is never mutated;
 *  - projections with operators (`$slice`, `$elemMatch`, positional `a.$`, expressions) go to mingo,
 *    which edits the documents it is given: it gets a copy of the top-level fields they name.
 */
import type { Document } from 'bson';
import { Query } from 'mingo';
import { CommandError, errors } from '../engine/errors';
import { copyTree, isPlainDocument } from '../engine/values';

export type Projector = (doc: Document) => Document;

/** Field name → the rest of the path, or `true` where a projected path ends. */
interface PathTree {
  [field: string]: PathTree | true;
}

function flag(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  return null;
}

function addPath(tree: PathTree, path: string): void {
  const parts = path.split('.');
  let node = tree;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const last = i === parts.length - 1;
    const existing = node[part];
    if (existing === true || (last && existing !== undefined)) {
      throw new CommandError(
        31249,
        'Location31249',
        `Path collision at ${path} remaining portion ${parts.slice(i).join('.')}`,
      );
    }
    if (last) node[part] = true;
    else node = (node[part] ??= {}) as PathTree;
  }
}

// ---- exclusion -------------------------------------------------------------------------------

function excludeDoc(doc: Document, tree: PathTree): Document {
  let out: Document | null = null;
  for (const field in tree) {
    if (!Object.hasOwn(doc, field)) continue;
    const sub = tree[field];
    if (sub === true) {
      out ??= { ...doc };
      delete out[field];
    } else {
      const value = excludeValue(doc[field], sub);
      if (value !== doc[field]) (out ??= { ...doc })[field] = value;
    }
  }
  return out ?? doc;
}

function excludeValue(value: unknown, tree: PathTree): unknown {
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const v = excludeValue(value[i], tree);
      if (v !== value[i]) (out ??= value.slice())[i] = v;
    }
    return out ?? value;
  }
  return isPlainDocument(value) ? excludeDoc(value, tree) : value;
}

/** Top-level fields only (`{a: 0, b: 0}`): one pass over the document's fields. */
function excludeTopLevel(fields: Set<string>): Projector {
  return (doc) => {
    const out: Document = {};
    for (const k in doc) if (!fields.has(k)) out[k] = doc[k];
    return out;
  };
}

// ---- inclusion -------------------------------------------------------------------------------

function includeDoc(doc: Document, tree: PathTree, keepId: boolean): Document {
  const out: Document = {};
  for (const k in doc) {
    const sub = tree[k];
    if (sub === undefined) {
      if (keepId && k === '_id') out[k] = doc[k];
    } else if (sub === true) {
      out[k] = doc[k];
    } else {
      const v = includeValue(doc[k], sub);
      if (v !== undefined) out[k] = v;
    }
  }
  return out;
}

/** Below a projected path: documents are projected, arrays element by element, anything else dropped. */
function includeValue(value: unknown, tree: PathTree): unknown {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const v of value) {
      const p = includeValue(v, tree);
      if (p !== undefined) out.push(p);
    }
    return out;
  }
  return isPlainDocument(value) ? includeDoc(value, tree, false) : undefined;
}

// ---- operators: mingo on copies ----------------------------------------------------------------

function mingoProjector(projection: Document): Projector {
  const touched = [...new Set(Object.keys(projection).map((k) => k.split('.')[0]))];
  const query = new Query({});
  return (doc) => {
    const copy: Document = { ...doc };
    for (const f of touched) if (Object.hasOwn(copy, f)) copy[f] = copyTree(copy[f]);
    try {
      return query.find<Document>([copy], projection).all()[0];
    } catch (e) {
      throw errors.badValue((e as Error).message);
    }
  };
}

/** The projection as a function, or null when it returns documents as they are (none, or `{}`). */
export function compileProjection(projection: Document | undefined): Projector | null {
  if (!projection) return null;
  const entries = Object.entries(projection);
  if (entries.length === 0) return null;
  let include: boolean | undefined;
  let keepId = true;
  const tree: PathTree = {};
  let nested = false;
  for (const [path, value] of entries) {
    const on = flag(value);
    if (on === null || path.includes('$')) return mingoProjector(projection);
    if (path === '_id') {
      keepId = on;
      continue;
    }
    if (include === undefined) include = on;
    else if (include !== on) {
      throw on
        ? new CommandError(
            31253,
            'Location31253',
            `Cannot do inclusion on field ${path} in exclusion projection`,
          )
        : new CommandError(
            31254,
            'Location31254',
            `Cannot do exclusion on field ${path} in inclusion projection`,
          );
    }
    if (path.includes('.')) nested = true;
    addPath(tree, path);
  }
  if (include === undefined && keepId) {
    return (doc) => (Object.hasOwn(doc, '_id') ? { _id: doc._id } : {}); // {_id: 1} alone
  }
  if (include) return (doc) => includeDoc(doc, tree, keepId && tree._id === undefined);
  if (!keepId) addPath(tree, '_id');
  if (!nested) return excludeTopLevel(new Set(Object.keys(tree)));
  return (doc) => excludeDoc(doc, tree);
}

export function project(docs: Document[], projection: Document | undefined): Document[] {
  const fn = compileProjection(projection);
  return fn ? docs.map(fn) : docs;
}
