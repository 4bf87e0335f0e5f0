/**
 * The logical sessions this server has seen, as MongoDB's local session cache: every command's
 * `lsid` refreshes its entry, `endSessions` removes it, and an entry idle for the session timeout
 * (30 minutes, as `hello` announces) is forgotten. `$listLocalSessions` lists them.
 */
import { createHash } from 'node:crypto';
import { Binary, type Document } from 'bson';

const TIMEOUT_MS = 30 * 60 * 1000;
const MAX_ENTRIES = 10_000;

/** The user id of a session without authentication: SHA-256 of the empty user name. */
const NO_USER = new Binary(createHash('sha256').update('').digest());

function keyOf(id: unknown): string | null {
  if (!(id instanceof Binary)) return null;
  const bytes = id.buffer;
  return Buffer.from(bytes.buffer, bytes.byteOffset, id.position).toString('base64'); // a view, no copy
}

export class LocalSessions {
  /** by id, in the order first seen; last use in ms since the epoch (no Date per command) */
  private readonly seen = new Map<string, { id: Binary; lastUse: number }>();

  touch(lsid: Document | undefined): void {
    const key = keyOf(lsid?.id);
    if (!key) return;
    const known = this.seen.get(key);
    if (known) {
      known.lastUse = Date.now();
      return;
    }
    this.seen.set(key, { id: lsid!.id, lastUse: Date.now() });
    if (this.seen.size > MAX_ENTRIES) this.seen.delete(this.seen.keys().next().value!); // the first seen
  }

  end(lsids: Document[]): void {
    for (const lsid of lsids) {
      const key = keyOf(lsid?.id);
      if (key) this.seen.delete(key);
    }
  }

  /** The `$listLocalSessions` documents (sessions idle past the timeout are forgotten first). */
  list(): Document[] {
    const cutoff = Date.now() - TIMEOUT_MS;
    for (const [key, s] of this.seen) if (s.lastUse < cutoff) this.seen.delete(key);
    return [...this.seen.values()].map((s) => ({
      _id: { id: s.id, uid: NO_USER },
      lastUse: new Date(s.lastUse),
    }));
  }
}
