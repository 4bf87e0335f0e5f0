import type { Db } from 'mongodb';
import type { CallerRecord } from '../../platform/auth/caller';
import type { MemberDoc } from '../../platform/db/collections';
import type { MemberView } from '../../../src/contracts/members';
import { findOrg } from '../orgs/repository';

/**
 * A member as the member sees it, with the union's name from the cached org tree
 * (cloud/core/orgs/repository.ts). GET /members/me needs nothing more: this module stays light
 * so that route's cold start loads no service code (cloud/functions/members/app.ts).
 */
export async function memberView(db: Db, doc: CallerRecord): Promise<MemberView> {
  const org = doc.orgId ? await findOrg(db, doc.orgId) : null;
  return toMemberView(doc, org?.name ?? null);
}

/** The only shape a member leaves the cloud in: ID and phone numbers masked, never raw. */
export function toMemberView(doc: CallerRecord, orgName: string | null): MemberView {
  return {
    id: doc._id.toHexString(),
    name: doc.name,
    orgId: doc.orgId,
    orgName,
    roles: doc.roles,
    officerOrgId: doc.officerOrgId,
    officerLevel: doc.officerLevel ?? null,
    idNumberMasked: doc.idNumberMasked,
    phoneMasked: doc.phoneMasked,
    profileComplete: hasRealNameProfile(doc),
    consent: doc.consent ? { version: doc.consent.version, at: doc.consent.at.toISOString() } : null,
    identityChangePending: doc.pendingIdentity
      ? {
          name: doc.pendingIdentity.name,
          idNumberMasked: doc.pendingIdentity.idNumberMasked,
          requestedAt: doc.pendingIdentity.requestedAt.toISOString(),
        }
      : null,
  };
}

/** 138****5678 */
export function maskPhone(phone: string): string {
  return phone.slice(0, 3) + '****' + phone.slice(-4);
}

/** A real-name profile (实名): name, ID number, phone and 基层工会 registered. */
export function hasRealNameProfile(
  doc: Pick<MemberDoc, 'name' | 'idNumberHash' | 'phoneMasked' | 'orgId'>,
): boolean {
  return Boolean(doc.name && doc.idNumberHash && doc.phoneMasked && doc.orgId);
}
