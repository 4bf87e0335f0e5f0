/**
 * Evidence files: the bytes go to the blob store under a random id, the metadata (owner, the
 * owner's org path, type taken from the well-formed content, size, hash) to MongoDB. Bytes are
 * written before the record: a failure between leaves an unreferenced blob, never a record
 * without bytes.
 *  - Each member may upload so many files and bytes a day (a quota in MongoDB, taken before the
 *    bytes are stored; a replayed retry takes nothing).
 *  - The owner reads a file back; anyone else only through a record that holds it and that they
 *    may read (attachments.ts), audited. Everyone else, and a file that does not exist, hears the
 *    same 404.
 *  - A file no record holds a day after upload is removed (`removeLooseUploads`: each upload
 *    sweeps a few, and a scheduled trigger may run it too). Once a record was found holding a
 *    file, the file is kept.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from 'mongodb';
import type { Logger } from '../../platform/log/logger';
import { MAX_UPLOAD_BYTES, type UploadedFileView } from '../../../src/contracts/files';
import { AppError } from '../../platform/http/app-error';
import type { Caller } from '../../platform/auth/caller';
import { writeAudit } from '../../platform/audit/audit-log';
import { inTransaction } from '../../platform/db/transactions';
import { takeDailyQuota, type DailyLimits } from '../../platform/limits/quota';
import type { BlobStore } from '../../platform/storage/blob-store';
import { checkContent, extensionOf } from '../../platform/storage/content-type';
import { boundaryOf, readFilePart } from '../../platform/storage/multipart';
import { isHeld, readableHolder, type AttachmentSource } from './attachments';
import {
  claimForRemoval,
  deleteRemovedFile,
  findFile,
  findLooseUploads,
  insertFile,
  keepAsAttached,
  type FileDoc,
} from './repository';

/** A loose upload is removed a day after it was made: time to fill in and save a form. */
export const LOOSE_UPLOAD_MS = 86_400_000;
/** How many loose uploads one upload request removes on its way (the backlog drains over uploads). */
const SWEEP_PER_UPLOAD = 10;

export interface FileServices {
  store: BlobStore;
  /** the programs whose records hold files */
  attachments: readonly AttachmentSource[];
}

function toView(doc: FileDoc): UploadedFileView {
  return {
    id: doc._id,
    contentType: doc.contentType as UploadedFileView['contentType'],
    size: doc.size,
    createdAt: doc.createdAt.toISOString(),
  };
}

export async function storeUpload(
  db: Db,
  { store, attachments }: FileServices,
  quota: { count: number; bytes: number },
  caller: Caller,
  upload: { body: Buffer; contentType: string | undefined },
  ctx: { requestId: string; log: Logger },
): Promise<UploadedFileView> {
  let bytes = upload.body;
  let filename: string | null = null;
  let declared = upload.contentType;
  const boundary = boundaryOf(upload.contentType);
  if (boundary) {
    const part = readFilePart(upload.body, boundary);
    if (!part) throw new AppError('VALIDATION_FAILED', '没有收到文件');
    bytes = part.bytes;
    filename = part.filename;
    declared = part.contentType ?? undefined;
  }
  if (bytes.length === 0) throw new AppError('VALIDATION_FAILED', '没有收到文件');
  if (bytes.length > MAX_UPLOAD_BYTES) throw new AppError('FILE_TOO_LARGE');
  const checked = checkContent(bytes, declared);
  if (!checked.ok)
    throw new AppError(checked.problem === 'not_allowed' ? 'FILE_TYPE_NOT_ALLOWED' : 'FILE_CONTENT_INVALID');
  const { contentType } = checked;
  const limits: DailyLimits = { count: quota.count, amount: quota.bytes };
  if (!(await takeDailyQuota(db, 'uploads', caller.memberId, bytes.length, limits)))
    throw new AppError('UPLOAD_QUOTA_EXCEEDED');
  await removeLooseUploads(db, { store, attachments }, { limit: SWEEP_PER_UPLOAD }).catch((err: unknown) =>
    ctx.log.warn({ err }, 'removing loose uploads failed; the next upload tries again'),
  );
  const id = randomBytes(12).toString('hex');
  await store.put(id, bytes, contentType);
  const doc: FileDoc = {
    _id: id,
    ownerId: caller.memberId,
    orgPath: caller.orgPath,
    contentType,
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    filename: filename ? filename.slice(0, 120) : null,
    createdAt: new Date(),
  };
  await inTransaction(async (session) => {
    await insertFile(db, doc, session);
    await writeAudit(
      db,
      {
        actorId: caller.memberId,
        action: 'file.uploaded',
        entity: 'file',
        entityId: id,
        orgPath: doc.orgPath,
        requestId: ctx.requestId,
        data: { contentType, size: doc.size },
      },
      session,
    );
  });
  return toView(doc);
}

export async function readUpload(
  db: Db,
  { store, attachments }: FileServices,
  caller: Caller,
  id: string,
  requestId: string,
): Promise<{ contentType: string; bytes: Buffer; filename: string }> {
  const doc = await findFile(db, id);
  if (!doc) throw new AppError('NOT_FOUND');
  const isOwner = doc.ownerId === caller.memberId;
  const via = isOwner ? null : await readableHolder(db, attachments, caller, doc._id);
  // a file that is neither yours nor held by a record you may read: as if it did not exist
  if (!isOwner && !via) throw new AppError('NOT_FOUND');
  const bytes = await store.get(doc._id);
  if (!bytes) throw new AppError('NOT_FOUND');
  if (via) {
    // evidence is sensitive personal data: a reviewer's read is audited, with the record it came through
    await writeAudit(db, {
      actorId: caller.memberId,
      action: 'file.read',
      entity: 'file',
      entityId: doc._id,
      orgPath: doc.orgPath,
      requestId,
      data: { via: via.kind, viaId: via.id },
    });
  }
  return { contentType: doc.contentType, bytes, filename: `${doc._id}.${extensionOf(doc.contentType)}` };
}

/**
 * Removes uploads that no record holds a day after they were made: the file first leaves the
 * attachable set (`removing`), then every attachment source is asked, then the bytes go, then the
 * record, audited with no actor. A file found held is marked attached and kept from then on.
 * Returns how many were removed.
 */
export async function removeLooseUploads(
  db: Db,
  { store, attachments }: FileServices,
  { now = new Date(), limit = 100 }: { now?: Date; limit?: number } = {},
): Promise<number> {
  const loose = await findLooseUploads(db, new Date(now.getTime() - LOOSE_UPLOAD_MS), limit);
  let removed = 0;
  for (const f of loose) {
    // claimed first: from here no form can attach it (findOwnedFiles skips it), then asked
    if (!(await claimForRemoval(db, f._id))) continue;
    if (await isHeld(db, attachments, f._id)) {
      await keepAsAttached(db, f._id);
      continue;
    }
    await store.delete(f._id);
    const deleted = await inTransaction(async (session) => {
      if (!(await deleteRemovedFile(db, f._id, session))) return false;
      await writeAudit(
        db,
        {
          actorId: null,
          action: 'file.removed_unattached',
          entity: 'file',
          entityId: f._id,
          orgPath: f.orgPath,
          data: { uploadedAt: f.createdAt.toISOString(), ownerId: f.ownerId },
        },
        session,
      );
      return true;
    });
    if (deleted) removed++;
  }
  return removed;
}
