/**
 * Aggregation pipelines on mingo without letting mingo change stored documents. The documents a
 * query hands to a pipeline (and `$lookup`'s foreign documents) are the stored ones, and several
 * of mingo's stages edit the documents they receive in place (`$project`/`$unset` on dotted
 * paths, `$unwind` with `includeArrayIndex` or `preserveNullAndEmptyArrays`, …). So before every
 * stage that may edit its input, a copy stage gives it copies of the document trees; stages known
 * to build new documents run on the stored ones as they are, and a pipeline made only of those
 * ($match, $sort, $group, $lookup, $set, $project of top-level fields, …) copies nothing.
 *
 * `$addFields`/`$set` are devdb's own (add-fields.ts), copy-on-write.
 */
import type { Document } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import { Context } from 'mingo/core';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import type { Engine } from '../engine/engine';
import { CommandError, errors } from '../engine/errors';
import { copyTree, isPlainDocument } from '../engine/values';
import { addFields, type Stream } from './add-fields';

const COPY_STAGE = '$__devdbCopy';

const UNSUPPORTED_STAGES = new Set(['$out', '$merge', '$changeStream', '$currentOp', '$listSessions']);

const topLevel = (path: unknown) => typeof path === 'string' && !path.includes('.');

/** A value in `$project` that is not a nested projection (`{a: {b: 1}}` projects `a.b`). */
const notNested = (v: unknown) => !isPlainDocument(v) || Object.keys(v)[0]?.startsWith('$') === true;

/** Stages that never edit the documents they receive, given their spec. Anything else gets copies. */
const LEAVES_INPUT_ALONE: Record<string, (spec: unknown) => boolean> = {
  $match: () => true,
  $sort: () => true,
  $skip: () => true,
  $limit: () => true,
  $count: () => true,
  $sample: () => true,
  $group: () => true,
  $bucket: () => true,
  $bucketAuto: () => true,
  $sortByCount: () => true,
  $replaceRoot: () => true,
  $replaceWith: () => true,
  $documents: () => true,
  $lookup: () => true, // its own pipeline is made safe below
  $facet: () => true, // mingo runs each facet on copies
  $addFields: () => true, // devdb's own: copy-on-write
  $set: () => true,
  $project: (spec) => Object.entries(spec as Document).every(([k, v]) => topLevel(k) && notNested(v)),
  $unset: (spec) => [spec].flat().every(topLevel),
  $unwind: (spec) =>
    typeof spec === 'string'
      ? topLevel(spec.slice(1))
      : isPlainDocument(spec) &&
        topLevel(String(spec.path).slice(1)) &&
        spec.includeArrayIndex === undefined &&
        spec.preserveNullAndEmptyArrays === undefined,
};

/**
 * The pipeline as mingo runs it: `$lookup` collection names replaced by the collections'
 * documents (mingo joins arrays), and a copy stage before each stage that may edit its input,
 * also inside `$lookup` and `$facet` pipelines.
 */
export function preparePipeline(pipeline: Document[], engine: Engine, db: string): Document[] {
  const out: Document[] = [];
  for (const stage of pipeline) {
    const op = Object.keys(stage)[0];
    if (UNSUPPORTED_STAGES.has(op)) throw errors.badValue(`${op} is not supported by devdb`);
    if (op === COPY_STAGE)
      throw new CommandError(40324, 'Location40324', `Unrecognized pipeline stage name: '${op}'`);
    let spec = stage[op];
    if (op === '$lookup') {
      spec = { ...spec };
      if (typeof spec.from === 'string')
        spec.from = [...(engine.collection(db, spec.from)?.docs.values() ?? [])];
      if (Array.isArray(spec.pipeline)) spec.pipeline = preparePipeline(spec.pipeline, engine, db);
    } else if (op === '$facet') {
      const facets: Document = {};
      for (const [k, p] of Object.entries(spec as Document))
        facets[k] = preparePipeline(p as Document[], engine, db);
      spec = facets;
    }
    if (!LEAVES_INPUT_ALONE[op]?.(spec)) out.push({ [COPY_STAGE]: {} });
    out.push({ [op]: spec });
  }
  return out;
}

/** mingo's operators with devdb's stages in place of its own (a context's first operator of a name wins). */
const CONTEXT = Context.init({
  accumulator: accumulatorOperators,
  expression: expressionOperators,
  pipeline: {
    ...pipelineOperators,
    [COPY_STAGE]: (coll: Stream) => coll.map(copyTree),
    $addFields: addFields,
    $set: addFields,
  },
  projection: projectionOperators,
  query: queryOperators,
  window: windowOperators,
} as never);

/** Runs a prepared pipeline over `docs`; mingo's errors become BadValue. */
export function runPipeline(pipeline: Document[], docs: Document[]): Document[] {
  try {
    return new Aggregator(pipeline, { context: CONTEXT }).run(docs) as Document[];
  } catch (e) {
    if ((e as { code?: number }).code) throw e;
    throw errors.badValue((e as Error).message);
  }
}
