/** 金秋助学 on the kit's case flow (case-flow.ts): its table, its store, how its documents read, its facts. */
import { caseFlow } from '../workflow/case-flow';
import { bursaryFacts } from './facts';
import { bursaryApplications } from './repository';
import { toBursarySnapshot } from './snapshot';
import { BURSARY_WORKFLOW } from './workflow';

/** The worker's page for an application: every message about it links there. */
export const applicationLink = (id: string) => `/packages/bursary/pages/case/index?id=${id}`;

export const bursaryFlow = caseFlow({
  table: BURSARY_WORKFLOW,
  store: bursaryApplications,
  snapshot: toBursarySnapshot,
  caseLink: applicationLink,
  facts: bursaryFacts,
});
