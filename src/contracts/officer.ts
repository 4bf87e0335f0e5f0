import type { Org } from './orgs';
import type { CaseSummaryKit } from './workflow';

/** One program on the officer home: `pending` is null while the program is not yet open. */
export interface OfficerProgramView {
  key: string;
  name: string;
  pending: number | null;
  available: boolean;
}

/** A case waiting at the officer's level, in any program (its case page: officer/pages/<program>-case). */
export interface WaitingCase extends CaseSummaryKit {
  program: string;
  programName: string;
}

/** GET /api/members/officer/home */
export interface OfficerHomeResponse {
  org: Org | null;
  programs: OfficerProgramView[];
  /** the newest cases waiting at the officer's level across every program, newest first */
  waiting: WaitingCase[];
}
