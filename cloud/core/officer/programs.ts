/**
 * The officer's workbench (工会干部工作台): every program an officer works on, in one list, with
 * how much waits at the officer's level inside their subtree. A program joins by adding one
 * entry here; one whose officer screens are not built yet has no `pending` and is listed as
 * not yet available (the workbench says so honestly).
 */
import type { Db } from 'mongodb';
import type { OfficerProgramView } from '../../../src/contracts/officer';
import type { Caller } from '../../platform/auth/caller';
import { officerScope, type OfficerScope } from '../../platform/auth/org-scope';
import { pendingAtMyLevel } from '../aid/queries';

export interface OfficerProgram {
  /** the officer subpackage's page for it: /packages/officer/pages/<key>/index */
  key: string;
  name: string;
  /** how many cases wait at the officer's level in their subtree */
  pending?: (db: Db, scope: OfficerScope) => Promise<number>;
  /** open though nothing waits in a queue (competitions are run, not reviewed) */
  open?: boolean;
}

export const OFFICER_PROGRAMS: readonly OfficerProgram[] = [
  { key: 'aid', name: '困难职工帮扶', pending: pendingAtMyLevel },
  { key: 'bursary', name: '金秋助学' },
  { key: 'competition', name: '劳动竞赛', open: true },
  { key: 'card', name: '5.1服务卡' },
];

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
