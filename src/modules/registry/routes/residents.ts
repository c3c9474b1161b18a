// HTTP routes of people: search, registration, the person's file, changes and moves.
import type { z } from 'zod';
import type { Actor } from '../../../platform/auth/scope.ts';
import type { AppContext } from '../../../platform/http.ts';
import { route, routeTable } from '../../../platform/route.ts';
import {
  createResidentBody,
  endResidenceBody,
  idParams,
  moveResidentBody,
  residentFile,
  residentPage,
  residentSearchQuery,
  residentView,
  revealQuery,
  updateResidentBody,
} from '../contract.ts';
import { endResidence, moveResident } from '../use-cases/resident-moves.ts';
import { createResident, getResident, updateResident } from '../use-cases/residents.ts';
import { revealRequest } from '../use-cases/reveal.ts';
import { searchResidents } from '../use-cases/search-residents.ts';
import { filtersAndReveal } from './common.ts';

/** The resident search, with identifiers in clear when the query asks for them with a reason. */
async function search({ database: { db }, pii }: AppContext, actor: Actor, query: z.output<typeof residentSearchQuery>) {
  const { filters, revealed } = await filtersAndReveal(db, actor, query);
  return searchResidents(db, pii, actor, filters, revealed);
}

/** People: search, registration, the person's file, changes and moves. */
export const residentRoutes = routeTable('registry', [
  route({
    method: 'GET',
    url: '/api/registry/residents',
    summary: 'Search residents: name (汉字, pinyin, initials), whole ID or phone number, address, building/house, key group, grid',
    access: 'registry.read',
    query: residentSearchQuery,
    response: residentPage,
    handle: ({ actor, query, ctx }) => search(ctx, actor, query),
  }),
  // The same search with the filters in the body: URLs are written to access logs, so a
  // client looking people up by ID or phone number should use this one.
  route({
    method: 'POST',
    url: '/api/registry/residents/search',
    summary: 'Search residents (as GET /api/registry/residents), filters in the body so identifiers stay out of URLs and logs',
    access: 'registry.read',
    body: residentSearchQuery,
    response: residentPage,
    handle: ({ actor, body, ctx }) => search(ctx, actor, body),
  }),
  route({
    method: 'POST',
    url: '/api/registry/residents',
    summary: 'Register a person in a household, a house (head of a new household) or a grid',
    access: 'registry.write',
    body: createResidentBody,
    response: residentView,
    status: 201,
    handle: ({ actor, body, db, ctx }) => createResident(db, ctx.pii, actor, body),
  }),
  route({
    method: 'GET',
    url: '/api/registry/residents/:id',
    summary: "A person's file: record, residence history, key groups, recent visits",
    access: 'registry.read',
    params: idParams,
    query: revealQuery,
    response: residentFile,
    handle: async ({ actor, params, query, db, ctx }) => getResident(db, ctx.pii, actor, params.id, await revealRequest(db, actor, query)),
  }),
  route({
    method: 'PATCH',
    url: '/api/registry/residents/:id',
    summary: "Change a person's record (optimistic version check)",
    access: 'registry.write',
    params: idParams,
    body: updateResidentBody,
    response: residentView,
    handle: ({ actor, params, body, db, ctx }) => updateResident(db, ctx.pii, actor, params.id, body),
  }),
  route({
    method: 'POST',
    url: '/api/registry/residents/:id/move',
    summary: 'Move a person to another household (or a new one in a house); kept in the residence history',
    access: 'registry.write',
    params: idParams,
    body: moveResidentBody,
    response: residentView,
    handle: ({ actor, params, body, db, ctx }) => moveResident(db, ctx.pii, actor, params.id, body),
  }),
  route({
    method: 'POST',
    url: '/api/registry/residents/:id/end',
    summary: 'Record that a person moved away or died (the record stays)',
    access: 'registry.write',
    params: idParams,
    body: endResidenceBody,
    response: residentView,
    handle: ({ actor, params, body, db, ctx }) => endResidence(db, ctx.pii, actor, params.id, body),
  }),
]);
