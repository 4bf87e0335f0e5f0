import type { Org } from './orgs';

/** One program on the officer home: `pending` is null while the program is not yet open. */
export interface OfficerProgramView {
  key: string;
  name: string;
  pending: number | null;
  available: boolean;
}

/** GET /api/members/officer/home */
export interface OfficerHomeResponse {
  org: Org | null;
  programs: OfficerProgramView[];
}
