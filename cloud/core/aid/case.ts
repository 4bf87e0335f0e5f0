/**
 * The aid case as the workflow sees it: the snapshot the engine reads and the fields its
 * transitions change. Plain data, no driver types; the repository's document holds the same
 * shapes, so a transition's patch can be written to it as is. Objections, the approved amount
 * and the changes after a return are the kit's (table.ts, case-store.ts).
 */
import type { AidStatus, HardshipCategory } from '../../../src/contracts/aid';
import type { Objection, WorkflowCase, WorkflowInput } from '../workflow/table';

/** 入户核查 by the 基层工会 (docs/domain.md: 基层 初审 with a home visit). */
export interface AidVisit {
  date: string;
  findings: string;
  officerId: string;
  at: Date;
}

/** An objection during 公示 (the kit's). */
export type AidObjection = Objection;

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
  earlierVisits: readonly AidVisit[];
  publicity: AidPublicity | null;
  payments: readonly AidPayment[];
  /** form fields still missing for submission (completeness.ts) */
  missingFields: readonly string[];
  /** 年审: when the case on file must be re-verified */
  reviewDueAt: Date | null;
  /** where aid is paid, masked (6222 **** **** 0123): the worker's messages name the card */
  bankAccountMasked?: string | null;
}

/** The fields aid transitions change, besides status and version (and the kit's). */
export interface AidPatch {
  visit: AidVisit | null;
  /** home visits no longer standing: facts they verified changed after a return */
  earlierVisits: AidVisit[];
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
  upholdAs?: 'reject' | 'return';
  /** `record_payment`; `confirmedRepeat`: the officer confirmed a second identical payment */
  payment?: { amountFen: number; kind: string; confirmedRepeat?: boolean };
}
