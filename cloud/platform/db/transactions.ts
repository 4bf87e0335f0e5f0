/**
 * Runs `work` in one MongoDB transaction (majority commit). The driver's withTransaction
 * retries on TransientTransactionError (e.g. a write conflict), so `work` must be safe to rerun:
 * it receives the session and must pass it to every read and write.
 */
import type { ClientSession } from 'mongodb';
import { getClient } from './client';

export async function inTransaction<T>(work: (session: ClientSession) => Promise<T>): Promise<T> {
  const client = await getClient();
  const session = client.startSession();
  try {
    return await session.withTransaction(work, {
      readConcern: { level: 'snapshot' },
      writeConcern: { w: 'majority' },
    });
  } finally {
    await session.endSession();
  }
}
