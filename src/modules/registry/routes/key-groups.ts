// HTTP routes of care: key-group kinds and memberships, visits, and the grid worker's
// phone view.
import { z } from 'zod';
import { route, routeTable } from '../../../platform/route.ts';
import {
  addMembershipBody,
  createKindBody,
  endedMembership,
  endMembershipBody,
  idParams,
  keyGroupMemberPage,
  kindView,
  lookupResult,
  lookupTerm,
  memberListQuery,
  membershipView,
  myGrid,
  recordVisitBody,
  updateMembershipBody,
  visitListQuery,
  visitPage,
  visitView,
} from '../contract.ts';
import { createKind, listKinds } from '../key-groups/catalogue.ts';
import { addMembership, endMembership, listMembers, updateMembership } from '../key-groups/memberships.ts';
import { listVisits, recordVisit } from '../key-groups/visits.ts';
import { lookUp, myGridSummary } from '../use-cases/my-grid.ts';
import { filtersAndReveal, refuseIdentifiersInUrl } from './common.ts';

const lookupSummary = 'Look up a house ("3号楼 302") or a person (name, pinyin, initials, whole ID or phone) in my grid';

/** Care: key-group kinds and memberships, visits, and the grid worker's phone view. */
export const keyGroupRoutes = routeTable('registry', [
  route({
    method: 'GET',
    url: '/api/registry/key-group-kinds',
    summary: 'Kinds of key group the user may use (sensitive ones need registry.sensitive)',
    access: 'registry.read',
    response: z.array(kindView),
    handle: ({ actor, db }) => listKinds(db, actor),
  }),
  route({
    method: 'POST',
    url: '/api/registry/key-group-kinds',
    summary: 'Add a kind of key group under a node, with its own fields and visit interval',
    access: 'registry.write',
    body: createKindBody,
    response: kindView,
    status: 201,
    handle: ({ actor, body, db }) => createKind(db, actor, body),
  }),
  route({
    method: 'POST',
    url: '/api/registry/residents/:id/key-groups',
    summary: 'Put a person in a key group, with the details that group records',
    access: 'registry.write',
    params: idParams,
    body: addMembershipBody,
    response: membershipView,
    status: 201,
    handle: ({ actor, params, body, db }) => addMembership(db, actor, params.id, body),
  }),
  route({
    method: 'GET',
    url: '/api/registry/key-groups',
    summary: 'Key-group members with their visit schedule; ?overdue=true lists who is overdue for a visit',
    access: 'registry.read',
    query: memberListQuery,
    response: keyGroupMemberPage,
    handle: async ({ actor, query, db, ctx }) => {
      const { filters, revealed } = await filtersAndReveal(db, actor, query);
      return listMembers(db, ctx.pii, actor, filters, revealed);
    },
  }),
  route({
    method: 'PATCH',
    url: '/api/registry/key-groups/:id',
    summary: "Change a membership's details or visit interval",
    access: 'registry.write',
    params: idParams,
    body: updateMembershipBody,
    response: membershipView,
    handle: ({ actor, params, body, db }) => updateMembership(db, actor, params.id, body),
  }),
  route({
    method: 'POST',
    url: '/api/registry/key-groups/:id/end',
    summary: 'End a membership (the record stays)',
    access: 'registry.write',
    params: idParams,
    body: endMembershipBody,
    response: endedMembership,
    handle: ({ actor, params, body, db }) => endMembership(db, actor, params.id, body),
  }),

  // ------------------------------------------------------------------ visits
  route({
    method: 'GET',
    url: '/api/registry/visits',
    summary: 'Visits in scope, newest first',
    access: 'registry.read',
    query: visitListQuery,
    response: visitPage,
    handle: ({ actor, query, db }) => listVisits(db, actor, query),
  }),
  route({
    method: 'POST',
    url: '/api/registry/visits',
    summary: 'Record a visit (grid workers, phone view); moves the next due date on',
    access: 'registry.write',
    body: recordVisitBody,
    response: visitView,
    status: 201,
    idempotent: true,
    handle: ({ actor, body, db }) => recordVisit(db, actor, body),
  }),

  // ------------------------------------------------------------------ grid workers' phone view
  route({
    method: 'GET',
    url: '/api/registry/my-grid',
    summary: "A grid worker's start screen: my grids, counts, visits overdue and due this week",
    access: 'registry.read',
    response: myGrid,
    handle: ({ actor, db }) => myGridSummary(db, actor),
  }),
  route({
    method: 'GET',
    url: '/api/registry/my-grid/lookup',
    summary: lookupSummary,
    access: 'registry.read',
    query: lookupTerm,
    response: lookupResult,
    handle: ({ actor, query, db, ctx }) => lookUp(db, ctx.pii, actor, refuseIdentifiersInUrl(query, '/api/registry/my-grid/lookup').q),
  }),
  // The same in the body, the only way for an ID or phone number (kept out of URLs and logs).
  route({
    method: 'POST',
    url: '/api/registry/my-grid/lookup',
    summary: lookupSummary,
    access: 'registry.read',
    body: lookupTerm,
    response: lookupResult,
    handle: ({ actor, body, db, ctx }) => lookUp(db, ctx.pii, actor, body.q),
  }),
]);
