/** Pages of the 劳动竞赛 subpackage (the detail page is the one 消息 links to, in the contract). */
import { COMPETITION_DETAIL_PAGE } from '../../contracts/competitions';

export const DETAIL_PAGE = COMPETITION_DETAIL_PAGE;
export const TICKET_PAGE = '/packages/competition/pages/ticket/index';
export const RESULTS_PAGE = '/packages/competition/pages/results/index';

export const detailLink = (id: string) => `${DETAIL_PAGE}?id=${id}`;
export const ticketLink = (id: string, rid: string) => `${TICKET_PAGE}?id=${id}&rid=${rid}`;
export const resultsLink = (id: string) => `${RESULTS_PAGE}?id=${id}`;
