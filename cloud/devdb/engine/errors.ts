/** Server errors shaped as MongoDB's (code + codeName), so the driver raises its usual classes. */
import type { Document } from 'bson';

export class CommandError extends Error {
  constructor(
    readonly code: number,
    readonly codeName: string,
    message: string,
    readonly extra: Document = {},
  ) {
    super(message);
  }

  toReply(): Document {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
  }
}

/**
 * An error that fails the whole command, never one statement of it: MongoDB reports a write
 * conflict inside a transaction, and a transaction that is gone, at the top level with the
 * TransientTransactionError label, which the driver's withTransaction retries on. (Not a
 * CommandError, so the per-statement writeErrors of insert/update/delete do not swallow it.)
 */
export class TransientTransactionError extends Error {
  readonly extra: Document = { errorLabels: ['TransientTransactionError'] };
  constructor(
    readonly code: number,
    readonly codeName: string,
    message: string,
  ) {
    super(message);
  }

  toReply(): Document {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
  }
}

export class DuplicateKeyError extends CommandError {
  constructor(ns: string, indexName: string, keyPattern: Document, keyValue: Document) {
    super(
      11000,
      'DuplicateKey',
      `E11000 duplicate key error collection: ${ns} index: ${indexName} dup key: ${JSON.stringify(keyValue)}`,
      { keyPattern, keyValue },
    );
  }
}

export const errors = {
  commandNotFound: (name: string) => new CommandError(59, 'CommandNotFound', `no such command: '${name}'`),
  badValue: (msg: string) => new CommandError(2, 'BadValue', msg),
  typeMismatch: (msg: string) => new CommandError(14, 'TypeMismatch', msg),
  nsNotFound: (msg: string) => new CommandError(26, 'NamespaceNotFound', msg),
  nsExists: (msg: string) => new CommandError(48, 'NamespaceExists', msg),
  indexNotFound: (msg: string) => new CommandError(27, 'IndexNotFound', msg),
  cursorNotFound: (id: unknown) =>
    new CommandError(43, 'CursorNotFound', `cursor id ${String(id)} not found`),
  immutableField: () =>
    new CommandError(
      66,
      'ImmutableField',
      "Performing an update on the path '_id' would modify the immutable field '_id'",
    ),
  failedToParse: (msg: string) => new CommandError(9, 'FailedToParse', msg),
  notSupported: (msg: string) => new CommandError(115, 'CommandNotSupported', msg),
  invalidBson: (msg: string) => new CommandError(22, 'InvalidBSON', msg),
  /** MongoDB's words for a write conflict inside a transaction */
  writeConflict: () =>
    new TransientTransactionError(
      112,
      'WriteConflict',
      'Write conflict during plan execution and yielding is disabled.',
    ),
  notInTransaction: (what: string) =>
    new CommandError(
      263,
      'OperationNotSupportedInTransaction',
      `Cannot run ${what} in a multi-document transaction.`,
    ),
  /** a transaction aborted by someone else (its lifetime ran out, or a write outside it waited too long) */
  transactionAborted: (n: unknown, why: string) =>
    new TransientTransactionError(
      251,
      'NoSuchTransaction',
      `Transaction with txnNumber ${String(n)} has been aborted: ${why}.`,
    ),
  journalFailed: (cause: unknown) =>
    new CommandError(
      1,
      'InternalError',
      `devdb journal write failed (${(cause as Error)?.message ?? String(cause)}); restart the server to recover`,
    ),
  noSuchTransaction: (n: unknown) =>
    new TransientTransactionError(
      251,
      'NoSuchTransaction',
      `Transaction with txnNumber ${String(n)} has been aborted.`,
    ),
};
