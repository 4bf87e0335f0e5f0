/** The aid ledger: one entry per payment, in the same transaction as the case change (yearly figures read it). */
import type { ClientSession, Db, ObjectId } from 'mongodb';
import { registerIndexes } from '../../platform/db/indexes';

export interface LedgerDoc {
  caseId: ObjectId;
  applicantId: string;
  orgPath: string[];
  amountFen: number;
  kind: string;
  year: number;
  at: Date;
  officerId: string;
}

registerIndexes('aidLedger', [
  { key: { orgPath: 1, year: 1 }, name: 'org_year' },
  { key: { caseId: 1 }, name: 'case' },
]);

export async function recordLedgerEntry(db: Db, entry: LedgerDoc, session: ClientSession): Promise<void> {
  await db.collection<LedgerDoc>('aidLedger').insertOne(entry, { session });
}
