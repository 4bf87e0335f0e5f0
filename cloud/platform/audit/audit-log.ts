/**
 * The audit log: one entry per state change and per read of unmasked personal data, written
 * in the same session (transaction) as the change it records when there is one.
 */
import type { ClientSession, Db } from 'mongodb';
import { collections, type AuditDoc } from '../db/collections';

export async function writeAudit(
  db: Db,
  entry: Omit<AuditDoc, '_id' | 'at'>,
  session?: ClientSession,
): Promise<void> {
  await collections(db).auditLog.insertOne({ ...entry, at: new Date() }, { session });
}
