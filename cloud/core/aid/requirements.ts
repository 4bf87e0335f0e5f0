/**
 * What aid transitions need besides the kit's (a comment, a category, objections, the approved
 * amount; docs/domain.md, 困难职工帮扶): submit only when complete; 基层 approves only after the
 * home visit (入户核查) is recorded; filing (建档) only after the 公示 days have passed (now ≥
 * endsAt; 0 days = at once); a payment is whole fen of a known kind; the 年审 decision only once
 * the case's review is due. Those naming a `need` are met by what the caller sends; the rest
 * depend on the case alone.
 */
import type { AidStatus } from '../../../src/contracts/aid';
import type { Requirement } from '../workflow/table';
import { isValidPaymentFen } from './amount';
import type { AidCaseSnapshot, AidTransitionInput } from './case';
import { isPaymentKind } from './payment-kinds';

type AidRequirement = Requirement<AidStatus, AidCaseSnapshot, AidTransitionInput>;

export const complete: AidRequirement = {
  name: 'complete',
  code: 'AID_INCOMPLETE',
  holds: ({ case: c }) => c.missingFields.length === 0,
  details: ({ case: c }) => ({ missing: c.missingFields }),
};

export const visitGiven: AidRequirement = {
  name: 'visitGiven',
  need: 'visit',
  code: 'VISIT_REQUIRED',
  holds: ({ input }) => Boolean(input.visit?.date && input.visit.findings?.trim()),
};

export const visitRecorded: AidRequirement = {
  name: 'visitRecorded',
  code: 'VISIT_NOT_RECORDED',
  holds: ({ case: c }) => c.visit !== null,
};

export const publicityEnded: AidRequirement = {
  name: 'publicityEnded',
  code: 'PUBLICITY_NOT_ENDED',
  holds: ({ case: c, now }) => c.publicity !== null && now.getTime() >= c.publicity.endsAt.getTime(),
};

export const amountValid: AidRequirement = {
  name: 'amountValid',
  need: 'amount',
  code: 'AMOUNT_INVALID',
  holds: ({ input }) => isValidPaymentFen(input.payment?.amountFen),
};

export const paymentKindValid: AidRequirement = {
  name: 'paymentKindValid',
  need: 'paymentKind',
  code: 'PAYMENT_KIND_INVALID',
  holds: ({ input }) => isPaymentKind(input.payment?.kind),
};

export const reviewDue: AidRequirement = {
  name: 'reviewDue',
  code: 'REVIEW_NOT_DUE',
  holds: ({ case: c, now }) => c.reviewDueAt !== null && c.reviewDueAt.getTime() <= now.getTime(),
};
