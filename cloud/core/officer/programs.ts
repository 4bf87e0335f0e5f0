/**
 * The officer's workbench (工会干部工作台): every program an officer works on, in one list, with
 * how much waits at the officer's level inside their subtree, the newest cases waiting there
 * across all programs, and the other work waiting for them (changes of name or ID number to
 * confirm). A program joins by adding one entry here:
 *  - its `officerWork` (`pending` and `waiting`) once its officer screens are built (one whose
 *    screens are not built yet has none and is listed as not yet available: the workbench says
 *    so honestly);
 *  - `cases`, its store and table, so the rules about a member across programs see its cases
 *    (cloud/core/workflow/member-cases.ts: identity changes, moving union, member reveals).
 */
import type { Db } from 'mongodb';
import type { OfficerProgramView, WaitingCase } from '../../../src/contracts/officer';
import type { CaseSummaryKit } from '../../../src/contracts/workflow';
import type { Caller } from '../../platform/auth/caller';
import { officerScope, type OfficerScope } from '../../platform/auth/org-scope';
import { officerWork as aidWork } from '../aid/queries';
import { aidCases } from '../aid/repository';
import { AID_WORKFLOW } from '../aid/workflow';
import { officerWork as bursaryWork } from '../bursary/queries';
import { bursaryApplications } from '../bursary/repository';
import { BURSARY_WORKFLOW } from '../bursary/workflow';
import { pendingIdentityChanges } from '../members/identity-queue';
import type { CaseDocBase, CaseStore } from '../workflow/case-store';
import type { ProgramCases } from '../workflow/member-cases';

export interface OfficerProgram {
  /** the officer subpackage's page for it: /packages/officer/pages/<key>/index */
  key: string;
  name: string;
  /** how many cases wait at the officer's level in their subtree */
  pending?: (db: Db, scope: OfficerScope) => Promise<number>;
  /** the newest of them */
  waiting?: (db: Db, caller: Caller, n: number) => Promise<CaseSummaryKit[]>;
  /** a review program's cases: its store and table (the kit's) */
  cases?: Omit<ProgramCases, 'key' | 'name'>;
  /** open though nothing waits in a queue (competitions are run, not reviewed) */
  open?: boolean;
}

/** A program's store as the member rules read it: the kit's fields only. */
const kitStore = <D extends CaseDocBase>(store: CaseStore<D>) => store as unknown as CaseStore<CaseDocBase>;

export const OFFICER_PROGRAMS: readonly OfficerProgram[] = [
  {
    key: 'aid',
    name: '困难职工帮扶',
    ...aidWork,
    cases: { store: kitStore(aidCases), table: AID_WORKFLOW },
  },
  {
    key: 'bursary',
    name: '金秋助学',
    ...bursaryWork,
    cases: { store: kitStore(bursaryApplications), table: BURSARY_WORKFLOW },
  },
  { key: 'competition', name: '劳动竞赛', open: true },
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
      available: Boolean(p.pending) || p.open === true,
      pending: p.pending ? await p.pending(db, scope) : null,
    })),
  );
}

const WAITING_SHOWN = 8;

/** The newest cases waiting at the officer's level, across every program, newest first. */
export async function waitingAcrossPrograms(db: Db, caller: Caller): Promise<WaitingCase[]> {
  const lists = await Promise.all(
    OFFICER_PROGRAMS.map(async (p) =>
      p.waiting
        ? (await p.waiting(db, caller, WAITING_SHOWN)).map(
            (c): WaitingCase => ({
              program: p.key,
              programName: p.name,
              // the kit's row only: the program's own facts stay on its own pages
              id: c.id,
              status: c.status,
              statusText: c.statusText,
              applicantName: c.applicantName,
              orgName: c.orgName,
              submittedAt: c.submittedAt,
              version: c.version,
              editable: c.editable,
            }),
          )
        : [],
    ),
  );
  return lists
    .flat()
    .sort((a, b) => (b.submittedAt ?? '').localeCompare(a.submittedAt ?? ''))
    .slice(0, WAITING_SHOWN);
}
