/** Pages of the 困难帮扶 subpackage, and which statuses the worker can still edit or follow. */
import { AID_FINAL_STATUSES, type AidStatus } from '../../contracts/aid';

export const APPLY_PAGE = '/packages/aid/pages/apply/index';
export const CASE_PAGE = '/packages/aid/pages/case/index';
export const PUBLICITY_PAGE = '/packages/aid/pages/publicity/index';

/** The worker edits the form only while it is a draft or was returned for more material. */
export const EDITABLE: readonly AidStatus[] = ['draft', 'returned'];
/** Done: a new application may be made (paid stays on file, see 年审). */
export const FINAL_STATUSES = AID_FINAL_STATUSES;

/** Set by the form after a successful submit so the case page can say so once. */
export const submittedNotice = { caseId: null as string | null };
