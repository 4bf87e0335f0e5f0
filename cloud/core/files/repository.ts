import type { ClientSession, Db } from 'mongodb';
import { registerIndexes } from '../../platform/db/indexes';
import { collectionHandle } from '../../platform/db/collection-handle';
import type { ErrorCode } from '../../../src/contracts/errors';
import { AppError } from '../../platform/http/app-error';

export interface FileDoc {
  _id: string;
  ownerId: string;
  /** the owner's org path when uploaded (for the audit log; who may read it comes from attachments) */
  orgPath: string[];
  contentType: string;
  size: number;
  sha256: string;
  filename: string | null;
  createdAt: Date;
  /** set once a record was found holding the file: it is then never removed as a loose upload */
  attached?: boolean;
  /** a loose upload being removed: no longer served, and no longer attachable */
  removing?: boolean;
}

registerIndexes('files', [
  { key: { ownerId: 1, createdAt: -1 }, name: 'owner_createdAt' },
  // the sweep of loose uploads: oldest unattached first
  { key: { attached: 1, createdAt: 1 }, name: 'loose_createdAt' },
]);

export const filesCollection = collectionHandle<FileDoc>('files');

export async function insertFile(db: Db, doc: FileDoc, session?: ClientSession): Promise<void> {
  await filesCollection(db).insertOne({ attached: false, ...doc }, { session });
}

export async function findFile(db: Db, id: string): Promise<FileDoc | null> {
  if (!/^[a-f0-9]{24}$/.test(id)) return null;
  return filesCollection(db).findOne({ _id: id, removing: { $ne: true } });
}

/** The caller's own uploads among `ids` (what a form may attach); one being removed is not. */
export async function findOwnedFiles(db: Db, ownerId: string, ids: string[]): Promise<FileDoc[]> {
  return filesCollection(db)
    .find({ _id: { $in: ids }, ownerId, removing: { $ne: true } })
    .toArray();
}

/** Refuses ids that are not all the member's own uploads (what a form or an objection may attach). */
export async function assertOwnUploads(
  db: Db,
  ownerId: string,
  ids: readonly string[],
  refusal: { code: ErrorCode; message?: string } | ErrorCode,
): Promise<void> {
  if (ids.length === 0) return;
  const owned = await findOwnedFiles(db, ownerId, [...ids]);
  if (owned.length === new Set(ids).size) return;
  const { code, message } = typeof refusal === 'string' ? { code: refusal, message: undefined } : refusal;
  throw new AppError(code, message);
}

/**
 * Uploads created before `before` that no record was found holding yet, oldest first (with those
 * whose removal was begun and not finished, e.g. the storage failed midway).
 */
export async function findLooseUploads(db: Db, before: Date, limit: number): Promise<FileDoc[]> {
  return filesCollection(db)
    .find({ attached: { $ne: true }, createdAt: { $lt: before } })
    .sort({ attached: 1, createdAt: 1 })
    .limit(limit)
    .toArray();
}

/** A claimed file turned out to be held: it is kept from now on. */
export async function keepAsAttached(db: Db, id: string): Promise<void> {
  await filesCollection(db).updateOne({ _id: id }, { $set: { attached: true }, $unset: { removing: '' } });
}

/** Marks a loose upload as being removed; false when it was found attached meanwhile. */
export async function claimForRemoval(db: Db, id: string): Promise<boolean> {
  const r = await filesCollection(db).updateOne(
    { _id: id, attached: { $ne: true } },
    { $set: { removing: true } },
  );
  return r.matchedCount === 1;
}

/** Deletes the record of a file being removed; false when another sweep did it first. */
export async function deleteRemovedFile(db: Db, id: string, session?: ClientSession): Promise<boolean> {
  const r = await filesCollection(db).deleteOne({ _id: id, removing: true }, { session });
  return r.deletedCount === 1;
}
