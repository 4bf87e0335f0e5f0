import type { Db } from 'mongodb';
import { collections, type OrgDoc } from '../../platform/db/collections';
import type { Org } from '../../../src/contracts/orgs';

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

export async function listOrgs(db: Db): Promise<Org[]> {
  const docs = await collections(db).orgs.find({}).sort({ path: 1 }).toArray();
  return docs.map(toOrg);
}

export async function findOrg(db: Db, id: string): Promise<Org | null> {
  const doc = await collections(db).orgs.findOne({ _id: id });
  return doc ? toOrg(doc) : null;
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
}
