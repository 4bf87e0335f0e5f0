/**
 * A 金秋助学 application as the workflow sees it: the snapshot the engine reads, the fields its
 * transitions change and what a transition request carries. Plain data, no driver types. The
 * approved amount and what was paid against it are the kit's (WorkflowCase `amount`).
 */
import type { BursaryStatus } from '../../../src/contracts/bursary';
import type { WorkflowCase, WorkflowInput } from '../workflow/table';

export interface BursaryPayment {
  amountFen: number;
  kind: string;
  at: Date;
  officerId: string;
}

export interface BursaryCaseSnapshot extends WorkflowCase<BursaryStatus> {
  publicity: { startsAt: Date; endsAt: Date } | null;
  /** the campaign's 公示 length */
  publicityDays: number;
  campaignYear: number;
  /** keyed hash of the child's ID number: the grant register's subject */
  childIdHash: string;
  /** how the worker's messages name the child */
  childName: string;
  /** the campaign table's amount for the child: what the 区/市 approval fixes unless it gives another */
  standardAmountFen: number | null;
  payments: readonly BursaryPayment[];
}

/** The fields bursary transitions change, besides status and version (and the kit's). */
export interface BursaryPatch {
  returnedFrom: BursaryStatus | null;
  publicity: { startsAt: Date; endsAt: Date } | null;
  /** false once withdrawn: the child may then be registered again this year */
  claimsChild: boolean;
  payments: BursaryPayment[];
}

/** A transition request: the route's body, trusted (validated at the edge). */
export type BursaryTransitionRequest = WorkflowInput;
