/** Pages of the 困难帮扶 subpackage, and which statuses are done (whether one is editable, the cloud says). */
import { AID_FINAL_STATUSES } from '../../contracts/aid';

export const APPLY_PAGE = '/packages/aid/pages/apply/index';
export const CASE_PAGE = '/packages/aid/pages/case/index';
export const PUBLICITY_PAGE = '/packages/aid/pages/publicity/index';

/** Done: a new application may be made (paid stays on file, see 年审). */
export const FINAL_STATUSES = AID_FINAL_STATUSES;

/** Set by the form after a successful submit so the case page can say so once. */
export const submittedNotice = { caseId: null as string | null };
