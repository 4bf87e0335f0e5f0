/**
 * Requirements every program uses (docs/workflow-kit.md): a return or a rejection
 * needs a reason in words; an approval that decides a category needs one, either chosen now or
 * set earlier on the case; what follows a 公示 waits until its days are over. Program-specific
 * requirements live with the program's table (an approved amount: approved-amount.ts).
 */
import type { Requirement, WorkflowCase, WorkflowInput } from './table';

type AnyRequirement = Requirement<string, WorkflowCase<string>, WorkflowInput>;

export const commentGiven: AnyRequirement = {
  name: 'comment',
  code: 'COMMENT_REQUIRED',
  need: 'comment',
  holds: ({ input }) => typeof input.comment === 'string' && input.comment.trim().length > 0,
};

export const categoryGiven: AnyRequirement = {
  name: 'category',
  code: 'CATEGORY_REQUIRED',
  need: 'category',
  holds: ({ input, case: c }) => Boolean(input.category ?? c.category),
};

/** The 公示 days are over (now ≥ its end; 0 days = at once). A program may word the refusal itself. */
export const publicityEnded: Requirement<
  string,
  WorkflowCase<string> & { publicity: { endsAt: Date } | null },
  WorkflowInput
> = {
  name: 'publicityEnded',
  code: 'PUBLICITY_NOT_ENDED',
  holds: ({ case: c, now }) => c.publicity !== null && now.getTime() >= c.publicity.endsAt.getTime(),
};
