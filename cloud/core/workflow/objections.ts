/**
 * Objections (异议) during 公示, for every program that publishes its approvals. Any member with a
 * real-name profile but the applicant may object while the case is on notice (the table's
 * `public` rule); the approving level upholds or dismisses each. Against flooding (each objection
 * changes the case, and a case with an open objection cannot be filed):
 *  - a member may have one open objection per case (a second waits for the first's decision);
 *  - a member may file only a few a day in all (`objectionsPerDay`, a quota kept in MongoDB so
 *    every function instance counts the same; case-flow.ts takes it);
 *  - the files attached must be the objector's own uploads.
 * The objector is kept on the objection for the reviewers and never shown to the applicant.
 */
import type { Objection, Requirement, TransitionContext, WorkflowCase, WorkflowInput } from './table';

type AnyRequirement = Requirement<string, WorkflowCase<string>, WorkflowInput>;
type Ctx = TransitionContext<string, WorkflowCase<string>, WorkflowInput>;

export type { Objection };

export const objectionGiven: AnyRequirement = {
  name: 'objectionGiven',
  need: 'objection',
  code: 'OBJECTION_TEXT_REQUIRED',
  holds: ({ input }) => Boolean(input.objection?.id && input.objection.text.trim()),
};

export const oneOpenObjectionEach: AnyRequirement = {
  name: 'oneOpenObjectionEach',
  code: 'OBJECTION_ALREADY_OPEN',
  holds: ({ case: c, input }) =>
    !c.objections.some((o) => o.status === 'open' && o.objectorId === input.objection?.objectorId),
};

export const openObjectionNamed: AnyRequirement = {
  name: 'openObjectionNamed',
  need: 'objection',
  code: 'OBJECTION_NOT_FOUND',
  holds: ({ case: c, input }) => c.objections.some((o) => o.id === input.objectionId && o.status === 'open'),
};

export const noOpenObjections: AnyRequirement = {
  name: 'noOpenObjections',
  code: 'OBJECTION_OPEN',
  holds: ({ case: c }) => !c.objections.some((o) => o.status === 'open'),
};

/** The objections after this one is filed. */
export function withObjection({ case: c, input, now }: Ctx): { objections: Objection[] } {
  const o = input.objection!;
  return {
    objections: [
      ...c.objections,
      {
        id: o.id,
        objectorId: o.objectorId,
        text: o.text.trim(),
        fileIds: o.fileIds,
        at: now,
        status: 'open',
      },
    ],
  };
}

/** The objections after the named one is decided. */
export function objectionDecided(
  { case: c, input }: Ctx,
  status: 'upheld' | 'dismissed',
): { objections: Objection[] } {
  return { objections: c.objections.map((o) => (o.id === input.objectionId ? { ...o, status } : o)) };
}
