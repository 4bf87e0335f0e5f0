/** insert, update, delete, findAndModify: per-statement results and writeErrors as MongoDB reports them. */
import { ObjectId, type Document } from 'bson';
import { CommandError, DuplicateKeyError, errors } from '../engine/errors';
import { isPlainDocument } from '../engine/values';
import { project } from './projection';
import { equalityFields, matchAll, matchFirst, runQuery } from './query';
import { applyUpdate, applyUpdateTracked, isOperatorUpdate } from './update-doc';
import type { CommandContext, CommandSpec } from './context';

function collName(cmd: Document, field: string): string {
  const name = cmd[field];
  if (typeof name !== 'string' || name.length === 0)
    throw errors.typeMismatch(`collection name has invalid type`);
  return name;
}

function writeError(index: number, e: unknown): Document {
  if (e instanceof DuplicateKeyError) {
    return {
      index,
      code: e.code,
      errmsg: e.message,
      keyPattern: e.extra.keyPattern,
      keyValue: e.extra.keyValue,
    };
  }
  if (e instanceof CommandError) return { index, code: e.code, errmsg: e.message };
  throw e;
}

/** What MongoDB refuses to store as an _id: an array, a regex, a document with `$`-prefixed fields. */
function checkId(id: unknown): void {
  if (Array.isArray(id)) throw errors.badValue(`can't use an array for _id`);
  if (id instanceof RegExp) throw errors.badValue(`can't use a regex for _id`);
  if (!isPlainDocument(id)) return;
  for (const [k, v] of Object.entries(id)) {
    if (k.startsWith('$'))
      throw new CommandError(
        52,
        'DollarPrefixedFieldName',
        `_id fields may not contain '$'-prefixed fields: ${k} is not valid for storage.`,
      );
    checkId(v);
  }
}

/** MongoDB stores _id as the first field, generating an ObjectId when the client sent none. */
function withId(doc: Document): Document {
  const { _id, ...rest } = doc;
  checkId(_id);
  return { _id: _id === undefined ? new ObjectId() : _id, ...rest };
}

const insert: CommandSpec = {
  write: true,
  handler(cmd, ctx) {
    const name = collName(cmd, 'insert');
    const docs: Document[] = cmd.documents ?? [];
    const ordered = cmd.ordered !== false;
    const coll = ctx.engine.ensureCollection(ctx.batch, ctx.db, name);
    let n = 0;
    const writeErrors: Document[] = [];
    for (let i = 0; i < docs.length; i++) {
      try {
        ctx.engine.insert(ctx.batch, coll, withId(docs[i]));
        n++;
      } catch (e) {
        writeErrors.push(writeError(i, e));
        if (ordered) break;
      }
    }
    return writeErrors.length ? { n, writeErrors, ok: 1 } : { n, ok: 1 };
  },
};

/**
 * The document an upsert inserts: an update (operators or pipeline) starts from the filter's
 * equality fields, a replacement only from its `_id` equality (as MongoDB: `replaceOne({_id: 4},
 * {x: 1}, {upsert: true})` inserts `{_id: 4, x: 1}`); an ObjectId when there is no `_id` at all.
 */
function upsertDoc(q: Document, u: Document | Document[], arrayFilters: Document[] | undefined): Document {
  const equal = equalityFields(q);
  const replacement = !Array.isArray(u) && !isOperatorUpdate(u);
  const seed = !replacement ? equal : equal._id === undefined ? {} : { _id: equal._id };
  // no filter here: the new document need not match it (e.g. `n: {$gt: 0}`), and positional `$` has no match on insert
  const doc = applyUpdate(seed, u, { arrayFilters, inserting: true });
  return withId(doc);
}

/** The fields of an update statement MongoDB 7.0 (the version devdb reports) knows; `sort` came in 8.0. */
const UPDATE_STATEMENT_FIELDS = new Set([
  'q',
  'u',
  'c',
  'multi',
  'upsert',
  'upsertSupplied',
  'arrayFilters',
  'hint',
  'collation',
  'sampleId',
]);

function checkStatement(statement: Document): void {
  for (const k of Object.keys(statement)) {
    if (!UPDATE_STATEMENT_FIELDS.has(k))
      throw new CommandError(40415, 'Location40415', `BSON field 'update.updates.${k}' is an unknown field.`);
  }
}

