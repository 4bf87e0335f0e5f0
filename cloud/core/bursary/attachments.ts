/**
 * 金秋助学 holds files in one place: the photos of the 录取通知书 or proof of enrolment
 * (proofFileIds). Officers who may read the application (the same rule as
 * GET /api/bursary/applications/:id) may read them; the parent reads them as their owner. Photos
 * the parent added after a return are held too (so not swept as loose uploads), but no officer
 * reads them until they are resubmitted into the application.
 */
import type { Db } from 'mongodb';
import type { Caller } from '../../platform/auth/caller';
import { registerIndexes } from '../../platform/db/indexes';
import type { AttachmentSource } from '../files/attachments';
import { canRead } from '../workflow/actor';
import { bursaryApplications } from './repository';
import { toBursarySnapshot } from './snapshot';

// which applications hold a file: asked when anyone but the owner reads it, and by the loose-upload sweep
registerIndexes('bursaryApplications', [
  { key: { proofFileIds: 1 }, name: 'proof_files' },
  { key: { 'unsubmitted.set.proofFileIds': 1 }, name: 'unsubmitted_proof_files' },
]);

export const bursaryAttachments: AttachmentSource = {
  kind: 'bursaryApplication',
  async holds(db: Db, fileId: string) {
    return (
      (await bursaryApplications
        .collection(db)
        .countDocuments(
          { $or: [{ proofFileIds: fileId }, { 'unsubmitted.set.proofFileIds': fileId }] },
          { limit: 1 },
        )) > 0
    );
  },
  async readableHolder(db: Db, caller: Caller, fileId: string) {
    if (!caller.roles.includes('officer')) return null;
    const docs = await bursaryApplications
      .collection(db)
      .find({ proofFileIds: fileId }, { projection: { history: 0, 'child.idNumberEnc': 0 } })
      .limit(20)
      .toArray();
    const readable = docs.find(
      (doc) => doc.applicantId !== caller.memberId && canRead(caller, toBursarySnapshot(doc)),
    );
    return readable ? readable._id.toHexString() : null;
  },
};
