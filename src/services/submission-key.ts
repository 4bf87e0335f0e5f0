/**
 * A form's Idempotency-Key, kept until the cloud has answered the submission. Sent again after a
 * lost answer, a server error or a double tap, it is the same request, so the cloud does it once
 * (whatever the form holds by then: changed content under the same key is refused, 422, never
 * done twice). Once the cloud has answered — done, or refused in a way it keeps under the key
 * (any 4xx but "still in progress") — the next submission is a new request with a new key, so a
 * form corrected after a refusal can be sent, and the same content sent later is judged afresh.
 */
import { newIdempotencyKey } from './idempotency-key';

export interface SubmissionKey {
  /** the key to send now */
  readonly current: string;
  /** after an attempt: nothing (done) or what it failed with */
  settle(error?: unknown): void;
}

/** A refusal the cloud keeps under the key: a 4xx, except that the first attempt is still running. */
function answered(error: unknown): boolean {
  const e = error as { status?: unknown; code?: unknown } | null;
  const status = typeof e?.status === 'number' ? e.status : 0;
  return status >= 400 && status < 500 && e?.code !== 'REQUEST_IN_PROGRESS';
}

export function submissionKey(): SubmissionKey {
  let key = newIdempotencyKey();
  return {
    get current() {
      return key;
    },
    settle(error) {
      if (error === undefined || answered(error)) key = newIdempotencyKey();
    },
  };
}
