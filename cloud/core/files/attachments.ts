/**
 * Attachments: where uploaded files are used. A file belongs to its uploader; anyone else may
 * read it only through a record that holds it and that they may read (an aid case's evidence,
 * an objection's attachments; later a 金秋助学 application or a competition entry). Each program
 * that holds files supplies an AttachmentSource, and the files function lists them
 * (cloud/functions/files/attachment-sources.ts): the files service knows no program by name.
 * A file no source holds a day after upload is a loose upload, and is removed (service.ts).
 */
import type { Db } from 'mongodb';
import type { Caller } from '../../platform/auth/caller';

export interface AttachmentSource {
  /** the holding record's entity name, as the audit log writes it (e.g. 'aidCase') */
  kind: string;
  /** whether any record of this program holds the file */
  holds(db: Db, fileId: string): Promise<boolean>;
  /** the id of a record holding the file that the caller may read as its reviewer, or null */
  readableHolder(db: Db, caller: Caller, fileId: string): Promise<string | null>;
}

export async function isHeld(db: Db, sources: readonly AttachmentSource[], fileId: string): Promise<boolean> {
  for (const s of sources) if (await s.holds(db, fileId)) return true;
  return false;
}

/** The first record, across programs, that holds the file and that the caller may read. */
export async function readableHolder(
  db: Db,
  sources: readonly AttachmentSource[],
  caller: Caller,
  fileId: string,
): Promise<{ kind: string; id: string } | null> {
  for (const s of sources) {
    const id = await s.readableHolder(db, caller, fileId);
    if (id) return { kind: s.kind, id };
  }
  return null;
}
