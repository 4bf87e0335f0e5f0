/** Collections, indexes and databases: create, drop, list, rename. */
import type { Document } from 'bson';
import { errors } from '../engine/errors';
import type { IndexSpec } from '../engine/index-def';
import type { CommandSpec } from './context';

function indexName(key: Document): string {
  return Object.entries(key)
    .map(([k, v]) => `${k}_${v}`)
    .join('_');
}

const create: CommandSpec = {
  write: true,
  handler(cmd, ctx) {
    if (ctx.engine.collection(ctx.db, cmd.create))
      throw errors.nsExists(`Collection ${ctx.db}.${cmd.create} already exists.`);
    // a view created as a plain collection would answer every read with nothing: refuse it
    if (cmd.viewOn !== undefined) throw errors.notSupported('views are not supported by devdb');
    const {
      create: _name,
      $db: _db,
      lsid: _l,
      txnNumber: _t,
      autocommit: _a,
      startTransaction: _s,
      $clusterTime: _c,
      ...options
    } = cmd;
    ctx.engine.ensureCollection(ctx.batch, ctx.db, cmd.create, options);
    return { ok: 1 };
  },
};

const drop: CommandSpec = {
  write: true,
  handler(cmd, ctx) {
    const coll = ctx.engine.collection(ctx.db, cmd.drop);
    if (!coll) throw errors.nsNotFound('ns not found');
    const nIndexesWas = coll.indexes.size + 1;
    ctx.engine.dropCollection(ctx.batch, ctx.db, cmd.drop);
    return { nIndexesWas, ns: `${ctx.db}.${cmd.drop}`, ok: 1 };
  },
};

const listCollections: CommandSpec = {
  handler(cmd, ctx) {
    const filter: Document = cmd.filter ?? {};
    let infos = ctx.engine.collections(ctx.db).map((c) => ({
      name: c.name,
      type: 'collection',
      options: c.options,
      info: { readOnly: false },
      idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
    }));
    if (typeof filter.name === 'string') infos = infos.filter((i) => i.name === filter.name);
    const docs = cmd.nameOnly ? infos.map((i) => ({ name: i.name, type: i.type })) : infos;
    const { firstBatch, id } = ctx.cursors.start(
      `${ctx.db}.$cmd.listCollections`,
      docs,
      cmd.cursor?.batchSize ?? 101,
    );
    return { cursor: { firstBatch, id, ns: `${ctx.db}.$cmd.listCollections` }, ok: 1 };
  },
};

const renameCollection: CommandSpec = {
  write: true,
  handler(cmd, ctx) {
    const [fromDb, ...fromRest] = String(cmd.renameCollection).split('.');
    const [toDb, ...toRest] = String(cmd.to).split('.');
    if (!fromRest.length || !toRest.length) throw errors.badValue('invalid namespace');
    ctx.engine.renameCollection(
      ctx.batch,
      fromDb,
      fromRest.join('.'),
      toDb,
      toRest.join('.'),
      cmd.dropTarget === true,
    );
    return { ok: 1 };
  },
};

const createIndexes: CommandSpec = {
  write: true,
  handler(cmd, ctx) {
    const existed = !!ctx.engine.collection(ctx.db, cmd.createIndexes);
    const coll = ctx.engine.ensureCollection(ctx.batch, ctx.db, cmd.createIndexes);
    const before = coll.indexes.size + 1;
    for (const raw of (cmd.indexes ?? []) as Document[]) {
      if (!raw.key || typeof raw.key !== 'object' || Object.keys(raw.key).length === 0) {
        throw errors.badValue('index key pattern must be a non-empty object');
      }
      const spec = { ...raw, name: raw.name ?? indexName(raw.key) } as IndexSpec;
      if (spec.name === '_id_' || (Object.keys(spec.key).length === 1 && spec.key._id !== undefined))
        continue;
      ctx.engine.createIndex(ctx.batch, coll, spec);
    }
    return {
      createdCollectionAutomatically: !existed,
      numIndexesBefore: before,
      numIndexesAfter: coll.indexes.size + 1,
      ok: 1,
    };
  },
};

const listIndexes: CommandSpec = {
  handler(cmd, ctx) {
    const coll = ctx.engine.collection(ctx.db, cmd.listIndexes);
    if (!coll) throw errors.nsNotFound(`ns does not exist: ${ctx.db}.${cmd.listIndexes}`);
    const ns = `${ctx.db}.${cmd.listIndexes}`;
    const { firstBatch, id } = ctx.cursors.start(ns, coll.listIndexes(), cmd.cursor?.batchSize ?? 101);
    return { cursor: { firstBatch, id, ns }, ok: 1 };
  },
};

const dropIndexes: CommandSpec = {
  write: true,
  handler(cmd, ctx) {
    const name = cmd.dropIndexes ?? cmd.deleteIndexes;
    const coll = ctx.engine.collection(ctx.db, name);
    if (!coll) throw errors.nsNotFound(`ns not found ${ctx.db}.${name}`);
    const nIndexesWas = coll.indexes.size + 1;
    const target = cmd.index;
    let names: string[];
    if (target === '*') names = [...coll.indexes.keys()];
    else if (Array.isArray(target)) names = target;
    else if (typeof target === 'string') names = [target];
    else
      names = [...coll.indexes.values()]
        .filter((i) => JSON.stringify(i.spec.key) === JSON.stringify(target))
        .map((i) => i.name);
    if (names.length === 0 && target !== '*')
      throw errors.indexNotFound(`can't find index with key: ${JSON.stringify(target)}`);
    for (const n of names) ctx.engine.dropIndex(ctx.batch, coll, n);
    return { nIndexesWas, ok: 1 };
  },
};

const dropDatabase: CommandSpec = {
  write: true,
  handler(_cmd, ctx) {
    ctx.engine.dropDatabase(ctx.batch, ctx.db);
    return { dropped: ctx.db, ok: 1 };
  },
};

const listDatabases: CommandSpec = {
  handler(cmd, ctx) {
    const databases = [...ctx.engine.dbs.entries()].map(([name, colls]) => {
      const docs = [...colls.values()].reduce((n, c) => n + c.docs.size, 0);
      return { name, sizeOnDisk: docs * 256, empty: docs === 0 };
    });
    const list = cmd.nameOnly ? databases.map((d) => ({ name: d.name })) : databases;
    return { databases: list, totalSize: databases.reduce((n, d) => n + d.sizeOnDisk, 0), ok: 1 };
  },
};

export const ddlCommands: Record<string, CommandSpec> = {
  create,
  drop,
  listcollections: listCollections,
  renamecollection: renameCollection,
  createindexes: createIndexes,
  listindexes: listIndexes,
  dropindexes: dropIndexes,
  deleteindexes: dropIndexes,
  dropdatabase: dropDatabase,
  listdatabases: listDatabases,
};
