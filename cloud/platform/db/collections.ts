/**
 * Collection names and document shapes. Repositories are the only code that touches these;
 * every other layer sees domain objects.
 */
import type { Binary, Db, ObjectId } from 'mongodb';
import type { OrgLevel } from '../../../src/contracts/orgs';
import type { Role } from '../../../src/contracts/members';

export interface OrgDoc {
  _id: string;
  name: string;
  level: OrgLevel;
  parentId: string | null;
  path: string[];
  regionCode?: string;
}

export interface EncryptedValue {
  iv: Binary;
  tag: Binary;
  data: Binary;
}

export interface MemberDoc {
  _id: ObjectId;
  openid: string;
  unionid?: string;
  roles: Role[];
  name: string | null;
  /** the member's own 基层工会, and its path for subtree queries */
  orgId: string | null;
  orgPath: string[];
  /** officers act for this org (and its subtree); level and path copied from the org tree */
  officerOrgId: string | null;
  officerLevel: OrgLevel | null;
  officerOrgPath: string[];
  idNumberEnc: EncryptedValue | null;
  /** keyed hash (HMAC) of the normalized ID number: unique, for one member per person */
  idNumberHash: string | null;
  idNumberMasked: string | null;
  phoneEnc: EncryptedValue | null;
  phoneMasked: string | null;
  consent: { version: string; at: Date } | null;
  /**
   * A change of name or ID number the member asked for once they had a submitted case: it waits
   * for an officer of their union's subtree to confirm it (cloud/core/members/identity.ts)
   */
  pendingIdentity?: PendingIdentity | null;
  /** raised to end every session signed before (logout, revocation); absent on older records = 0 */
  sessionVersion?: number;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface PendingIdentity {
  name: string;
  idNumberEnc: EncryptedValue;
  idNumberHash: string;
  idNumberMasked: string;
  requestedAt: Date;
}

export interface AuditDoc {
  _id?: ObjectId;
  at: Date;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string;
  orgPath?: string[];
  requestId?: string;
  data?: Record<string, unknown>;
}

export interface IdempotencyDoc {
  _id: string;
  state: 'pending' | 'done';
  requestHash: string;
  status?: number;
  body?: unknown;
  createdAt: Date;
  /** which run holds the record, and until when (see http/idempotency.ts) */
  lease?: string;
  leaseUntil?: Date;
  /** the process that holds the lease (a retry there knows at once whether the run is over) */
  instance?: string;
}

export interface NotificationDoc {
  _id: ObjectId;
  memberId: ObjectId;
  title: string;
  body: string;
  link: string | null;
  read: boolean;
  createdAt: Date;
  /** the event this message is about: unique per member so a retried transition never notifies twice */
  dedupeKey: string;
}

export interface SubscriptionGrantDoc {
  _id: string; // `${memberId}:${templateId}`
  memberId: ObjectId;
  templateId: string;
  remaining: number;
  updatedAt: Date;
}

const build = (db: Db) => ({
  orgs: db.collection<OrgDoc>('orgs'),
  members: db.collection<MemberDoc>('members'),
  auditLog: db.collection<AuditDoc>('auditLog'),
  idempotencyKeys: db.collection<IdempotencyDoc>('idempotencyKeys'),
  notifications: db.collection<NotificationDoc>('notifications'),
  subscriptionGrants: db.collection<SubscriptionGrantDoc>('subscriptionGrants'),
});
export type Collections = ReturnType<typeof build>;

// a Collection is a handle (a name and the Db's options), so one set per Db serves every request
const built = new WeakMap<Db, Collections>();

export function collections(db: Db): Collections {
  let c = built.get(db);
  if (!c) built.set(db, (c = build(db)));
  return c;
}
