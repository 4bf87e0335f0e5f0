/**
 * explain, shaped as MongoDB 7 answers it: `queryPlanner.winningPlan` is a stage tree (LIMIT /
 * SKIP / PROJECTION / SORT / FETCH over IXSCAN, IDHACK or COLLSCAN) and, with executionStats or
 * allPlansExecution, `executionStats` has nReturned, totalKeysExamined and totalDocsExamined.
 * Works for find, count, distinct, aggregate (its leading $match/$sort/$skip/$limit), update,
 * delete and findAndModify; writes are planned and their query run, never applied.
 */
import type { Document } from 'bson';
import { errors } from '../engine/errors';
import type { CommandContext, CommandSpec } from './context';
import { queryPrefix } from './crud-read';
import { runQuery, type QueryOptions, type QueryResult } from './query';

interface Explained {
  coll: string;
  filter: Document;
  opts: QueryOptions;
  projection?: Document;
}

function describe(cmd: Document): Explained {
  const verb = Object.keys(cmd)[0]?.toLowerCase();
  switch (verb) {
    case 'find':
      return {
        coll: cmd.find,
        filter: cmd.filter ?? {},
        opts: { sort: cmd.sort, skip: cmd.skip, limit: Math.abs(Number(cmd.limit ?? 0)) },
        projection: cmd.projection,
      };
    case 'count':
      return { coll: cmd.count, filter: cmd.query ?? {}, opts: { skip: cmd.skip, limit: cmd.limit } };
    case 'distinct':
      return { coll: cmd.distinct, filter: cmd.query ?? {}, opts: {} };
    case 'aggregate': {
      const { filter, opts } = queryPrefix(cmd.pipeline ?? []);
      return { coll: cmd.aggregate, filter, opts };
    }
    case 'update': {
      const u = cmd.updates?.[0] ?? {};
      return { coll: cmd.update, filter: u.q ?? {}, opts: { limit: u.multi ? 0 : 1 } };
    }
    case 'delete': {
      const d = cmd.deletes?.[0] ?? {};
      return { coll: cmd.delete, filter: d.q ?? {}, opts: { limit: d.limit === 1 ? 1 : 0 } };
    }
    case 'findandmodify':
      return { coll: cmd[Object.keys(cmd)[0]], filter: cmd.query ?? {}, opts: { sort: cmd.sort, limit: 1 } };
    default:
      throw errors.badValue(`explain does not support the ${Object.keys(cmd)[0]} command`);
  }
}

function stageTree(e: Explained, r: QueryResult, withStats: boolean): Document {
  const plan = r.plan;
  const n = (docs: number) => (withStats ? { nReturned: docs } : {});
  let tree: Document;
  if (!plan || plan.stage === 'COLLSCAN') {
    tree = { stage: 'COLLSCAN', filter: e.filter, direction: 'forward', ...n(r.stats.docsExamined) };
    if (withStats) tree.docsExamined = r.stats.docsExamined;
  } else if (plan.stage === 'IDHACK') {
    tree = { stage: 'IDHACK', ...n(r.docs.length) };
    if (withStats)
      Object.assign(tree, { keysExamined: r.stats.keysExamined, docsExamined: r.stats.docsExamined });
  } else {
    const scan: Document = {
      stage: 'IXSCAN',
      keyPattern: plan.index!.keyPattern,
      indexName: plan.index!.name,
      isMultiKey: plan.index!.multikey,
      direction: 'forward',
      indexBounds: plan.bounds?.() ?? {},
      ...n(r.stats.keysExamined),
    };
    if (withStats) scan.keysExamined = r.stats.keysExamined;
    tree = {
      stage: 'FETCH',
      ...(plan.exact ? {} : { filter: e.filter }),
      ...n(r.docs.length),
      inputStage: scan,
    };
    if (withStats) tree.docsExamined = r.stats.docsExamined;
  }
  if (e.opts.sort && Object.keys(e.opts.sort).length && !r.sorted) {
    tree = { stage: 'SORT', sortPattern: e.opts.sort, ...n(r.docs.length), inputStage: tree };
  }
  if (e.projection && Object.keys(e.projection).length) {
    tree = { stage: 'PROJECTION_DEFAULT', transformBy: e.projection, ...n(r.docs.length), inputStage: tree };
  }
  if (e.opts.skip) tree = { stage: 'SKIP', skipAmount: e.opts.skip, ...n(r.docs.length), inputStage: tree };
  if (e.opts.limit)
    tree = { stage: 'LIMIT', limitAmount: e.opts.limit, ...n(r.docs.length), inputStage: tree };
  return tree;
}

const explain: CommandSpec = {
  handler(cmd, ctx: CommandContext) {
    const inner = cmd.explain;
    if (!inner || typeof inner !== 'object') throw errors.typeMismatch('explain takes a command document');
    const e = describe(inner);
    if (typeof e.coll !== 'string') throw errors.typeMismatch('collection name has invalid type');
    const verbosity = String(cmd.verbosity ?? 'allPlansExecution');
    const started = process.hrtime.bigint();
    const result = runQuery(ctx.engine.collection(ctx.db, e.coll), e.filter, e.opts);
    const millis = Number((process.hrtime.bigint() - started) / 1_000_000n);
    const reply: Document = {
      explainVersion: '1',
      queryPlanner: {
        namespace: `${ctx.db}.${e.coll}`,
        indexFilterSet: false,
        parsedQuery: e.filter,
        winningPlan: stageTree(e, result, false),
        rejectedPlans: [],
      },
    };
    if (verbosity !== 'queryPlanner') {
      reply.executionStats = {
        executionSuccess: true,
        nReturned: result.docs.length,
        executionTimeMillis: millis,
        totalKeysExamined: result.stats.keysExamined,
        totalDocsExamined: result.stats.docsExamined,
        executionStages: stageTree(e, result, true),
      };
    }
    return {
      ...reply,
      command: inner,
      serverInfo: { host: ctx.server.host, port: ctx.server.port, version: '7.0.0', gitVersion: 'devdb' },
      ok: 1,
    };
  },
};

export const explainCommands: Record<string, CommandSpec> = { explain };
