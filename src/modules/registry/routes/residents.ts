// HTTP routes of people: search, registration, the person's file, changes and moves.
import type { z } from 'zod';
import type { Actor } from '../../../platform/auth/scope.ts';
import type { AppContext } from '../../../platform/http.ts';
import { route, routeTable } from '../../../platform/route.ts';
import {
  createResidentBody,
  endResidenceBody,
  identifierLookupSettings,
  idParams,
  moveResidentBody,
  residentFile,
  residentPage,
  residentSearchQuery,
  residentView,
  revealQuery,
  updateIdentifierLookupSettings,
  updateResidentBody,
} from '../contract.ts';
import { identifierLookupSettingsOf, updateIdentifierLookupSettings as updateLookupSettings } from '../use-cases/identifier-lookups.ts';
import { endResidence, moveResident } from '../use-cases/resident-moves.ts';
import { createResident, getResident, updateResident } from '../use-cases/residents.ts';
import { revealRequest } from '../use-cases/reveal.ts';
import { searchResidents } from '../use-cases/search-residents.ts';
import { filtersAndReveal, identifierWriteLimit, refuseIdentifiersInUrl } from './common.ts';

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
    summary: 'Search residents: name (汉字, pinyin, initials), address, building/house, key group, grid (by ID or phone number: POST …/search)',
    access: 'registry.read',
    query: residentSearchQuery,
    response: residentPage,
    handle: ({ actor, query, ctx }) => search(ctx, actor, refuseIdentifiersInUrl(query, '/api/registry/residents/search')),
  }),
  // The same search with the filters in the body: URLs are written to access logs, so a
  // look-up by ID or phone number is taken only here (rate-limited and audited).
  route({
    method: 'POST',
    url: '/api/registry/residents/search',
    summary: 'Search residents, filters in the body; a whole ID or phone number (idNumber, phone, q) is rate-limited per account and audited',
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
    config: identifierWriteLimit,
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
    config: identifierWriteLimit,
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
  // The security admin decides who may do what; this limit is part of that.
  route({
    method: 'GET',
    url: '/api/registry/identifier-lookup-settings',
    summary: 'The limit on look-ups by ID or phone number per account (security admin)',
    access: 'role.grant',
    response: identifierLookupSettings,
    handle: ({ db }) => identifierLookupSettingsOf(db),
  }),
  route({
    method: 'PUT',
    url: '/api/registry/identifier-lookup-settings',
    summary: 'Change the limit on look-ups by ID or phone number per account (security admin; audited)',
    access: 'role.grant',
    body: updateIdentifierLookupSettings,
    response: identifierLookupSettings,
    handle: ({ actor, body, db }) => updateLookupSettings(db, actor, body),
  }),
]);
