/**
 * Members an officer may nominate: a read of the members collection for the competitions
 * domain, always under the filter the caller passes (the officer's subtree narrowed to the
 * organiser's, from `scopeFilter`), and only members with a completed real-name profile.
 */
import type { Db } from 'mongodb';
import { collections, type MemberDoc } from '../../platform/db/collections';

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export async function findCandidates(
  db: Db,
  scoped: { orgPath: string | { $all: string[] } },
  nameStartsWith: string,
): Promise<Pick<MemberDoc, '_id' | 'name' | 'orgId' | 'phoneMasked'>[]> {
  return collections(db)
    .members.find(
      {
        ...scoped,
        idNumberHash: { $type: 'string' },
        ...(nameStartsWith ? { name: { $regex: `^${escapeRegex(nameStartsWith)}` } } : {}),
      },
      { projection: { name: 1, orgId: 1, phoneMasked: 1 } },
    )
    .sort({ name: 1 })
    .limit(50)
    .toArray();
}
