/** find, getMore, killCursors, count, distinct, aggregate. */
import type { Document } from 'bson';
import { errors } from '../engine/errors';
import { readPath, valueKey } from '../engine/values';
import { preparePipeline, runPipeline } from './pipeline';
import { project } from './projection';
import { countQuery, matchAll, runQuery, type QueryOptions, type QueryResult } from './query';
import type { CommandContext, CommandSpec } from './context';

const DEFAULT_BATCH = 101;

/** The find command's query part (also what explain runs): filter, sort, skip, limit. */
export function runFind(cmd: Document, ctx: CommandContext): QueryResult {
  const name = cmd.find;
  if (typeof name !== 'string') throw errors.typeMismatch('collection name has invalid type');
  const skip = Number(cmd.skip ?? 0);
  const limit = Math.abs(Number(cmd.limit ?? 0));
  if (skip < 0) throw errors.badValue('skip value must be non-negative');
  return runQuery(ctx.engine.collection(ctx.db, name), cmd.filter, { sort: cmd.sort, skip, limit });
}

const find: CommandSpec = {
  handler(cmd, ctx) {
    const single = cmd.singleBatch === true || Number(cmd.limit ?? 0) < 0;
    const docs = project(runFind(cmd, ctx).docs, cmd.projection);
    // a negative limit asks for one batch of that many; otherwise singleBatch still honours batchSize
    const batchSize =
      cmd.batchSize === undefined
        ? Number(cmd.limit ?? 0) < 0
          ? docs.length
          : DEFAULT_BATCH
        : Number(cmd.batchSize) || docs.length;
    const ns = `${ctx.db}.${cmd.find}`;
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
    const skip = Number(cmd.skip ?? 0);
    const limit = Math.abs(Number(cmd.limit ?? 0));
    const n = countQuery(ctx.engine.collection(ctx.db, cmd.count), cmd.query, { skip, limit });
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

/**
 * The leading stages a query can run itself ($match, then $sort, $skip, $limit, in that order):
 * they use the planner (indexes, early stop) instead of handing every document to mingo.
 */
export function queryPrefix(pipeline: Document[]): { filter: Document; opts: QueryOptions; used: number } {
  let used = 0;
  let filter: Document = {};
  const opts: QueryOptions = {};
  const stage = () => (pipeline[used] ? Object.keys(pipeline[used])[0] : undefined);
  if (stage() === '$match') filter = pipeline[used++].$match;
  if (stage() === '$sort') opts.sort = pipeline[used++].$sort;
  if (stage() === '$skip') opts.skip = Number(pipeline[used++].$skip);
  if (stage() === '$limit') opts.limit = Number(pipeline[used++].$limit);
  return { filter, opts, used };
}

/** `{$group: {_id: <constant>, n: {$sum: 1}}}` (what countDocuments sends): the count is enough. */
function countGroup(stage: Document | undefined): { id: unknown; fields: string[] } | null {
  const group = stage?.$group;
  if (!group || Object.keys(stage!).length !== 1) return null;
  const { _id: id, ...acc } = group as Document;
  if (typeof id === 'string' && id.startsWith('$')) return null;
  if (id !== null && typeof id === 'object') return null;
  const fields = Object.keys(acc);
  if (!fields.every((f) => acc[f] && Object.keys(acc[f]).length === 1 && acc[f].$sum === 1)) return null;
  return { id, fields };
}

const aggregate: CommandSpec = {
  handler(cmd, ctx) {
    const pipeline: Document[] = cmd.pipeline;
    if (!Array.isArray(pipeline))
      throw errors.typeMismatch("'pipeline' option must be specified as an array");
    const name = cmd.aggregate;
    let source: Document[] = [];
    let rest = pipeline;
    let counted: number | null = null;
    const counting = (stages: Document[]) => (stages.length === 1 ? countGroup(stages[0]) : null);
    if (typeof name === 'string') {
      const coll = ctx.engine.collection(ctx.db, name);
      const { filter, opts, used } = queryPrefix(pipeline);
      rest = pipeline.slice(used);
      // countDocuments: count the matches without collecting them
      if (counting(rest) && !opts.sort) counted = countQuery(coll, filter, opts);
      else source = used ? runQuery(coll, filter, opts).docs : [...(coll?.docs.values() ?? [])];
    } else if (pipeline[0] && Object.keys(pipeline[0])[0] === '$listLocalSessions') {
      source = ctx.engine.sessions.list(); // `aggregate: 1`; no users, so allUsers / users select them all
      rest = pipeline.slice(1);
    }
    let out: Document[];
    const group = counting(rest);
    if (rest.length === 0) {
      out = source;
    } else if (group) {
      const n = counted ?? source.length;
      const row: Document = { _id: group.id };
      for (const f of group.fields) row[f] = n;
      out = n ? [row] : [];
    } else {
      out = runPipeline(preparePipeline(rest, ctx.engine, ctx.db), source);
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
