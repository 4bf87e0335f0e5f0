/** 困难帮扶 as the kit's case flow sees it (case-flow.ts): its table, its store, how its documents read. */
import type { AidProgramAction, AidStatus } from '../../../src/contracts/aid';
import type { CaseProgram } from '../workflow/case-flow';
import type { AidCaseSnapshot, AidPatch, AidTransitionInput } from './case';
import { aidCases, type AidCaseDoc } from './repository';
import { toAidSnapshot } from './snapshot';
import { AID_WORKFLOW, type AidProgram } from './workflow';

export type AidCases = CaseProgram<
  AidStatus,
  AidProgramAction,
  AidCaseDoc,
  AidCaseSnapshot,
  AidTransitionInput,
  AidPatch
>;

/** The worker's page for a case: every message about it links there. */
export const caseLink = (id: string) => `/packages/aid/pages/case/index?id=${id}`;

/** The program with a table configured for this deployment (its 公示 length), or the default one. */
export function aidCaseProgram(table: AidProgram = AID_WORKFLOW): AidCases {
  return { table, store: aidCases, snapshot: toAidSnapshot, caseLink };
}
