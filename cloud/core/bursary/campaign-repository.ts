/**
 * bursaryCampaigns: one 金秋助学 campaign per 区/市 union and year. Rules the database enforces:
 *  - one campaign per org and year (unique index);
 *  - an application is accepted only inside the window: the application's transaction first
 *    counts itself on the campaign with a conditional update that matches only while
 *    opensAt ≤ now < closesAt, so a request outside the window (or racing its end) writes nothing;
 *  - an application is made on the terms it read: the same update matches only the campaign's
 *    terms version the application read, so an officer's edit racing it cannot leave it on old
 *    terms (a new closing day changes no term an application was judged on: it leaves it be);
 *  - a campaign's terms change only while no one has applied: the edit's update matches only
 *    `applications: 0` (and its version), so an edit racing the first application loses or wins whole.
 * Campaigns carry no `orgPath`: they are read by every member under the org (the terms of the
 * year, like a published notice), not an officer's records.
 */
import { ObjectId, type ClientSession, type Db, type Filter } from 'mongodb';
import { isDuplicateKey } from '../../platform/db/duplicate-key';
import type { AmountTable, Exclusion, SchoolLevel } from '../../../src/contracts/bursary';
import type { OrgLevel } from '../../../src/contracts/orgs';
import { registerIndexes } from '../../platform/db/indexes';
import { AppError } from '../../platform/http/app-error';
import { collectionHandle } from '../../platform/db/collection-handle';

export interface CampaignDoc {
  _id: ObjectId;
  /** the 区 or 市 union that runs it; it covers that union's subtree */
  orgId: string;
  orgName: string;
  orgLevel: OrgLevel;
  year: number;
  /** the window in China days, both included, and as moments: opensAt ≤ t < closesAt */
  opensOn: string;
  closesOn: string;
  opensAt: Date;
  closesAt: Date;
  levels: SchoolLevel[];
  amounts: AmountTable;
  exclusions: Exclusion[];
  materials: string[];
  publicityDays: number;
  /** applications accepted so far (each counted by its own transaction) */
  applications: number;
  /** raised by every edit (campaigns made before edits existed have none: version 1) */
  version?: number;
  /** raised by an edit of the terms applications are judged on (all but the closing day) */
  termsVersion?: number;
  createdBy: string;
  createdAt: Date;
}

registerIndexes('bursaryCampaigns', [
  { key: { orgId: 1, year: 1 }, name: 'one_campaign_per_org_year', unique: true },
]);

const campaigns = collectionHandle<CampaignDoc>('bursaryCampaigns');

export async function insertCampaign(db: Db, doc: CampaignDoc, session: ClientSession): Promise<void> {
  await campaigns(db).insertOne(doc, { session });
}

export function isCampaignTaken(e: unknown): boolean {
  return isDuplicateKey(e);
}

export async function findCampaign(db: Db, id: ObjectId): Promise<CampaignDoc | null> {
  return campaigns(db).findOne({ _id: id });
}

export async function findOrgCampaign(db: Db, orgId: string, year: number): Promise<CampaignDoc | null> {
  return campaigns(db).findOne({ orgId, year });
}

/** The campaign covering a union in a year: the nearest org on its path (root first) that runs one. */
export async function findCoveringCampaign(
  db: Db,
  orgPath: readonly string[],
  year: number,
): Promise<CampaignDoc | null> {
  if (orgPath.length === 0) return null;
  const found = await campaigns(db)
    .find({ orgId: { $in: [...orgPath] }, year })
    .toArray();
  const depth = (c: CampaignDoc) => orgPath.indexOf(c.orgId);
  return found.sort((a, b) => depth(b) - depth(a))[0] ?? null;
}

export const campaignVersion = (c: Pick<CampaignDoc, 'version'>): number => c.version ?? 1;
const termsVersionOf = (c: Pick<CampaignDoc, 'termsVersion'>): number => c.termsVersion ?? 1;

/** Matches the campaign with this count in `field` (1 also when the document has none yet). */
const at = (field: 'version' | 'termsVersion', n: number): Filter<CampaignDoc> =>
  n === 1 ? { $or: [{ [field]: 1 }, { [field]: { $exists: false } }] } : { [field]: n };

/**
 * Counts an application on the campaign, only while its window is open and its terms are the
 * ones the application was judged on; refuses otherwise, saying which.
 */
export async function claimWindow(
  db: Db,
  campaign: CampaignDoc,
  now: Date,
  session: ClientSession,
): Promise<void> {
  const r = await campaigns(db).updateOne(
    {
      _id: campaign._id,
      ...at('termsVersion', termsVersionOf(campaign)),
      opensAt: { $lte: now },
      closesAt: { $gt: now },
    },
    { $inc: { applications: 1 } },
    { session },
  );
  if (r.matchedCount > 0) return;
  const current = await campaigns(db).findOne(
    { _id: campaign._id },
    { session, projection: { termsVersion: 1 } },
  );
  if (current && termsVersionOf(current) !== termsVersionOf(campaign))
    throw new AppError('BURSARY_CAMPAIGN_CHANGED');
  throw new AppError('BURSARY_WINDOW_CLOSED');
}

/** What an edit may change. */
export type CampaignTerms = Pick<
  CampaignDoc,
  | 'opensOn'
  | 'closesOn'
  | 'opensAt'
  | 'closesAt'
  | 'levels'
  | 'amounts'
  | 'exclusions'
  | 'materials'
  | 'publicityDays'
>;

/**
 * Sets terms on the campaign read at `read`, raising its version. A change of the terms
 * applications are judged on (`judged`) also raises the terms version and requires that no one
 * has applied; a new closing day alone does neither. False when the campaign is no longer as read
 * (the caller says which).
 */
export async function updateCampaignTerms(
  db: Db,
  read: CampaignDoc,
  terms: Partial<CampaignTerms>,
  judged: boolean,
  session: ClientSession,
): Promise<boolean> {
  const version = campaignVersion(read);
  const r = await campaigns(db).updateOne(
    { _id: read._id, ...at('version', version), ...(judged ? { applications: 0 } : {}) },
    {
      $set: {
        ...terms,
        version: version + 1,
        ...(judged ? { termsVersion: termsVersionOf(read) + 1 } : {}),
      },
    },
    { session },
  );
  return r.matchedCount === 1;
}
