import { ERRORS, type ErrorCode } from '../../../src/contracts/errors';

/**
 * The one error type the cloud throws on purpose. The code is stable (src/contracts/errors.ts),
 * the status and default message come from the same table; `message` may be more specific
 * (still plain Chinese). The HTTP layer turns it into `{ error: { code, message, details } }`.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? ERRORS[code].message);
    this.name = 'AppError';
    this.status = ERRORS[code].status;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
