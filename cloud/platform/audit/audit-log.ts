/**
 * The audit log: one entry per state change and per read of unmasked personal data, written
 * in the same session (transaction) as the change it records when there is one.
 */
import type { ClientSession, Db } from 'mongodb';
import { scopeFilter, type OfficerScope } from '../auth/org-scope';
import { collections, type AuditDoc } from '../db/collections';

export async function writeAudit(
  db: Db,
  entry: Omit<AuditDoc, '_id' | 'at'>,
  session?: ClientSession,
): Promise<void> {
  await collections(db).auditLog.insertOne({ ...entry, at: new Date() }, { session });
}

/** One page of the entries of one action in an officer's subtree, newest first, and how many there are. */
export async function auditPageInScope(
  db: Db,
  scope: OfficerScope,
  action: string,
  { page, pageSize }: { page: number; pageSize: number },
): Promise<{ entries: AuditDoc[]; total: number }> {
  const { auditLog } = collections(db);
  const filter = { ...scopeFilter(scope), action };
  const [entries, total] = await Promise.all([
    auditLog
      .find(filter)
      .sort({ at: -1 })
      .skip((page - 1) * pageSize)
      .limit(pageSize)
      .toArray(),
    auditLog.countDocuments(filter),
  ]);
  return { entries, total };
}
