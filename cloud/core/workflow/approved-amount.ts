/**
 * The approved amount (核定金额). The level that approves a case fixes what it may be paid for its
 * period (a year): a transition rule with `fixesAmount` takes the approver's `amount`, or, when the
 * approver gives none, the program's default for the case (e.g. 金秋助学's amount table). An
 * amount other than the default needs a reason in words (the comment); both land in the audit.
 * Payments are tied to it: the ledger entries a transition writes may never take the sum paid in
 * the period past the approved amount. Paying more takes a new approval (another rule that fixes
 * the amount, audited with the amount before and after); a new period (a 年审 that continues the
 * case) starts the sum paid from zero.
 */
import { MAX_APPROVED_FEN } from '../../../src/contracts/workflow';
import { AppError } from '../../platform/http/app-error';
import type { ReviewLevel } from './actor';
import type { Requirement, TransitionContext, TransitionRule, WorkflowCase, WorkflowInput } from './table';

/** What a case stores of its approval. */
export interface ApprovedAmount {
  fen: number;
  /** the program's default for the case at the time, if it has one */
  defaultFen: number | null;
  /** why the approver chose another amount than the default */
  reason: string | null;
  at: Date;
  /** when the period (whose payments count against it) began */
  periodFrom: Date;
  orgId: string | null;
  level: ReviewLevel;
}

type AnyCtx = TransitionContext<string, WorkflowCase<string>, WorkflowInput>;
type AnyRule = Pick<
  TransitionRule<string, string, WorkflowCase<string>, WorkflowInput, object>,
  'fixesAmount'
>;

export const isAmountFen = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v > 0 && v <= MAX_APPROVED_FEN;

/** The program's default for the case, if the rule has one. */
export function defaultAmount(rule: AnyRule, ctx: AnyCtx): number | null {
  const d = rule.fixesAmount?.default?.(ctx) ?? null;
  return isAmountFen(d) ? d : null;
}

/** The amount the approval fixes: the approver's, else the default. */
function chosenAmount(rule: AnyRule, ctx: AnyCtx): number | null {
  return isAmountFen(ctx.input.amountFen) ? ctx.input.amountFen : defaultAmount(rule, ctx);
}

const reasonGiven = (ctx: AnyCtx) => Boolean(ctx.input.comment?.trim());

/** The requirements a rule that fixes the amount adds to its own (checked after them, in this order). */
export function amountRequirements(
  rule: AnyRule,
): Requirement<string, WorkflowCase<string>, WorkflowInput>[] {
  if (!rule.fixesAmount) return [];
  return [
    {
      name: 'amountFixed',
      code: 'AMOUNT_REQUIRED',
      // a need only when the program has no default to fall back on (offers.ts asks it as optional otherwise)
      need: rule.fixesAmount.default ? undefined : 'amount',
      holds: (ctx) => chosenAmount(rule, ctx) !== null,
    },
    {
      name: 'amountOverrideReasoned',
      code: 'AMOUNT_REASON_REQUIRED',
      holds: (ctx) => {
        const d = defaultAmount(rule, ctx);
        return (
          d === null || ctx.input.amountFen === undefined || ctx.input.amountFen === d || reasonGiven(ctx)
        );
      },
    },
  ];
}

/** What the approval writes on the case: the amount, and the paid sum it starts from. */
export function amountPatch(
  rule: AnyRule,
  ctx: AnyCtx,
  level: ReviewLevel,
): { approvedAmount: ApprovedAmount; paidFen: number } | Record<string, never> {
  if (!rule.fixesAmount) return {};
  const fen = chosenAmount(rule, ctx)!;
  const defaultFen = defaultAmount(rule, ctx);
  const current = ctx.case.amount;
  const newPeriod = rule.fixesAmount.newPeriod || current === null;
  return {
    approvedAmount: {
      fen,
      defaultFen,
      reason: defaultFen !== null && fen === defaultFen ? null : (ctx.input.comment?.trim() ?? null),
      at: ctx.now,
      periodFrom: newPeriod || !current ? ctx.now : current.periodFrom,
      orgId: ctx.actor.officerOrgId,
      level,
    },
    paidFen: newPeriod ? 0 : (current?.paidFen ?? 0),
  };
}

/** For the audit entry: the amount before and after, the default and the reason. */
export function amountAudit(rule: AnyRule, ctx: AnyCtx): Record<string, unknown> {
  if (!rule.fixesAmount) return {};
  return {
    approvedFen: chosenAmount(rule, ctx),
    defaultFen: defaultAmount(rule, ctx),
    previousApprovedFen: ctx.case.amount?.approvedFen ?? null,
    ...(rule.fixesAmount.newPeriod ? { newPeriod: true } : {}),
  };
}

/**
 * Payments may not pass the approved amount: checked on the ledger entries of every transition,
 * whatever program wrote the rule. Returns the paid sum after them.
 */
export function paidAfter(c: WorkflowCase<string>, payingFen: number): number {
  if (!c.amount) throw new AppError('AMOUNT_NOT_APPROVED');
  const left = c.amount.approvedFen - c.amount.paidFen;
  if (payingFen > left)
    throw new AppError('PAYMENT_OVER_APPROVED', undefined, {
      approvedFen: c.amount.approvedFen,
      paidFen: c.amount.paidFen,
      leftFen: Math.max(left, 0),
    });
  return c.amount.paidFen + payingFen;
}

/** A payment rule's requirement that shows, before anything is typed, that nothing is left to pay. */
export const amountLeft: Requirement<string, WorkflowCase<string>, WorkflowInput> = {
  name: 'amountLeft',
  code: 'AMOUNT_USED_UP',
  holds: ({ case: c }) => c.amount !== null && c.amount.paidFen < c.amount.approvedFen,
};
