/**
 * The programs an officer reviews, with how many cases wait at the officer's level. Each
 * program's count comes from its own repository once that program exists; until then it is
 * listed as not yet available (the officer home says so honestly).
 */
import type { Db } from 'mongodb';
import type { Caller } from '../../platform/auth/caller';
import { pendingAtMyLevel } from '../aid/queries';

export interface OfficerProgram {
  key: string;
  name: string;
  pendingCount?: (db: Db, caller: Caller) => Promise<number>;
}

export const OFFICER_PROGRAMS: OfficerProgram[] = [
  { key: 'aid', name: '困难职工帮扶', pendingCount: pendingAtMyLevel },
  { key: 'bursary', name: '金秋助学' },
  { key: 'competition', name: '劳动竞赛' },
  { key: 'card', name: '5.1服务卡' },
];

export async function officerHome(db: Db, caller: Caller) {
  return Promise.all(
    OFFICER_PROGRAMS.map(async (p) => ({
      key: p.key,
      name: p.name,
      available: Boolean(p.pendingCount),
      pending: p.pendingCount ? await p.pendingCount(db, caller) : null,
    })),
  );
}
