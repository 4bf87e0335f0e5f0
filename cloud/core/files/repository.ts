import type { ClientSession, Db } from 'mongodb';
import { registerIndexes } from '../../platform/db/indexes';

export interface FileDoc {
  _id: string;
  ownerId: string;
  /** the owner's org path when uploaded: officers of that subtree may read it */
  orgPath: string[];
  contentType: string;
  size: number;
  sha256: string;
  filename: string | null;
  createdAt: Date;
}

registerIndexes('files', [{ key: { ownerId: 1, createdAt: -1 }, name: 'owner_createdAt' }]);

export const filesCollection = (db: Db) => db.collection<FileDoc>('files');

export async function insertFile(db: Db, doc: FileDoc, session?: ClientSession): Promise<void> {
  await filesCollection(db).insertOne(doc, { session });
}

export async function findFile(db: Db, id: string): Promise<FileDoc | null> {
  if (!/^[a-f0-9]{24}$/.test(id)) return null;
  return filesCollection(db).findOne({ _id: id });
}

export async function findOwnedFiles(db: Db, ownerId: string, ids: string[]): Promise<FileDoc[]> {
  return filesCollection(db)
    .find({ _id: { $in: ids }, ownerId })
    .toArray();
}
