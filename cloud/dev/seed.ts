/** Seeds the demo org tree, accounts and program data when the database has no orgs yet (idempotent). */
import type { Db } from 'mongodb';
import { idNumberCheckChar, maskIdNumber } from '../../src/contracts/idNumber';
import { CURRENT_CONSENT_VERSION } from '../../src/contracts/members';
import type { AppConfig } from '../platform/config/config';
import { collections } from '../platform/db/collections';
import { piiCipherFor } from '../platform/crypto/pii';
import { insertOrgs } from '../core/orgs/repository';
import { blankMember } from '../core/members/repository';
import { maskPhone } from '../core/members/view';
import { SEED_MEMBERS, SEED_ORGS } from './seed-data';
import { seedDemoCompetition } from './seed-competition';
import { seedPrograms } from './seed-programs';

export function seedIdNumber(id17: string): string {
  return id17 + idNumberCheckChar(id17);
}

export async function seedIfEmpty(db: Db, config: AppConfig): Promise<boolean> {
  const c = collections(db);
  if ((await c.orgs.countDocuments({}, { limit: 1 })) > 0) return false;
  await insertOrgs(db, SEED_ORGS);
  const cipher = piiCipherFor(config.piiKey);
  const byId = new Map(SEED_ORGS.map((o) => [o.id, o]));
  const now = new Date();
  await c.members.insertMany(
    SEED_MEMBERS.map((m) => {
      const idNumber = seedIdNumber(m.id17);
      const officerOrg = m.officerOrgId ? byId.get(m.officerOrgId)! : null;
      return blankMember(
        {
          openid: m.openid,
          roles: officerOrg ? ['worker', 'officer'] : ['worker'],
          name: m.name,
          orgId: m.orgId,
          orgPath: byId.get(m.orgId)!.path,
          officerOrgId: officerOrg?.id ?? null,
          officerLevel: officerOrg?.level ?? null,
          officerOrgPath: officerOrg?.path ?? [],
          idNumberEnc: cipher.encrypt(idNumber),
          idNumberHash: cipher.lookupHash(idNumber),
          idNumberMasked: maskIdNumber(idNumber),
          phoneEnc: cipher.encrypt(m.phone),
          phoneMasked: maskPhone(m.phone),
          consent: { version: CURRENT_CONSENT_VERSION, at: now },
        },
        now,
      );
    }),
  );
  await seedPrograms(config);
  await c.auditLog.insertOne({
    at: now,
    actorId: null,
    action: 'seed',
    entity: 'database',
    entityId: 'demo',
  });
  await seedDemoCompetition(config);
  return true;
}
