/**
 * Database failures that say "not now" rather than "no": the same request may well succeed a
 * moment later. The network dropped, the driver cleared its pool after a missed heartbeat, no
 * server could be selected, the pool had no free connection in time, an operation timed out, or
 * MongoDB answered with a code or label meaning "retry" (a write conflict withTransaction gave up
 * on, a transaction that was aborted under it, a primary stepping down). The HTTP layer answers
 * these with 503 DB_UNAVAILABLE and Retry-After, never 500.
 */
import {
  MongoError,
  MongoErrorLabel,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoOperationTimeoutError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from 'mongodb';

/** Driver classes it does not export, by name. */
const TRANSIENT_NAMES = new Set([
  'MongoWaitQueueTimeoutError',
  'MongoPoolClosedError',
  'MongoPoolClearedError',
]);

/**
 * MongoDB's "retry" codes: HostUnreachable 6, HostNotFound 7, NetworkTimeout 89, ShutdownInProgress
 * 91, WriteConflict 112, PrimarySteppedDown 189, NoSuchTransaction 251, ExceededTimeLimit 262,
 * SocketException 9001, NotWritablePrimary 10107, InterruptedAtShutdown 11600,
 * InterruptedDueToReplStateChange 11602, NotPrimaryNoSecondaryOk 13435,
 * NotPrimaryOrSecondary 13436, MaxTimeMSExpired 50.
 */
const TRANSIENT_CODES = new Set([
  6, 7, 50, 89, 91, 112, 189, 251, 262, 9001, 10107, 11600, 11602, 13435, 13436,
]);

const TRANSIENT_LABELS = [
  MongoErrorLabel.TransientTransactionError,
  MongoErrorLabel.UnknownTransactionCommitResult,
  MongoErrorLabel.RetryableWriteError,
];

/** Seconds a client should wait before sending a request that met a transient failure again. */
export const RETRY_AFTER_SECONDS = 1;

export function isTransientDbError(e: unknown, depth = 0): boolean {
  if (!(e instanceof Error) || depth > 3) return false;
  if (
    e instanceof MongoNetworkError ||
    e instanceof MongoServerSelectionError ||
    e instanceof MongoTopologyClosedError ||
    e instanceof MongoNotConnectedError ||
    e instanceof MongoOperationTimeoutError ||
    TRANSIENT_NAMES.has(e.name)
  )
    return true;
  if (e instanceof MongoError) {
    if (TRANSIENT_LABELS.some((label) => e.hasErrorLabel(label))) return true;
    if (typeof e.code === 'number' && TRANSIENT_CODES.has(e.code)) return true;
  }
  return isTransientDbError(e.cause, depth + 1);
}
