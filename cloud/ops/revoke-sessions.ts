/**
 * `npm run sessions:revoke -- <openid or member id>`: ends every session of one member or
 * officer (a lost phone, an officer who left the union), audited with no actor (an operator).
 * Uses the same configuration as the functions (MONGODB_URI, MONGODB_DB).
 */
import { ObjectId } from 'mongodb';
import { ConfigError, getConfig } from '../platform/config/config';
import { closeDb, getDb } from '../platform/db/client';
import { newRequestId } from '../platform/http/request-id';
import { findMemberById, findMemberByOpenid } from '../core/members/repository';
import { revokeSessions } from '../core/members/sessions';

async function main(who: string | undefined): Promise<number> {
  if (!who) {
    console.error('usage: npm run sessions:revoke -- <openid or member id>');
    return 2;
  }
  try {
    if (!getConfig().mongoUri) throw new ConfigError('set MONGODB_URI to the database to change');
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`configuration error: ${e.message}`);
      return 1;
    }
    throw e;
  }
  const db = await getDb();
  try {
    const member =
      (ObjectId.isValid(who) && /^[a-f0-9]{24}$/i.test(who) ? await findMemberById(db, who) : null) ??
      (await findMemberByOpenid(db, who));
    if (!member) {
      console.error(`no member with openid or id ${who}`);
      return 1;
    }
    const requestId = newRequestId();
    await revokeSessions(db, member._id.toHexString(), { actorId: null, reason: 'operator', requestId });
    console.log(`ended every session of ${member._id.toHexString()} (audit request id ${requestId})`);
    return 0;
  } finally {
    await closeDb();
  }
}

void main(process.argv[2]).then((code) => process.exit(code));
