/**
 * A camera reads the same code many times a second while it is held up: a text read again
 * within `ms` of its last reading is the same scan, not a new one.
 */
export function repeatGuard(ms: number): (text: string, nowMs?: number) => boolean {
  let last = '';
  let at = -Infinity;
  return (text, nowMs = Date.now()) => {
    const fresh = text !== last || nowMs - at > ms;
    at = nowMs;
    last = text;
    return fresh;
  };
}