const update: CommandSpec = {
  write: true,
  handler(cmd, ctx) {
    const name = collName(cmd, 'update');
    const statements: Document[] = cmd.updates ?? [];
    statements.forEach(checkStatement);
    const ordered = cmd.ordered !== false;
    let n = 0;
    let nModified = 0;
    const upserted: Document[] = [];
    const writeErrors: Document[] = [];
    for (let i = 0; i < statements.length; i++) {
      const { q = {}, u, multi, upsert, arrayFilters } = statements[i];
      try {
        if (!u || typeof u !== 'object') throw errors.failedToParse('update must be an object or a pipeline');
        const coll = ctx.engine.collection(ctx.db, name);
        const targets = multi ? matchAll(coll, q) : [matchFirst(coll, q)].filter((d): d is Document => !!d);
        if (targets.length === 0 && upsert) {
          const doc = upsertDoc(q, u, arrayFilters);
          ctx.engine.insert(ctx.batch, ctx.engine.ensureCollection(ctx.batch, ctx.db, name), doc);
          n++;
          upserted.push({ index: i, _id: doc._id });
          continue;
        }
        for (const target of targets) {
          const { doc: next, changed } = applyUpdateTracked(target, u, {
            arrayFilters,
            filter: q,
            inserting: false,
          });
          if (changed ?? (JSON.stringify(next) !== JSON.stringify(target) || !sameTypes(next, target))) {
            ctx.engine.put(ctx.batch, coll!, next);
            nModified++;
          }
          n++; // counted once applied: a statement that failed (duplicate key) matched nothing, as MongoDB reports it
        }
      } catch (e) {
        writeErrors.push(writeError(i, e));
        if (ordered) break;
      }
    }
    const reply: Document = { n, nModified, ok: 1 };
    if (upserted.length) reply.upserted = upserted;
    if (writeErrors.length) reply.writeErrors = writeErrors;
    return reply;
  },
};

// JSON.stringify cannot tell a Date from its ISO string or 1 from Long(1); good enough to
// decide nModified, but a type change must still count as a modification.
function sameTypes(a: Document, b: Document): boolean {
  const typeOf = (v: unknown) =>
    v === null
      ? 'null'
      : ((v as { _bsontype?: string })?._bsontype ?? (v instanceof Date ? 'date' : typeof v));
  for (const k of Object.keys(a)) if (typeOf(a[k]) !== typeOf(b[k])) return false;
  return true;
}

const del: CommandSpec = {
  write: true,
  handler(cmd, ctx) {
    const name = collName(cmd, 'delete');
    const statements: Document[] = cmd.deletes ?? [];
    const ordered = cmd.ordered !== false;
    let n = 0;
    const writeErrors: Document[] = [];
    const coll = ctx.engine.collection(ctx.db, name);
    for (let i = 0; i < statements.length; i++) {
      try {
        const { q = {}, limit } = statements[i];
        if (!coll) continue;
        const targets =
          limit === 1 ? [matchFirst(coll, q)].filter((d): d is Document => !!d) : matchAll(coll, q);
        for (const t of targets) {
          ctx.engine.remove(ctx.batch, coll, t._id);
          n++;
        }
      } catch (e) {
        writeErrors.push(writeError(i, e));
        if (ordered) break;
      }
    }
    return writeErrors.length ? { n, writeErrors, ok: 1 } : { n, ok: 1 };
  },
};

const findAndModify: CommandSpec = {
  write: true,
  handler(cmd, ctx: CommandContext) {
    const name = collName(cmd, Object.keys(cmd)[0]);
    const q: Document = cmd.query ?? {};
    const coll = ctx.engine.collection(ctx.db, name);
    const target = runQuery(coll, q, { sort: cmd.sort, limit: 1 }).docs[0];
    const shape = (doc: Document | undefined) => (doc ? (project([doc], cmd.fields)[0] ?? null) : null);
    if (cmd.remove) {
      if (target) ctx.engine.remove(ctx.batch, coll!, target._id);
      return { lastErrorObject: { n: target ? 1 : 0 }, value: shape(target), ok: 1 };
    }
    if (!cmd.update) throw errors.failedToParse('Either an update or remove=true must be specified');
    if (!target) {
      if (!cmd.upsert) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
      const doc = upsertDoc(q, cmd.update, cmd.arrayFilters);
      ctx.engine.insert(ctx.batch, ctx.engine.ensureCollection(ctx.batch, ctx.db, name), doc);
      return {
        lastErrorObject: { n: 1, updatedExisting: false, upserted: doc._id },
        value: cmd.new ? shape(doc) : null,
        ok: 1,
      };
    }
    const next = applyUpdate(target, cmd.update, {
      arrayFilters: cmd.arrayFilters,
      filter: q,
      inserting: false,
    });
    ctx.engine.put(ctx.batch, coll!, next);
    return { lastErrorObject: { n: 1, updatedExisting: true }, value: shape(cmd.new ? next : target), ok: 1 };
  },
};

export const writeCommands: Record<string, CommandSpec> = {
  insert,
  update,
  delete: del,
  findandmodify: findAndModify,
};
