/** find, getMore, killCursors, count, distinct, aggregate. */
import type { Document } from 'bson';
import { Aggregator } from 'mingo';
import { errors } from '../engine/errors';
import { readPath, valueKey } from '../engine/values';
import type { Engine } from '../engine/engine';
import { matchAll, project, sortDocs } from './query';
import type { CommandSpec } from './context';

const DEFAULT_BATCH = 101;

const find: CommandSpec = {
  handler(cmd, ctx) {
    const name = cmd.find;
    if (typeof name !== 'string') throw errors.typeMismatch('collection name has invalid type');
    const skip = Number(cmd.skip ?? 0);
    let limit = Number(cmd.limit ?? 0);
    let single = cmd.singleBatch === true;
    if (limit < 0) {
      limit = -limit;
      single = true;
    }
    if (skip < 0) throw errors.badValue('skip value must be non-negative');
    let docs = sortDocs(matchAll(ctx.engine.collection(ctx.db, name), cmd.filter), cmd.sort);
    docs = docs.slice(skip, limit ? skip + limit : undefined);
    docs = project(docs, cmd.projection);
    // a negative limit asks for one batch of that many; otherwise singleBatch still honours batchSize
    const batchSize =
      cmd.batchSize === undefined
        ? Number(cmd.limit ?? 0) < 0
          ? docs.length
          : DEFAULT_BATCH
        : Number(cmd.batchSize) || docs.length;
    const ns = `${ctx.db}.${name}`;
    const { firstBatch, id } = ctx.cursors.start(ns, docs, batchSize, single);
    return { cursor: { firstBatch, id, ns }, ok: 1 };
  },
};

const getMore: CommandSpec = {
  handler(cmd, ctx) {
    const { ns, nextBatch, id } = ctx.cursors.more(cmd.getMore, cmd.batchSize);
    return { cursor: { nextBatch, id, ns }, ok: 1 };
  },
};

const killCursors: CommandSpec = {
  handler(cmd, ctx) {
    const { killed, notFound } = ctx.cursors.kill(cmd.cursors ?? []);
    return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
  },
};

const count: CommandSpec = {
  handler(cmd, ctx) {
    let n = matchAll(ctx.engine.collection(ctx.db, cmd.count), cmd.query).length;
    n = Math.max(0, n - Number(cmd.skip ?? 0));
    if (cmd.limit) n = Math.min(n, Math.abs(Number(cmd.limit)));
    return { n, ok: 1 };
  },
};

const distinct: CommandSpec = {
  handler(cmd, ctx) {
    const seen = new Map<string, unknown>();
    for (const doc of matchAll(ctx.engine.collection(ctx.db, cmd.distinct), cmd.query)) {
      for (const v of readPath(doc, cmd.key)) {
        for (const x of Array.isArray(v) ? v : [v]) if (!seen.has(valueKey(x))) seen.set(valueKey(x), x);
      }
    }
    return { values: [...seen.values()], ok: 1 };
  },
};

const UNSUPPORTED_STAGES = ['$out', '$merge', '$changeStream', '$currentOp', '$listSessions'];

/** mingo's $lookup takes the foreign documents themselves: replace collection names by arrays. */
function resolveLookups(pipeline: Document[], engine: Engine, db: string): Document[] {
  return pipeline.map((stage) => {
    const op = Object.keys(stage)[0];
    if (UNSUPPORTED_STAGES.includes(op)) throw errors.badValue(`${op} is not supported by devdb`);
    if (op === '$lookup') {
      const spec = { ...stage.$lookup };
      if (typeof spec.from === 'string')
        spec.from = [...(engine.collection(db, spec.from)?.docs.values() ?? [])];
      if (Array.isArray(spec.pipeline)) spec.pipeline = resolveLookups(spec.pipeline, engine, db);
      return { $lookup: spec };
    }
    if (op === '$facet') {
      const facets: Document = {};
      for (const [k, p] of Object.entries(stage.$facet as Document))
        facets[k] = resolveLookups(p as Document[], engine, db);
      return { $facet: facets };
    }
    return stage;
  });
}

const aggregate: CommandSpec = {
  handler(cmd, ctx) {
    const pipeline: Document[] = cmd.pipeline;
    if (!Array.isArray(pipeline))
      throw errors.typeMismatch("'pipeline' option must be specified as an array");
    const name = cmd.aggregate;
    let source: Document[] = [];
    if (typeof name === 'string') {
      const first = pipeline[0];
      const coll = ctx.engine.collection(ctx.db, name);
      source = first && first.$match ? matchAll(coll, first.$match) : [...(coll?.docs.values() ?? [])];
    }
    let out: Document[];
    try {
      out = new Aggregator(resolveLookups(pipeline, ctx.engine, ctx.db)).run(source) as Document[];
    } catch (e) {
      if ((e as { code?: number }).code) throw e;
      throw errors.badValue((e as Error).message);
    }
    const ns = typeof name === 'string' ? `${ctx.db}.${name}` : `${ctx.db}.$cmd.aggregate`;
    const batchSize = cmd.cursor?.batchSize ?? DEFAULT_BATCH;
    const { firstBatch, id } = ctx.cursors.start(ns, out, batchSize);
    return { cursor: { firstBatch, id, ns }, ok: 1 };
  },
};

export const readCommands: Record<string, CommandSpec> = {
  find,
  getmore: getMore,
  killcursors: killCursors,
  count,
  distinct,
  aggregate,
};
