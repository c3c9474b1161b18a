import { route, routeTable } from '../../../platform/route.ts';
import { myPoints, participationIndex, participationIndexQuery, pointsRules, pointsRulesQuery, setPointsRulesBody, verification, verifyResidentBody } from '../contract.ts';
import { myVerification, verifyResident } from '../residents.ts';
import { myPoints as readMyPoints, participationIndexOf, readPointsRules, setPointsRules } from './points.ts';

/** Points rules, the participation index, and a resident's own verification and points. */
export const pointsRoutes = routeTable('participation', [
  route({ method: 'GET', url: '/api/participation/points/rules', summary: 'The points rules that apply at a street or community', access: 'participation.read', query: pointsRulesQuery, response: pointsRules, handle: ({ actor, db, query }) => readPointsRules(db, actor, query.orgCode) }),
  route({ method: 'PUT', url: '/api/participation/points/rules', summary: "Set a street's or community's points per action", access: 'participation.manage', body: setPointsRulesBody, response: pointsRules, handle: ({ actor, db, body }) => setPointsRules(db, actor, body) }),
  route({ method: 'GET', url: '/api/participation/index', summary: 'The participation index per community of my area in a year', access: 'participation.read', query: participationIndexQuery, response: participationIndex, handle: ({ actor, db, query }) => participationIndexOf(db, actor, query) }),
  route({ method: 'GET', url: '/api/participation/my/verification', summary: 'Whether my account is linked to a resident of my community', access: 'participation.take_part', response: verification, handle: ({ actor, db }) => myVerification(db, actor) }),
  route({ method: 'POST', url: '/api/participation/my/verification', summary: 'Link my account to the registry resident with my name and ID number', access: 'participation.take_part', body: verifyResidentBody, response: verification, handle: ({ actor, db, ctx, body }) => verifyResident(db, ctx.pii, actor, body) }),
  route({ method: 'GET', url: '/api/participation/my/points', summary: 'My participation points', access: 'participation.take_part', response: myPoints, handle: ({ actor, db }) => readMyPoints(db, actor) }),
]);
