/**
 * The officer's workbench (工会干部工作台): every program an officer works on, in one list, with
 * how much waits at the officer's level inside their subtree, and the other work waiting for
 * them (changes of name or ID number to confirm). A program joins by adding one entry here:
 *  - `pending` once its officer screens are built (one whose screens are not built yet has none
 *    and is listed as not yet available: the workbench says so honestly);
 *  - `cases`, its store and table, so the rules about a member across programs see its cases
 *    (cloud/core/workflow/member-cases.ts: identity changes, moving union, member reveals).
 */
import type { Db } from 'mongodb';
import type { OfficerProgramView } from '../../../src/contracts/officer';
import type { Caller } from '../../platform/auth/caller';
import { officerScope, type OfficerScope } from '../../platform/auth/org-scope';
import { pendingAtMyLevel } from '../aid/queries';
import { aidCases } from '../aid/repository';
import { AID_WORKFLOW } from '../aid/workflow';
import { pendingIdentityChanges } from '../members/identity-queue';
import type { CaseDocBase, CaseStore } from '../workflow/case-store';
import type { ProgramCases } from '../workflow/member-cases';

export interface OfficerProgram {
  /** the officer subpackage's page for it: /packages/officer/pages/<key>/index */
  key: string;
  name: string;
  /** how many cases wait at the officer's level in their subtree */
  pending?: (db: Db, scope: OfficerScope) => Promise<number>;
  /** a review program's cases: its store and table (the kit's) */
  cases?: Omit<ProgramCases, 'key' | 'name'>;
}

export const OFFICER_PROGRAMS: readonly OfficerProgram[] = [
  {
    key: 'aid',
    name: '困难职工帮扶',
    pending: pendingAtMyLevel,
    cases: { store: aidCases as unknown as CaseStore<CaseDocBase>, table: AID_WORKFLOW },
  },
  { key: 'bursary', name: '金秋助学' },
  { key: 'competition', name: '劳动竞赛' },
  { key: 'card', name: '5.1服务卡' },
  { key: 'identity', name: '实名信息修改确认', pending: pendingIdentityChanges },
];

/** Every review program's cases, for the rules about a member across programs. */
export const PROGRAM_CASES: readonly ProgramCases[] = OFFICER_PROGRAMS.flatMap((p) =>
  p.cases ? [{ key: p.key, name: p.name, ...p.cases }] : [],
);

export async function officerHome(db: Db, caller: Caller): Promise<OfficerProgramView[]> {
  const scope = officerScope(caller);
  return Promise.all(
    OFFICER_PROGRAMS.map(async (p) => ({
      key: p.key,
      name: p.name,
      available: Boolean(p.pending),
      pending: p.pending ? await p.pending(db, scope) : null,
    })),
  );
}
