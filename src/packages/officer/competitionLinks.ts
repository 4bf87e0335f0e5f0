/** The officer's competition pages, and the scanner subpackage's pages they open. */
export const LIST_PAGE = '/packages/officer/pages/competition/index';
export const NEW_PAGE = '/packages/officer/pages/competition-new/index';
export const MANAGE_PAGE = '/packages/officer/pages/competition-manage/index';
export const SCORES_PAGE = '/packages/officer/pages/competition-scores/index';
export const SCANNER_PAGE = '/packages/scanner/pages/index/index';
export const VENUE_PAGE = '/packages/scanner/pages/venue/index';
