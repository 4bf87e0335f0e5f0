/**
 * A demo member as the caller the use cases expect: loaded as a fresh session of theirs would
 * load it (loadCaller), so the seed acts with exactly the rights the member has when signed in.
 */
import type { Db } from 'mongodb';
import type { Caller } from '../platform/auth/caller';
import { loadCaller } from '../platform/auth/load-caller';
import { collections } from '../platform/db/collections';

export async function callerOf(db: Db, openid: string): Promise<Caller> {
  const m = await collections(db).members.findOne({ openid });
  if (!m) throw new Error(`seed: no member ${openid}`);
  const session = {
    memberId: m._id.toHexString(),
    sessionVersion: m.sessionVersion ?? 0,
    issuedAt: Date.now() / 1000,
  };
  return loadCaller(db, session, Number.POSITIVE_INFINITY);
}
