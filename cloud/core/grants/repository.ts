/**
 * The grant register: one entry per person granted in a year by a program that writes to a
 * register, so that related programs never grant the same person twice in one year (金秋助学: one
 * grant per child per year across related student-aid programs). Programs that are related name
 * the same register in their table's `grant` side effect; a unique index on (register, year,
 * subject) makes the second grant fail inside the transaction that would have made it. The
 * subject is a keyed hash (cloud/platform/crypto/pii.ts), never the ID number itself.
 */
import type { ClientSession, Db, ObjectId } from 'mongodb';
import { isDuplicateKey } from '../../platform/db/duplicate-key';
import { registerIndexes } from '../../platform/db/indexes';
import { collectionHandle } from '../../platform/db/collection-handle';

export interface GrantDoc {
  register: string;
  year: number;
  /** keyed hash of the person's ID number */
  subjectHash: string;
  /** the program and case that granted */
  program: string;
  caseId: ObjectId;
  at: Date;
}

registerIndexes('grantRegister', [
  { key: { register: 1, year: 1, subjectHash: 1 }, name: 'once_per_register_year', unique: true },
]);

const grants = collectionHandle<GrantDoc>('grantRegister');

/** Records the grant; false when the register already holds this person for the year. */
export async function recordGrant(db: Db, entry: GrantDoc, session: ClientSession): Promise<boolean> {
  try {
    await grants(db).insertOne(entry, { session });
    return true;
  } catch (e) {
    if (isDuplicateKey(e)) return false;
    throw e;
  }
}

/** Whether the register already holds this person for the year (an early answer; the index decides). */
export async function isGranted(
  db: Db,
  register: string,
  year: number,
  subjectHash: string,
): Promise<boolean> {
  return (await grants(db).countDocuments({ register, year, subjectHash }, { limit: 1 })) > 0;
}
