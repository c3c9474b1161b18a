// HTTP of patrols: the worker's start, points and end (idempotent, so an offline queue may
// replay them), and the supervisor's lists and track view.
import { route, routeTable } from '../../../platform/route.ts';
import { appendPointsBody, appendPointsResult, currentPatrol, endPatrolBody, idParam, patrolDetail, patrolListQuery, patrolPage, patrolView, startPatrolBody } from '../contract.ts';
import { appendPoints, currentPatrol as currentPatrolOf, endPatrol, getPatrol, listPatrols, startPatrol } from '../use-cases/patrols.ts';

export const patrolRoutes = routeTable('gridwork', [
  route({
    method: 'POST',
    url: '/api/gridwork/patrols',
    summary: 'Start a patrol in my grid (a patrol under way is returned as is); honours Idempotency-Key',
    access: 'gridwork.write',
    body: startPatrolBody,
    response: patrolView,
    status: 201,
    idempotent: true,
    handle: ({ actor, body, db }) => startPatrol(db, actor, body),
  }),
  route({
    method: 'GET',
    url: '/api/gridwork/patrols/current',
    summary: 'My patrol under way, if any',
    access: 'gridwork.write',
    response: currentPatrol,
    handle: ({ actor, db }) => currentPatrolOf(db, actor),
  }),
  route({
    method: 'POST',
    url: '/api/gridwork/patrols/:id/points',
    summary: 'Append a batch of track points to my patrol (poor accuracy and impossible speed dropped); honours Idempotency-Key',
    access: 'gridwork.write',
    params: idParam,
    body: appendPointsBody,
    response: appendPointsResult,
    idempotent: true,
    handle: ({ actor, params, body, db }) => appendPoints(db, actor, params.id, body),
  }),
  route({
    method: 'POST',
    url: '/api/gridwork/patrols/:id/end',
    summary: 'End my patrol; honours Idempotency-Key',
    access: 'gridwork.write',
    params: idParam,
    body: endPatrolBody,
    response: patrolView,
    idempotent: true,
    handle: ({ actor, params, body, db }) => endPatrol(db, actor, params.id, body),
  }),
  route({
    method: 'GET',
    url: '/api/gridwork/patrols',
    summary: "Patrols of a day in my area (today: with those under way and their last point), or a worker's own",
    access: 'signed-in',
    query: patrolListQuery,
    response: patrolPage,
    handle: ({ actor, query, db }) => listPatrols(db, actor, query),
  }),
  route({
    method: 'GET',
    url: '/api/gridwork/patrols/:id',
    summary: "A patrol with its track and linked cases and visits (another worker's track: audited)",
    access: 'signed-in',
    params: idParam,
    response: patrolDetail,
    handle: ({ actor, params, db }) => getPatrol(db, actor, params.id),
  }),
]);
