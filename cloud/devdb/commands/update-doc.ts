/**
 * Applies one update to a copy of a document: plain $set/$unset/$inc without mingo
 * (simple-update.ts), other operator updates through mingo (with the
 * filter as condition for positional `$`, and arrayFilters), `$setOnInsert` only when
 * inserting, replacement documents keep `_id`, pipelines run as an aggregation on the document.
 * `_id` may never change.
 */
import type { Document } from 'bson';
import { update as mingoUpdate } from 'mingo';
import { CommandError, errors } from '../engine/errors';
import { applySimpleUpdate } from '../engine/simple-update';
import { cloneDoc, valueKey } from '../engine/values';
import { runPipeline } from './pipeline';

const OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$push',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$pop',
  '$currentDate',
  '$bit',
  '$setOnInsert',
]);

export function isOperatorUpdate(u: Document): boolean {
  const keys = Object.keys(u);
  return keys.length > 0 && keys[0].startsWith('$');
}

export function applyUpdate(
  doc: Document,
  u: Document | Document[],
  opts: { arrayFilters?: Document[]; filter?: Document; inserting: boolean },
): Document {
  return applyUpdateTracked(doc, u, opts).doc;
}

/** Like applyUpdate, and says whether anything changed when it knows (the simple path does). */
export function applyUpdateTracked(
  doc: Document,
  u: Document | Document[],
  opts: { arrayFilters?: Document[]; filter?: Document; inserting: boolean },
): { doc: Document; changed?: boolean } {
  let result: Document;
  if (Array.isArray(u)) {
    result = runPipeline(u, [cloneDoc(doc)])[0];
    // a pipeline that replaces the root ($replaceRoot, $replaceWith) keeps the document's _id
    if (result && result._id === undefined && doc._id !== undefined) result = { _id: doc._id, ...result };
  } else if (isOperatorUpdate(u)) {
    const modifier: Document = {};
    for (const [op, spec] of Object.entries(u)) {
      if (!OPERATORS.has(op))
        throw errors.failedToParse(`Unknown modifier: ${op}. Expected a valid update modifier`);
      if (op === '$setOnInsert') continue;
      modifier[op] = spec;
    }
    if (opts.inserting && u.$setOnInsert) modifier.$set = { ...(modifier.$set ?? {}), ...u.$setOnInsert };
    // an upsert whose filter gave no _id may set one ($set or $setOnInsert); mingo refuses any _id change
    if (opts.inserting && doc._id === undefined && modifier.$set && Object.hasOwn(modifier.$set, '_id')) {
      const { _id, ...rest } = modifier.$set as Document;
      if (Object.keys(rest).length) modifier.$set = rest;
      else delete modifier.$set;
      const withoutId = Object.keys(modifier).length ? applyUpdateTracked(doc, modifier, opts).doc : doc;
      return { doc: { _id, ...withoutId } };
    }
    const simple = opts.arrayFilters?.length ? null : applySimpleUpdate(doc, modifier);
    if (simple) return simple;
    result = cloneDoc(doc);
    if (Object.keys(modifier).length) {
      try {
        mingoUpdate(result, modifier, opts.arrayFilters, opts.filter);
      } catch (e) {
        if (e instanceof CommandError) throw e;
        // mingo refuses `_id` changes itself; MongoDB reports them as ImmutableField
        if (/immutable field '_id'/.test((e as Error).message)) throw errors.immutableField();
        throw new CommandError(2, 'BadValue', (e as Error).message);
      }
    }
  } else {
    for (const k of Object.keys(u)) {
      if (k.startsWith('$'))
        throw errors.failedToParse(`The dollar ($) prefixed field '${k}' is not allowed`);
    }
    if (u._id !== undefined && doc._id !== undefined && valueKey(u._id) !== valueKey(doc._id))
      throw errors.immutableField();
    result = { _id: doc._id, ...cloneDoc(u) };
    if (result._id === undefined) delete result._id;
  }
  if (doc._id !== undefined && valueKey(result._id) !== valueKey(doc._id)) throw errors.immutableField();
  return { doc: result };
}
