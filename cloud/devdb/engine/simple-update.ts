/**
 * The updates applications send most — `$set`, `$unset` and `$inc` on plain dotted paths —
 * applied without mingo: copy-on-write along the changed paths only (stored documents are never
 * mutated, so untouched subdocuments can be shared with the previous version). Returns null for
 * anything it does not decide itself (array positions, paths through arrays or BSON values,
 * conflicting paths, Long/Decimal128 $inc, `_id`), and the caller falls back to mingo. Where
 * mingo would silently do nothing but MongoDB refuses ($inc on a string, a field below a
 * scalar), it throws MongoDB's error.
 */
import type { Document } from 'bson';
import { CommandError } from './errors';
import { isPlainDocument, valueKey } from './values';

export interface SimpleResult {
  doc: Document;
  changed: boolean;
}

const SUPPORTED = new Set(['$set', '$unset', '$inc']);
const NUMERIC_BSON = new Set(['Long', 'Int32', 'Double', 'Decimal128']);

function isBsonValue(v: unknown): boolean {
  return !!v && typeof v === 'object' && !!(v as { _bsontype?: string })._bsontype;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const type = (v: unknown) =>
    v === null
      ? 'null'
      : ((v as { _bsontype?: string })?._bsontype ?? (v instanceof Date ? 'date' : typeof v));
  return type(a) === type(b) && valueKey(a) === valueKey(b) && !Array.isArray(a) === !Array.isArray(b);
}

export function applySimpleUpdate(doc: Document, u: Document): SimpleResult | null {
  const ops: [string, string, unknown][] = [];
  for (const [op, spec] of Object.entries(u)) {
    if (!SUPPORTED.has(op) || !isPlainDocument(spec)) return null;
    for (const [path, value] of Object.entries(spec)) {
      // array positions, positional operators and _id are mingo's (and ImmutableField's) business
      if (path === '' || /(^|\.)(\d+|\$[^.]*)(\.|$)/.test(path) || path === '_id' || path.startsWith('_id.'))
        return null;
      if (op === '$inc' && typeof value !== 'number') return null;
      ops.push([op, path, value]);
    }
  }
  if (ops.length === 0) return null;
  // MongoDB refuses `a` together with `a.b` (a conflict); mingo reports that, not us
  const paths = ops.map(([, p]) => p).sort();
  for (let i = 1; i < paths.length; i++) {
    if (paths[i] === paths[i - 1] || paths[i].startsWith(`${paths[i - 1]}.`)) return null;
  }

  const root: Document = { ...doc };
  const copied = new Set<Document>([root]);
  let changed = false;
  for (const [op, path, value] of ops) {
    const parts = path.split('.');
    let parent: Document | null = root;
    for (let i = 0; i < parts.length - 1 && parent; i++) {
      const key = parts[i];
      const next: unknown = parent[key];
      if (next === undefined) {
        if (op === '$unset') {
          parent = null; // nothing there to unset
          break;
        }
        const created: Document = {};
        parent[key] = created;
        copied.add(created);
        parent = created;
        continue;
      }
      if (Array.isArray(next) || (isBsonValue(next) && !isPlainDocument(next))) return null; // arrays: mingo
      if (!isPlainDocument(next)) {
        if (op === '$unset') {
          parent = null; // nothing below a scalar to unset
          break;
        }
        // mingo would skip this silently; MongoDB refuses it
        throw new CommandError(
          28,
          'PathNotViable',
          `Cannot create field '${parts[i + 1]}' in element {${key}: ${JSON.stringify(next)}}`,
        );
      }
      if (!copied.has(next)) {
        const copy = { ...next };
        parent[key] = copy;
        copied.add(copy);
        parent = copy;
      } else {
        parent = next;
      }
    }
    if (!parent) continue;
    const leaf = parts[parts.length - 1];
    const had = Object.hasOwn(parent, leaf);
    const old = had ? parent[leaf] : undefined;
    if (op === '$unset') {
      if (had) {
        delete parent[leaf];
        changed = true;
      }
    } else if (op === '$set') {
      if (!had || !sameValue(old, value)) changed = true;
      parent[leaf] = value;
    } else {
      if (had && typeof old !== 'number') {
        if (isBsonValue(old) && NUMERIC_BSON.has((old as { _bsontype: string })._bsontype)) return null; // Long, Decimal128: mingo
        throw new CommandError(
          14,
          'TypeMismatch',
          `Cannot apply $inc to a value of non-numeric type. {_id: ${JSON.stringify(root._id)}} has the field '${leaf}' of non-numeric type ${old === null ? 'null' : typeof old}`,
        );
      }
      parent[leaf] = (had ? (old as number) : 0) + (value as number);
      if (!had || value !== 0) changed = true;
    }
  }
  return { doc: root, changed };
}
