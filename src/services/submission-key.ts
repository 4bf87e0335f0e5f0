/**
 * One Idempotency-Key per distinct submission of a form. The same content sent again (a double
 * tap, a second try after a lost answer) carries the same key, so the cloud does it once. Changed
 * content gets a new key: the cloud keeps a refused answer under its key and refuses different
 * content under it (IDEMPOTENCY_KEY_REUSED), so a form corrected after a refusal must not reuse it.
 */
import { newIdempotencyKey } from './idempotency-key';

export function submissionKeys(): (body: unknown) => string {
  let last: { body: string; key: string } | undefined;
  return (body) => {
    const text = JSON.stringify(body);
    if (last?.body !== text) last = { body: text, key: newIdempotencyKey() };
    return last.key;
  };
}
