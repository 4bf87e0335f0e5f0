/** An Idempotency-Key: 8–128 chars of [A-Za-z0-9_-], as the server requires. */
export function newIdempotencyKey(): string {
  const random = Array.from({ length: 4 }, () =>
    Math.floor(Math.random() * 0x100000000)
      .toString(36)
      .padStart(7, '0'),
  ).join('');
  return `${Date.now().toString(36)}-${random}`;
}
