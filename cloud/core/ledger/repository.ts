/**
 * The payments ledger: one entry per payment any program records, written in the same
 * transaction as the case change that records it (a transition's `ledger` side effect), so the
 * yearly figures (帮扶 and 助学 paid per org and year) read one collection. The collection keeps
 * its first name, `aidLedger`: every programme it serves pays aid.
 */
import type { ClientSession, Db, ObjectId } from 'mongodb';
import { registerIndexes } from '../../platform/db/indexes';
import { collectionHandle } from '../../platform/db/collection-handle';

export interface LedgerDoc {
  /** the program whose case paid (`aid`, …); entries written before it existed are aid's */
  program: string;
  caseId: ObjectId;
  applicantId: string;
  orgPath: string[];
  amountFen: number;
  kind: string;
  year: number;
  at: Date;
  officerId: string;
}

const ledger = collectionHandle<LedgerDoc>('aidLedger');

registerIndexes('aidLedger', [
  { key: { orgPath: 1, year: 1 }, name: 'org_year' },
  { key: { caseId: 1 }, name: 'case' },
]);

export async function recordLedgerEntry(db: Db, entry: LedgerDoc, session: ClientSession): Promise<void> {
  await ledger(db).insertOne(entry, { session });
}
