/**
 * Evidence files: the bytes go to the blob store under a random id, the metadata (owner, the
 * owner's org path, type taken from the well-formed content, size, hash) to MongoDB. The owner may read
 * a file back; so may an officer whose org subtree contains the owner's org. An upload and
 * every officer's read are audited. Bytes are written before the record: a failure between
 * leaves an unreferenced blob, never a record without bytes.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from 'mongodb';
import { MAX_UPLOAD_BYTES, type UploadedFileView } from '../../../src/contracts/files';
import { AppError } from '../../platform/http/app-error';
import type { Caller } from '../../platform/auth/caller';
import { isInScope } from '../../platform/auth/org-scope';
import { writeAudit } from '../../platform/audit/audit-log';
import { inTransaction } from '../../platform/db/transactions';
import type { BlobStore } from '../../platform/storage/blob-store';
import { checkContent, extensionOf } from '../../platform/storage/content-type';
import { boundaryOf, readFilePart } from '../../platform/storage/multipart';
import { findFile, insertFile, type FileDoc } from './repository';

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
  store: BlobStore,
  caller: Caller,
  body: Buffer,
  contentTypeHeader: string | undefined,
  requestId: string,
): Promise<UploadedFileView> {
  let bytes = body;
  let filename: string | null = null;
  let declared = contentTypeHeader;
  const boundary = boundaryOf(contentTypeHeader);
  if (boundary) {
    const part = readFilePart(body, boundary);
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
        requestId,
        data: { contentType, size: doc.size },
      },
      session,
    );
  });
  return toView(doc);
}

export async function readUpload(
  db: Db,
  store: BlobStore,
  caller: Caller,
  id: string,
  requestId: string,
): Promise<{ contentType: string; bytes: Buffer; filename: string }> {
  const doc = await findFile(db, id);
  if (!doc) throw new AppError('NOT_FOUND');
  const isOwner = doc.ownerId === caller.memberId;
  if (!isOwner && !isInScope(caller, doc.orgPath)) throw new AppError('NOT_FOUND');
  const bytes = await store.get(doc._id);
  if (!bytes) throw new AppError('NOT_FOUND');
  if (!isOwner) {
    // evidence is sensitive personal data: an officer's read is audited
    await writeAudit(db, {
      actorId: caller.memberId,
      action: 'file.read',
      entity: 'file',
      entityId: doc._id,
      orgPath: doc.orgPath,
      requestId,
    });
  }
  return { contentType: doc.contentType, bytes, filename: `${doc._id}.${extensionOf(doc.contentType)}` };
}
