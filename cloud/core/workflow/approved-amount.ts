/**
 * An approval that fixes the amount a case will be paid, for any program with a standard amount
 * per case (金秋助学: its campaign's table by school level and group):
 *  - the approver gives an amount (the case view offers the standard one as the value to start
 *    from); left out, the standard amount stands;
 *  - an amount that differs from the standard needs a reason in words (the comment), so every
 *    change of amount says why in the history and the audit entry;
 *  - the effect fixes `approvedAmountFen` on the case, and `amountReason` when it was changed.
 * A program puts `approvedAmount.requires` on its approving rule, accepts `amount` and `comment`,
 * and spreads `approvedAmount.effect` and `approvedAmount.auditData` into its own.
 */
import { MAX_PAYMENT_FEN } from '../../../src/contracts/money';
import type { Requirement, TransitionContext, WorkflowCase, WorkflowInput } from './table';

/** What a case with an approved amount carries. */
export interface AmountFacts {
  /** the program's standard amount for this case; null when it has none */
  standardAmountFen: number | null;
  approvedAmountFen: number | null;
}

export interface AmountInput extends WorkflowInput {
  amountFen?: number;
}

type Ctx = TransitionContext<string, WorkflowCase<string> & AmountFacts, AmountInput>;
type AmountRequirement = Requirement<string, WorkflowCase<string> & AmountFacts, AmountInput>;

const isAmount = (fen: unknown): fen is number =>
  typeof fen === 'number' && Number.isSafeInteger(fen) && fen > 0 && fen <= MAX_PAYMENT_FEN;

/** The amount the approval fixes: the one given, else the standard one. */
const decided = ({ input, case: c }: Ctx): number | null => input.amountFen ?? c.standardAmountFen;

/** An amount is decided: given and valid, or left to a standard amount the case has. */
const amountDecided: AmountRequirement = {
  name: 'amountDecided',
  code: 'AMOUNT_INVALID',
  need: 'amount',
  holds: (ctx) => isAmount(decided(ctx)),
};

/** An amount other than the standard one says why (depends on the input, so it holds with none). */
const changeExplained: AmountRequirement = {
  name: 'changeExplained',
  code: 'AMOUNT_REASON_REQUIRED',
  holds: ({ input, case: c }) =>
    input.amountFen === undefined ||
    input.amountFen === c.standardAmountFen ||
    Boolean(input.comment?.trim()),
};

export const approvedAmount = {
  requires: [amountDecided, changeExplained] as const,
  effect: (ctx: Ctx) => {
    const changed = decided(ctx) !== ctx.case.standardAmountFen;
    return {
      approvedAmountFen: decided(ctx) as number,
      /** why the approver changed the standard amount; null when they kept it */
      amountReason: changed ? (ctx.input.comment?.trim() ?? null) : null,
    };
  },
  auditData: (ctx: Ctx) => ({
    amountFen: decided(ctx),
    standardAmountFen: ctx.case.standardAmountFen,
  }),
};
