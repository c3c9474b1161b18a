// HTTP of conventions.
import { route, routeTable } from '../../../platform/route.ts';
import { idParam } from '../contract/common.ts';
import { conventionActionBody, conventionListQuery, conventionPage, conventionVersionBody, conventionView, createConventionBody } from './contract.ts';
import { actOnConvention, createConvention, draftConventionVersion, getConvention, listConventions } from './conventions.ts';

const base = '/api/participation/conventions';

export const conventionRoutes = routeTable('participation conventions', [
  route({ method: 'GET', url: base, summary: 'Conventions with their versions', access: 'participation.read', query: conventionListQuery, response: conventionPage, handle: ({ actor, db, query }) => listConventions(db, actor, query) }),
  route({ method: 'POST', url: base, summary: 'Draft a convention (version 1)', access: 'participation.manage', body: createConventionBody, response: conventionView, status: 201, handle: ({ actor, db, body }) => createConvention(db, actor, body) }),
  route({ method: 'GET', url: `${base}/:id`, summary: 'A convention with its versions', access: 'participation.read', params: idParam, response: conventionView, handle: ({ actor, db, params }) => getConvention(db, actor, params.id) }),
  route({ method: 'POST', url: `${base}/:id/versions`, summary: 'Draft a new version', access: 'participation.manage', params: idParam, body: conventionVersionBody, response: conventionView, status: 201, handle: ({ actor, db, params, body }) => draftConventionVersion(db, actor, params.id, body.text) }),
  route({ method: 'POST', url: `${base}/:id/actions`, summary: 'Consult, adopt by a vote, reject, or put a version in force', access: 'participation.manage', params: idParam, body: conventionActionBody, response: conventionView, handle: ({ actor, db, params, body }) => actOnConvention(db, actor, params.id, body) }),
]);
