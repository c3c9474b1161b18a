// HTTP routes of care: key-group kinds and memberships, visits, and the grid worker's
// phone view.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../../platform/http.ts';
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
import { revealRequest } from '../use-cases/reveal.ts';
import { tags } from './common.ts';

export async function keyGroupRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { database, pii } = base.ctx;
  const db = database.db;

  app.get(
    '/api/registry/key-group-kinds',
    { schema: { tags, summary: 'Kinds of key group the user may use (sensitive ones need registry.sensitive)', response: { 200: z.array(kindView) } } },
    async (req) => listKinds(db, requireActor(req, 'registry.read')),
  );

  app.post(
    '/api/registry/key-group-kinds',
    { schema: { tags, summary: 'Add a kind of key group under a node, with its own fields and visit interval', body: createKindBody, response: { 201: kindView } } },
    async (req, reply) => reply.status(201).send(await createKind(db, requireActor(req, 'registry.write'), req.body)),
  );

  app.post(
    '/api/registry/residents/:id/key-groups',
    { schema: { tags, summary: 'Put a person in a key group, with the details that group records', params: idParams, body: addMembershipBody, response: { 201: membershipView } } },
    async (req, reply) => reply.status(201).send(await addMembership(db, requireActor(req, 'registry.write'), req.params.id, req.body)),
  );

  app.get(
    '/api/registry/key-groups',
    {
      schema: {
        tags,
        summary: 'Key-group members with their visit schedule; ?overdue=true lists who is overdue for a visit',
        querystring: memberListQuery,
        response: { 200: keyGroupMemberPage },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'registry.read');
      const { reveal, reason, ...q } = req.query;
      return listMembers(db, pii, actor, q, await revealRequest(db, actor, { reveal, reason }));
    },
  );

  app.patch(
    '/api/registry/key-groups/:id',
    { schema: { tags, summary: "Change a membership's details or visit interval", params: idParams, body: updateMembershipBody, response: { 200: membershipView } } },
    async (req) => updateMembership(db, requireActor(req, 'registry.write'), req.params.id, req.body),
  );

  app.post(
    '/api/registry/key-groups/:id/end',
    { schema: { tags, summary: 'End a membership (the record stays)', params: idParams, body: endMembershipBody, response: { 200: endedMembership } } },
    async (req) => endMembership(db, requireActor(req, 'registry.write'), req.params.id, req.body),
  );

  app.get(
    '/api/registry/visits',
    { schema: { tags, summary: 'Visits in scope, newest first', querystring: visitListQuery, response: { 200: visitPage } } },
    async (req) => listVisits(db, requireActor(req, 'registry.read'), req.query),
  );

  app.post(
    '/api/registry/visits',
    { schema: { tags, summary: 'Record a visit (grid workers, phone view); moves the next due date on', body: recordVisitBody, response: { 201: visitView } } },
    async (req, reply) => reply.status(201).send(await recordVisit(db, requireActor(req, 'registry.write'), req.body)),
  );

  // ------------------------------------------------------------------ grid workers' phone view
  app.get(
    '/api/registry/my-grid',
    { schema: { tags, summary: "A grid worker's start screen: my grids, counts, visits overdue and due this week", response: { 200: myGrid } } },
    async (req) => myGridSummary(db, requireActor(req, 'registry.read')),
  );

  const lookup = {
    tags,
    summary: 'Look up a house ("3号楼 302") or a person (name, pinyin, initials, whole ID or phone) in my grid',
    response: { 200: lookupResult },
  };
  app.get('/api/registry/my-grid/lookup', { schema: { ...lookup, querystring: lookupTerm } }, async (req) => lookUp(db, pii, requireActor(req, 'registry.read'), req.query.q));
  // The same in the body, for an ID or phone number (kept out of URLs and logs).
  app.post('/api/registry/my-grid/lookup', { schema: { ...lookup, body: lookupTerm } }, async (req) => lookUp(db, pii, requireActor(req, 'registry.read'), req.body.q));
}
