/** 困难帮扶 on the kit's case flow (case-flow.ts): its table, its store, how its documents read, its facts. */
import { caseFlow } from '../workflow/case-flow';
import { aidFacts } from './facts';
import { aidCases } from './repository';
import { toAidSnapshot } from './snapshot';
import { AID_WORKFLOW, type AidProgram } from './workflow';

/** The worker's page for a case: every message about it links there. */
export const caseLink = (id: string) => `/packages/aid/pages/case/index?id=${id}`;

/** The flow with a table configured for this deployment (its 公示 length), or the default one. */
export function aidCaseFlow(table: AidProgram = AID_WORKFLOW) {
  return caseFlow({ table, store: aidCases, snapshot: toAidSnapshot, caseLink, facts: aidFacts });
}
