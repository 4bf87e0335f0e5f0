/**
 * `$addFields` / `$set`, devdb's own (mingo evaluates the expressions): every expression is
 * evaluated against the stage's input document, and each path is written copy-on-write, so the
 * input (a stored document) is never edited and needs no copy. Paths follow MongoDB: through an
 * array each element gets the field, a scalar on the path becomes a document, a nested object
 * (`{specs: {fuel: 'diesel'}}`) adds fields to the embedded document, a missing value removes the
 * field. mingo's own stage edits the embedded document it shares with its input, so
 * `{$set: {'a.b': '$a'}}` made `a` contain itself: a reply that cannot be encoded.
 */
import type { Document } from 'bson';
import { evalExpr } from 'mingo/core';
import { isPlainDocument } from '../engine/values';

/** `{a: {b: 1}, 'c.d': '$x'}` → [['a', 'b'], 1], [['c', 'd'], '$x']: nested objects are field specs. */
function fieldSpecs(spec: Document, prefix: string[] = []): [string[], unknown][] {
  const out: [string[], unknown][] = [];
  for (const [key, value] of Object.entries(spec)) {
    const path = [...prefix, ...key.split('.')];
    const nested =
      isPlainDocument(value) && Object.keys(value).length > 0 && !Object.keys(value)[0].startsWith('$');
    if (nested) out.push(...fieldSpecs(value, path));
    else out.push([path, value]);
  }
  return out;
}

/** `target` with `value` at `path`, sharing everything off the path; undefined removes the field. */
function withField(target: unknown, path: string[], value: unknown): unknown {
  if (Array.isArray(target)) return target.map((el) => withField(el, path, value));
  const doc: Document = isPlainDocument(target) ? { ...target } : {};
  const [head, ...rest] = path;
  if (rest.length) doc[head] = withField(doc[head], rest, value);
  else if (value === undefined) delete doc[head];
  else doc[head] = value;
  return doc;
}

export type Stream = { map(f: (d: Document) => Document): Stream };

export function addFields(coll: Stream, spec: Document, options: unknown): Stream {
  const fields = fieldSpecs(spec);
  if (fields.length === 0) return coll;
  return coll.map((doc) => {
    const values = fields.map(([, expr]) => evalExpr(doc, expr as never, options as never));
    let out: Document = doc;
    fields.forEach(([path], i) => (out = withField(out, path, values[i]) as Document));
    return out;
  });
}
