/**
 * Whose child it is (docs/domain.md "金秋助学"), read from the hardship-aid records and never
 * asked: the parent's household on file (建档) before the campaign year → on file; filed in the
 * campaign year → newly filed; not on file → temporary hardship, which the 基层 union checks.
 * The campaign's amount table differs by group.
 */
import type { Db } from 'mongodb';
import { BURSARY_GROUP_TEXT, type BursaryGroup } from '../../../src/contracts/bursary';
import { chinaDayOf, chinaYearOf } from '../../platform/time/china-day';
import { filedSince } from '../aid/queries';

export interface GroupFinding {
  group: BursaryGroup;
  groupText: string;
  /** why, in words the worker reads */
  reason: string;
}

function monthOf(at: Date): string {
  const [y, m] = chinaDayOf(at).split('-');
  return `${y}年${Number(m)}月`;
}

export function groupFor(filedAt: Date | null, campaignYear: number): GroupFinding {
  const group: BursaryGroup =
    filedAt === null ? 'temporary' : chinaYearOf(filedAt) >= campaignYear ? 'newly_filed' : 'on_file';
  // read by the worker and by the reviewing officers alike: no 您
  const reason =
    filedAt === null
      ? '工会记录里还没有这一家的困难职工档案，由基层工会核实临时困难'
      : `工会记录：${monthOf(filedAt)}建立困难职工档案`;
  return { group, groupText: BURSARY_GROUP_TEXT[group], reason };
}

export async function groupOf(db: Db, memberId: string, campaignYear: number): Promise<GroupFinding> {
  return groupFor(await filedSince(db, memberId), campaignYear);
}
