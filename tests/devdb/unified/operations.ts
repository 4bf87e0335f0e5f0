/**
 * The CRUD spec's operations as calls of the official driver: the unified format names an API
 * method and its arguments; here each becomes the driver's call, and returned cursors are read to
 * the end. Unknown operations throw, so a new spec file cannot pass by doing nothing.
 */
import {
  MongoClient,
  ReadPreference,
  type AnyClientBulkWriteModel,
  type Collection,
  type Db,
  type Document,
} from 'mongodb';

export type Entity = Collection<Document> | Db | MongoClient;

type OperationFn = (target: Entity, args: Document) => Promise<unknown>;

function collection(target: Entity): Collection<Document> {
  if (!('collectionName' in target)) throw new Error('operation needs a collection entity');
  return target;
}

function database(target: Entity): Db {
  if (target instanceof MongoClient || 'collectionName' in target)
    throw new Error('operation needs a database entity');
  return target;
}

function client(target: Entity): MongoClient {
  if (!(target instanceof MongoClient)) throw new Error('operation needs a client entity');
  return target;
}

/** The spec spells returnDocument "Before"/"After"; the driver takes lower case. */
function findAndModifyOptions(opts: Document): Document {
  const out = { ...opts };
  if (typeof out.returnDocument === 'string') {
    const v = out.returnDocument.toLowerCase();
    if (v !== 'before' && v !== 'after') throw new Error(`bad returnDocument ${out.returnDocument}`);
    out.returnDocument = v;
  }
  return out;
}

export const operations: Record<string, OperationFn> = {
  async aggregate(target, { pipeline, ...opts }) {
    if (target instanceof MongoClient) throw new Error('aggregate needs a database or collection entity');
    return target.aggregate(pipeline, opts).toArray();
  },
  /** The spec nests each model under its name ({insertOne: {namespace, document}}); the driver names it inside. */
  async clientBulkWrite(target, { models, ...opts }) {
    const flat = (models as Document[]).map((m) => {
      const [name, spec] = Object.entries(m)[0];
      return { name, ...spec } as AnyClientBulkWriteModel<Document>;
    });
    return client(target).bulkWrite(flat, opts);
  },
  async bulkWrite(target, { requests, ...opts }) {
    return collection(target).bulkWrite(requests, opts);
  },
  async countDocuments(target, { filter, ...opts }) {
    return collection(target).countDocuments(filter, opts);
  },
  async count(target, { filter, ...opts }) {
    return collection(target).count(filter, opts);
  },
  async estimatedDocumentCount(target, opts) {
    return collection(target).estimatedDocumentCount(opts);
  },
  async deleteMany(target, { filter, ...opts }) {
    return collection(target).deleteMany(filter, opts);
  },
  async deleteOne(target, { filter, ...opts }) {
    return collection(target).deleteOne(filter, opts);
  },
  async distinct(target, { fieldName, filter, ...opts }) {
    return collection(target).distinct(fieldName, filter, opts);
  },
  async find(target, { filter, ...opts }) {
    return collection(target).find(filter, opts).toArray();
  },
  async findOne(target, { filter, ...opts }) {
    return collection(target).findOne(filter, opts);
  },
  async findOneAndDelete(target, { filter, ...opts }) {
    return collection(target).findOneAndDelete(filter, opts);
  },
  async findOneAndReplace(target, { filter, replacement, ...opts }) {
    return collection(target).findOneAndReplace(filter, replacement, findAndModifyOptions(opts));
  },
  async findOneAndUpdate(target, { filter, update, ...opts }) {
    return collection(target).findOneAndUpdate(filter, update, findAndModifyOptions(opts));
  },
  async insertMany(target, { documents, ...opts }) {
    return collection(target).insertMany(documents, opts);
  },
  async insertOne(target, { document, ...opts }) {
    return collection(target).insertOne(document, opts);
  },
  async replaceOne(target, { filter, replacement, ...opts }) {
    return collection(target).replaceOne(filter, replacement, opts);
  },
  async updateMany(target, { filter, update, ...opts }) {
    return collection(target).updateMany(filter, update, opts);
  },
  async updateOne(target, { filter, update, ...opts }) {
    return collection(target).updateOne(filter, update, opts);
  },
  async createIndex(target, { keys, ...opts }) {
    return collection(target).createIndex(keys, opts);
  },
  async dropCollection(target, { collection: name, ...opts }) {
    return database(target).dropCollection(name, opts);
  },
  async createCollection(target, { collection: name, ...opts }) {
    await database(target).createCollection(name, opts);
  },
  async modifyCollection(target, { collection: name, ...opts }) {
    return database(target).command({ collMod: name, ...opts });
  },
};

/** readPreference as the spec writes it ({mode, maxStalenessSeconds}) → the driver's object. */
export function readPreference(spec: Document | undefined): ReadPreference | undefined {
  if (!spec) return undefined;
  return new ReadPreference(spec.mode, spec.tagSets, { maxStalenessSeconds: spec.maxStalenessSeconds });
}
