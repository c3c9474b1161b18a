// HTTP routes of places: buildings, houses and households.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireActor } from '../../../platform/http.ts';
import {
  buildingDetail,
  buildingPage,
  buildingListQuery,
  buildingView,
  createBuildingBody,
  createHouseBody,
  createHouseholdBody,
  houseDetail,
  householdFile,
  householdView,
  houseListQuery,
  housePage,
  houseView,
  idParams,
  revealQuery,
  updateBuildingBody,
  updateHouseBody,
  updateHouseholdBody,
} from '../contract.ts';
import { createBuilding, deleteBuilding, getBuilding, listBuildings, updateBuilding } from '../use-cases/buildings.ts';
import { createHousehold, deleteHousehold, getHousehold, updateHousehold } from '../use-cases/households.ts';
import { createHouse, deleteHouse, getHouse, listHouses, updateHouse } from '../use-cases/houses.ts';
import { revealRequest } from '../use-cases/reveal.ts';
import { tags } from './common.ts';

export async function housingRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { database, pii } = base.ctx;
  const db = database.db;

  // ------------------------------------------------------------------ buildings
  app.get(
    '/api/registry/buildings',
    { schema: { tags, summary: 'Buildings in scope, with house and resident counts (search by name or address)', querystring: buildingListQuery, response: { 200: buildingPage } } },
    async (req) => listBuildings(db, requireActor(req, 'registry.read'), req.query),
  );

  app.get(
    '/api/registry/buildings/:id',
    { schema: { tags, summary: 'One building with its houses', params: idParams, response: { 200: buildingDetail } } },
    async (req) => getBuilding(db, requireActor(req, 'registry.read'), req.params.id),
  );

  app.post(
    '/api/registry/buildings',
    { schema: { tags, summary: 'Add a building to a grid', body: createBuildingBody, response: { 201: buildingView } } },
    async (req, reply) => reply.status(201).send(await createBuilding(db, requireActor(req, 'registry.write'), req.body)),
  );

  app.patch(
    '/api/registry/buildings/:id',
    {
      schema: {
        tags,
        summary: 'Change a building (moving it to another grid of the community moves everyone in it)',
        params: idParams,
        body: updateBuildingBody,
        response: { 200: buildingView },
      },
    },
    async (req) => updateBuilding(db, requireActor(req, 'registry.write'), req.params.id, req.body),
  );

  app.delete('/api/registry/buildings/:id', { schema: { tags, summary: 'Delete a building without houses', params: idParams } }, async (req, reply) => {
    await deleteBuilding(db, requireActor(req, 'registry.write'), req.params.id);
    return reply.status(204).send();
  });

  // ------------------------------------------------------------------ houses
  app.get(
    '/api/registry/houses',
    { schema: { tags, summary: 'Houses in scope (of a building, or found by "building number", e.g. "3号楼 302")', querystring: houseListQuery, response: { 200: housePage } } },
    async (req) => listHouses(db, requireActor(req, 'registry.read'), req.query),
  );

  app.get(
    '/api/registry/houses/:id',
    { schema: { tags, summary: 'One house with its households and the people in each (以房管人)', params: idParams, querystring: revealQuery, response: { 200: houseDetail } } },
    async (req) => {
      const actor = requireActor(req, 'registry.read');
      return getHouse(db, pii, actor, req.params.id, await revealRequest(db, actor, req.query));
    },
  );

  app.post(
    '/api/registry/houses',
    { schema: { tags, summary: 'Add a house to a building', body: createHouseBody, response: { 201: houseView } } },
    async (req, reply) => reply.status(201).send(await createHouse(db, requireActor(req, 'registry.write'), req.body)),
  );

  app.patch(
    '/api/registry/houses/:id',
    { schema: { tags, summary: 'Change a house', params: idParams, body: updateHouseBody, response: { 200: houseView } } },
    async (req) => updateHouse(db, requireActor(req, 'registry.write'), req.params.id, req.body),
  );

  app.delete('/api/registry/houses/:id', { schema: { tags, summary: 'Delete a house nobody lives or lived in', params: idParams } }, async (req, reply) => {
    await deleteHouse(db, requireActor(req, 'registry.write'), req.params.id);
    return reply.status(204).send();
  });

  // ------------------------------------------------------------------ households
  app.post(
    '/api/registry/households',
    { schema: { tags, summary: 'Register a household in a house', body: createHouseholdBody, response: { 201: householdView } } },
    async (req, reply) => reply.status(201).send(await createHousehold(db, requireActor(req, 'registry.write'), req.body)),
  );

  app.get(
    '/api/registry/households/:id',
    { schema: { tags, summary: 'A household file (一户一档): house, members, history', params: idParams, querystring: revealQuery, response: { 200: householdFile } } },
    async (req) => {
      const actor = requireActor(req, 'registry.read');
      return getHousehold(db, pii, actor, req.params.id, await revealRequest(db, actor, req.query));
    },
  );

  app.patch(
    '/api/registry/households/:id',
    { schema: { tags, summary: "Set a household's head (a member) or number", params: idParams, body: updateHouseholdBody, response: { 200: householdView } } },
    async (req) => updateHousehold(db, requireActor(req, 'registry.write'), req.params.id, req.body),
  );

  app.delete('/api/registry/households/:id', { schema: { tags, summary: 'Delete an empty household', params: idParams } }, async (req, reply) => {
    await deleteHousehold(db, requireActor(req, 'registry.write'), req.params.id);
    return reply.status(204).send();
  });
}
