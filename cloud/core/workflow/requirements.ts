/**
 * Requirements every program uses (ARCHITECTURE.md, review workflow): a return or a rejection
 * needs a reason in words; an approval that decides a category needs one, either chosen now or
 * set earlier on the case. Program-specific requirements live with the program's table.
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
