/** Pages of the 金秋助学 subpackage. */
export const APPLY_PAGE = '/packages/bursary/pages/apply/index';
export const CASE_PAGE = '/packages/bursary/pages/case/index';
export const PUBLICITY_PAGE = '/packages/bursary/pages/publicity/index';

/** Set by the form after a successful registration so the case page can say so once. */
export const submittedNotice = { caseId: null as string | null };
