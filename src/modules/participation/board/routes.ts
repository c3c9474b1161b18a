import { route, routeTable } from '../../../platform/route.ts';
import { boardPage, boardQuery, communityCodeParam } from '../contract.ts';
import { readBoard } from './board.ts';

/** The public board (居务公开): no sign-in, rate-limited like the certificate check. */
export const boardRoutes = routeTable('participation', [
  route({
    method: 'GET',
    url: '/api/public/communities/:code/board',
    summary: 'What a community has published: proposals, micro-wishes, meeting and vote results, budgets, conventions (no personal data)',
    access: 'public',
    config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    params: communityCodeParam,
    query: boardQuery,
    response: boardPage,
    handle: ({ db, params, query }) => readBoard(db, params.code, query),
  }),
]);
