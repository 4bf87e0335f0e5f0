/**
 * MongoDB's duplicate-key error (11000): a unique index refused a write. Repositories turn it
 * into what it means for them (a retried create, a seat taken, a child already claimed).
 */
import { MongoServerError } from 'mongodb';

export function isDuplicateKey(e: unknown): e is MongoServerError {
  return e instanceof MongoServerError && e.code === 11000;
}
