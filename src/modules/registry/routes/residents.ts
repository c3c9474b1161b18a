// HTTP routes of people: search, registration, the person's file, changes and moves.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor } from '../../../platform/http.ts';
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
import { tags } from './common.ts';

export async function residentRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { database, pii } = base.ctx;
  const db = database.db;

  app.get(
    '/api/registry/residents',
    {
      schema: {
        tags,
        summary: 'Search residents: name (汉字, pinyin, initials), whole ID or phone number, address, building/house, key group, grid',
        querystring: residentSearchQuery,
        response: { 200: residentPage },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'registry.read');
      const { reveal, reason, ...q } = req.query;
      return searchResidents(db, pii, actor, q, await revealRequest(db, actor, { reveal, reason }));
    },
  );

  // The same search with the filters in the body: URLs are written to access logs, so a
  // client looking people up by ID or phone number should use this one.
  app.post(
    '/api/registry/residents/search',
    {
      schema: {
        tags,
        summary: 'Search residents (as GET /api/registry/residents), filters in the body so identifiers stay out of URLs and logs',
        body: residentSearchQuery,
        response: { 200: residentPage },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'registry.read');
      const { reveal, reason, ...q } = req.body;
      return searchResidents(db, pii, actor, q, await revealRequest(db, actor, { reveal, reason }));
    },
  );

  app.post(
    '/api/registry/residents',
    { schema: { tags, summary: 'Register a person in a household, a house (head of a new household) or a grid', body: createResidentBody, response: { 201: residentView } } },
    async (req, reply) => reply.status(201).send(await createResident(db, pii, requireActor(req, 'registry.write'), req.body)),
  );

  app.get(
    '/api/registry/residents/:id',
    { schema: { tags, summary: "A person's file: record, residence history, key groups, recent visits", params: idParams, querystring: revealQuery, response: { 200: residentFile } } },
    async (req) => {
      const actor = requireActor(req, 'registry.read');
      return getResident(db, pii, actor, req.params.id, await revealRequest(db, actor, req.query));
    },
  );

  app.patch(
    '/api/registry/residents/:id',
    { schema: { tags, summary: "Change a person's record (optimistic version check)", params: idParams, body: updateResidentBody, response: { 200: residentView } } },
    async (req) => updateResident(db, pii, requireActor(req, 'registry.write'), req.params.id, req.body),
  );

  app.post(
    '/api/registry/residents/:id/move',
    {
      schema: {
        tags,
        summary: 'Move a person to another household (or a new one in a house); kept in the residence history',
        params: idParams,
        body: moveResidentBody,
        response: { 200: residentView },
      },
    },
    async (req) => moveResident(db, pii, requireActor(req, 'registry.write'), req.params.id, req.body),
  );

  app.post(
    '/api/registry/residents/:id/end',
    { schema: { tags, summary: 'Record that a person moved away or died (the record stays)', params: idParams, body: endResidenceBody, response: { 200: residentView } } },
    async (req) => endResidence(db, pii, requireActor(req, 'registry.write'), req.params.id, req.body),
  );
}
