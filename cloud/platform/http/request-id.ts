/**
 * Request ids. The server makes its own for every request (a random UUID): it is what the
 * answer's X-Request-Id, the log lines and the audit entries carry, so no client can make two
 * requests share one. A client may send its own X-Request-Id to find its request in the logs;
 * that one is kept apart (`clientRequestId` in the log) and only when it is a short plain token,
 * so nothing else a client sends ends up in a log line.
 */
import { randomUUID } from 'node:crypto';

const CLIENT_REQUEST_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

export function newRequestId(): string {
  return randomUUID();
}

/** The client's own id when it is well-formed; undefined otherwise (dropped, never an error). */
export function clientRequestIdOf(header: string | undefined): string | undefined {
  return header !== undefined && CLIENT_REQUEST_ID.test(header) ? header : undefined;
}
