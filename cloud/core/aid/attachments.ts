/**
 * Hardship aid holds files in two places: the worker's evidence (form.evidenceFileIds) and the
 * attachments of objections filed during 公示 (objections[].fileIds). Officers who may read the
 * case (the same rule as GET /api/aid/cases/:id: never a draft) may read those files; the
 * applicant reads only their own uploads (as owner), so an objector's attachments stay with the
 * reviewers. Photos the worker added after a return are held too (so not swept as loose
 * uploads), but no officer reads them until they are resubmitted into the form.
 */
import type { Db } from 'mongodb';
import type { Caller } from '../../platform/auth/caller';
import { registerIndexes } from '../../platform/db/indexes';
import type { AttachmentSource } from '../files/attachments';
import { canRead } from '../workflow/actor';
import { aidCases } from './repository';
import { toAidSnapshot } from './snapshot';

// which cases hold a file: asked when anyone but the owner reads it, and by the loose-upload sweep
registerIndexes('aidCases', [
  { key: { 'form.evidenceFileIds': 1 }, name: 'evidence_files' },
  { key: { 'objections.fileIds': 1 }, name: 'objection_files' },
  { key: { 'unsubmitted.set.form.evidenceFileIds': 1 }, name: 'unsubmitted_evidence_files' },
]);

/** What reviewers read: the submitted evidence and the objections' attachments. */
const holding = (fileId: string) => ({
  $or: [{ 'form.evidenceFileIds': fileId }, { 'objections.fileIds': fileId }],
});

export const aidAttachments: AttachmentSource = {
  kind: 'aidCase',
  async holds(db: Db, fileId: string) {
    const held = { $or: [...holding(fileId).$or, { 'unsubmitted.set.form.evidenceFileIds': fileId }] };
    return (await aidCases.collection(db).countDocuments(held, { limit: 1 })) > 0;
  },
  async readableHolder(db: Db, caller: Caller, fileId: string) {
    if (!caller.roles.includes('officer')) return null;
    const cases = await aidCases
      .collection(db)
      .find(holding(fileId), { projection: { history: 0, 'form.bankAccountEnc': 0 } })
      .limit(20)
      .toArray();
    const readable = cases.find(
      (doc) => doc.applicantId !== caller.memberId && canRead(caller, toAidSnapshot(doc)),
    );
    return readable ? readable._id.toHexString() : null;
  },
};
