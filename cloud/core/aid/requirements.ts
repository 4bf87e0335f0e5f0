/**
 * What aid transitions need besides a comment or a category (DOMAIN.md, 困难职工帮扶):
 * submit only when complete; 基层 approves only after the home visit (入户核查) is recorded;
 * filing (建档) only after the 公示 days have passed (the kit's publicityEnded) and with no
 * objection left open; an objection is decided by naming it; a payment is whole fen of a known kind.
 * Those naming a `need` are met by what the caller sends; the rest depend on the case alone.
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

export const noOpenObjections: AidRequirement = {
  name: 'noOpenObjections',
  code: 'OBJECTION_OPEN',
  holds: ({ case: c }) => !c.objections.some((o) => o.status === 'open'),
};

export const openObjectionNamed: AidRequirement = {
  name: 'openObjectionNamed',
  need: 'objection',
  code: 'OBJECTION_NOT_FOUND',
  holds: ({ case: c, input }) => c.objections.some((o) => o.id === input.objectionId && o.status === 'open'),
};

export const objectionGiven: AidRequirement = {
  name: 'objectionGiven',
  need: 'objection',
  code: 'OBJECTION_TEXT_REQUIRED',
  holds: ({ input }) => Boolean(input.objection?.id && input.objection.text.trim()),
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
