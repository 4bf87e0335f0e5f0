/**
 * What aid transitions need besides the kit's (a comment, a category, objections, the approved
 * amount, the 公示 days over; docs/domain.md, 困难职工帮扶): submit only when complete; 基层
 * approves only after the home visit (入户核查) is recorded; a payment is whole fen of a known
 * kind; the 年审 decision only once the case's review is due. Those naming a `need` are met by what the caller sends; the rest
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

/**
 * A second payment of the same kind and amount on the same case within a week is most likely the
 * same payment entered twice (a double tap, or re-entered the next day): refused unless the
 * request says the officer saw the earlier one and confirms. Regular payments of one kind
 * (monthly 生活救助, yearly 送温暖) are further apart than that.
 */
export const REPEAT_PAYMENT_WINDOW_MS = 7 * 86_400_000;

function repeatedPayment({ case: c, input, now }: Parameters<AidRequirement['holds']>[0]) {
  const p = input.payment;
  if (!p || p.confirmedRepeat) return null;
  const since = now.getTime() - REPEAT_PAYMENT_WINDOW_MS;
  return (
    [...c.payments]
      .reverse()
      .find((q) => q.kind === p.kind && q.amountFen === p.amountFen && q.at.getTime() > since) ?? null
  );
}

export const notARepeatPayment: AidRequirement = {
  name: 'notARepeatPayment',
  code: 'PAYMENT_REPEAT',
  holds: (ctx) => repeatedPayment(ctx) === null,
  details: (ctx) => {
    const p = repeatedPayment(ctx);
    return p ? { previous: { amountFen: p.amountFen, kind: p.kind, at: p.at.toISOString() } } : undefined;
  },
};

export const reviewDue: AidRequirement = {
  name: 'reviewDue',
  code: 'REVIEW_NOT_DUE',
  holds: ({ case: c, now }) => c.reviewDueAt !== null && c.reviewDueAt.getTime() <= now.getTime(),
};
