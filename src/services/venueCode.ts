/**
 * The venue screen's code in characters, for a worker whose camera cannot read the screen: the
 * list's digit and the 6-character code (7 characters, printed 0ABC-DEF), typed on the worker's
 * 扫码签到 page for one of their competitions, which makes the scene again.
 */
import { normalizeShortCode, venueScene } from '../contracts/competitions';

export function venueManualCode(parsed: { listIndex: number; code: string }): string {
  const all = `${parsed.listIndex}${parsed.code}`;
  return `${all.slice(0, 4)}-${all.slice(4)}`;
}

/** The scene for what was typed, or null when it is not a venue code. */
export function sceneFromManualCode(typed: string, competitionId: string): string | null {
  const n = normalizeShortCode(typed);
  if (!/^[0-7][0-9A-Z]{6}$/.test(n)) return null;
  return venueScene(competitionId, Number(n[0]), n.slice(1));
}
