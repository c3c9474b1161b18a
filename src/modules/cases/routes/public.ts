// The public follow-up by case number and phone (办理过程可查询), without an account.
import { route, routeTable } from '../../../platform/route.ts';
import { rateTrackedBody, trackBody, trackedCase } from '../contract.ts';
import { rateTrackedCase, trackCase } from '../use-cases/track-case.ts';
import { depsOf } from './cases.ts';

// Per address; failed attempts are also limited per case number and per phone (tracking-guard.ts).
const trackLimit = { rateLimit: { max: 20, timeWindow: '1 minute' } };

/** Following and rating a case as a member of the public. */
export const casePublicRoutes = routeTable('public', [
  route({
    method: 'POST',
    url: '/api/public/cases/track',
    summary: 'Follow a case by its number and the phone given when reporting (办理过程可查询)',
    access: 'public',
    config: trackLimit,
    body: trackBody,
    response: trackedCase,
    handle: ({ body, ctx, req }) => trackCase(depsOf(ctx), body.number, body.phone, new Date(), req.ip),
  }),
  route({
    method: 'POST',
    url: '/api/public/cases/rate',
    summary: 'Rate a closed case by its number and phone (unsatisfied reopens it once by default)',
    access: 'public',
    config: trackLimit,
    body: rateTrackedBody,
    response: trackedCase,
    handle: ({ body, ctx, req }) => rateTrackedCase(depsOf(ctx), body, { ip: req.ip, requestId: req.id }),
  }),
]);
