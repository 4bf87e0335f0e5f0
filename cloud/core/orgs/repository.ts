/**
 * The org tree (市 → 区/县 → 镇/街道 → 基层). It is small and changes only by administration,
 * while almost every request names an org (the member view's union name, an officer's org), so
 * reads go through a per-process copy of the whole tree refreshed at most every
 * ORG_CACHE_MS. An id the copy does not know is read by itself (a union added by another
 * instance shows at once, and unknown ids cannot force whole-tree reads); a rename shows within
 * ORG_CACHE_MS. Losing the copy costs one read. Cached orgs are frozen: callers share them.
 */
import type { Db } from 'mongodb';
import { collections, type OrgDoc } from '../../platform/db/collections';
import type { Org } from '../../../src/contracts/orgs';

export const ORG_CACHE_MS = 30_000;

export function toOrg(doc: OrgDoc): Org {
  return {
    id: doc._id,
    name: doc.name,
    level: doc.level,
    parentId: doc.parentId,
    path: doc.path,
    ...(doc.regionCode ? { regionCode: doc.regionCode } : {}),
  };
}

function frozen(org: Org): Org {
  Object.freeze(org.path);
  return Object.freeze(org);
}

interface OrgTree {
  loadedAt: number;
  list: Org[];
  byId: Map<string, Org>;
}

/** The copy per database: its read, and the tree once read (a request then awaits nothing). */
interface CachedTree {
  reading: Promise<OrgTree>;
  tree?: OrgTree;
}
const trees = new WeakMap<Db, CachedTree>();

async function readTree(db: Db): Promise<OrgTree> {
  const loadedAt = Date.now();
  const docs = await collections(db).orgs.find({}).sort({ path: 1 }).toArray();
  const list = docs.map((d) => frozen(toOrg(d)));
  return { loadedAt, list, byId: new Map(list.map((o) => [o.id, o])) };
}

function orgTree(db: Db): OrgTree | Promise<OrgTree> {
  const current = trees.get(db);
  if (current?.tree && Date.now() - current.tree.loadedAt < ORG_CACHE_MS) return current.tree;
  if (current && !current.tree) return current.reading; // a read under way: share it
  const entry: CachedTree = { reading: readTree(db) };
  entry.reading.then(
    (tree) => {
      entry.tree = tree;
    },
    () => trees.get(db) === entry && trees.delete(db), // a failed read is not cached
  );
  trees.set(db, entry);
  return entry.reading;
}

/** Forget the cached tree (after the tree itself was written). */
export function forgetOrgTree(db: Db): void {
  trees.delete(db);
}

export async function listOrgs(db: Db): Promise<Org[]> {
  return (await orgTree(db)).list;
}

export async function findOrg(db: Db, id: string): Promise<Org | null> {
  const cached = orgTree(db);
  const known = (cached instanceof Promise ? await cached : cached).byId.get(id);
  if (known) return known;
  const doc = await collections(db).orgs.findOne({ _id: id });
  if (!doc) return null;
  forgetOrgTree(db); // the copy is behind: the next read takes the whole tree again
  return frozen(toOrg(doc));
}

export async function insertOrgs(db: Db, orgs: Org[]): Promise<void> {
  if (orgs.length === 0) return;
  await collections(db).orgs.insertMany(
    orgs.map((o) => ({
      _id: o.id,
      name: o.name,
      level: o.level,
      parentId: o.parentId,
      path: o.path,
      ...(o.regionCode ? { regionCode: o.regionCode } : {}),
    })),
  );
  forgetOrgTree(db);
}
