/**
 * The aid case as the workflow sees it: the snapshot the engine reads and the fields its
 * transitions change. Plain data, no driver types; the repository's document holds the same
 * shapes, so a transition's patch can be written to it as is.
 */
import type { AidStatus, HardshipCategory } from '../../../src/contracts/aid';
import type { WorkflowCase, WorkflowInput } from '../workflow/table';

/** 入户核查 by the 基层工会 (DOMAIN.md: 基层 初审 with a home visit). */
export interface AidVisit {
  date: string;
  findings: string;
  officerId: string;
  at: Date;
}

export interface AidObjection {
  id: string;
  text: string;
  fileIds: string[];
  at: Date;
  status: 'open' | 'upheld' | 'dismissed';
}

export interface AidPayment {
  amountFen: number;
  kind: string;
  at: Date;
  officerId: string;
}

export interface AidPublicity {
  startsAt: Date;
  endsAt: Date;
}

export interface AidCaseSnapshot extends WorkflowCase<AidStatus> {
  category: HardshipCategory | null;
  visit: AidVisit | null;
  publicity: AidPublicity | null;
  objections: readonly AidObjection[];
  payments: readonly AidPayment[];
  /** form fields still missing for submission (completeness.ts) */
  missingFields: readonly string[];
  /** where aid is paid, masked (6222 **** **** 0123): the worker's messages name the card */
  bankAccountMasked?: string | null;
}

/** The fields aid transitions change, besides status and version. */
export interface AidPatch {
  submittedAt: Date;
  visit: AidVisit;
  category: HardshipCategory;
  returnedFrom: AidStatus | null;
  publicity: AidPublicity | null;
  objections: AidObjection[];
  payments: AidPayment[];
  reviewDueAt: Date;
}

/** A transition request for an aid case: the route's body, trusted (validated at the edge). */
export interface AidTransitionInput extends WorkflowInput {
  category?: HardshipCategory;
  visit?: { date: string; findings: string };
  objectionId?: string;
  upholdAs?: 'reject' | 'return';
  /** `object`: the new objection (the service gives it its id) */
  objection?: { id: string; text: string; fileIds?: string[] };
  /** `record_payment`; `confirmedRepeat`: the officer confirmed a second identical payment */
  payment?: { amountFen: number; kind: string; confirmedRepeat?: boolean };
}
