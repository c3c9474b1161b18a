import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/http.ts';
import { createDepartment, getNode, listChildren, searchNodes, updateNode } from './org-units.ts';
import { createGrid, deleteGrid, getGrid, gridsAsGeoJson, listGrids, updateGrid } from './grids.ts';
import { importGrids } from './grid-import.ts';
import { findGridAt } from './grid-index.ts';
import { addGridStaff, listGridStaff, publicRoster, removeGridStaff } from './roster.ts';
import {
  addGridStaffBody,
  createDepartmentBody,
  createGridBody,
  gridDetail,
  gridFeatureCollection,
  gridPage,
  gridParams,
  gridsGeoJsonQuery,
  gridStaffMember,
  gridStaffParams,
  gridSummary,
  importGridsQuery,
  importGridsResult,
  listGridsQuery,
  listOrgUnitsQuery,
  locateGridQuery,
  orgUnit,
  orgUnitListItem,
  orgUnitParams,
  orgUnitWithAncestors,
  publicRoster as publicRosterSchema,
  updateGridBody,
  updateOrgUnitBody,
} from './contract.ts';
import { assertInScope } from '../../platform/auth/scope.ts';
import { AppError } from '../../platform/errors.ts';

const tags = ['org'];

/** HTTP routes of the organisation tree, grids and rosters. */
export function orgRoutes(base: FastifyInstance): void {
  orgUnitRoutes(base);
  gridRoutes(base);
  rosterRoutes(base);
}

/** The tree: nodes (org units) and departments. */
function orgUnitRoutes(base: FastifyInstance): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = base.ctx.database.db;

  app.get(
    '/api/org/nodes',
    {
      schema: {
        tags,
        summary: 'Children of a node (top-level nodes without parent) that the user may see',
        querystring: listOrgUnitsQuery,
        response: { 200: z.array(orgUnitListItem) },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      return req.query.q ? searchNodes(db, actor, req.query.q) : listChildren(db, actor, req.query.parent);
    },
  );

  app.get(
    '/api/org/nodes/:code',
    {
      schema: {
        tags,
        summary: 'One node with its ancestors',
        params: orgUnitParams,
        response: { 200: orgUnitWithAncestors },
      },
    },
    async (req) => getNode(db, requireActor(req, 'org.read'), req.params.code),
  );

  app.patch(
    '/api/org/nodes/:code',
    {
      schema: {
        tags,
        summary: "Rename a node or set a community's type",
        params: orgUnitParams,
        body: updateOrgUnitBody,
        response: { 200: orgUnit },
      },
    },
    async (req) => updateNode(db, requireActor(req, 'org.write'), req.params.code, req.body),
  );

  app.post(
    '/api/org/departments',
    {
      schema: {
        tags,
        summary: 'Add a department under a district or street',
        body: createDepartmentBody,
        response: { 201: orgUnit },
      },
    },
    async (req, reply) => reply.status(201).send(await createDepartment(db, requireActor(req, 'org.write'), req.body)),
  );
}

/** Grids: list, GeoJSON, point lookup, import and edits. */
function gridRoutes(base: FastifyInstance): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = base.ctx.database.db;

  app.get(
    '/api/org/grids',
    {
      schema: {
        tags,
        summary: 'Grids under a node, paged',
        querystring: listGridsQuery,
        response: { 200: gridPage },
      },
    },
    async (req) => {
      const { under, kind, q, page, pageSize } = req.query;
      return listGrids(db, requireActor(req, 'org.read'), { under, kind, search: q, page, pageSize });
    },
  );

  app.get(
    '/api/org/grids/geojson',
    {
      schema: {
        tags,
        summary: 'Grids under a node as a GeoJSON FeatureCollection (map and export)',
        querystring: gridsGeoJsonQuery,
        response: { 200: gridFeatureCollection },
      },
    },
    async (req, reply) => {
      const result = await gridsAsGeoJson(db, requireActor(req, 'org.read'), req.query.under);
      if (req.query.download) {
        void reply.header('content-disposition', `attachment; filename="grids-${req.query.under ?? 'all'}.geojson"`);
      }
      return result;
    },
  );

  app.get(
    '/api/org/grids/locate',
    {
      schema: {
        tags,
        summary: 'The grid containing a WGS84 point',
        querystring: locateGridQuery,
        response: { 200: gridSummary },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'org.read');
      const found = await findGridAt(db, req.query.lng, req.query.lat);
      if (!found) throw new AppError('NOT_FOUND', { what: `${req.query.lng},${req.query.lat}` });
      assertInScope(actor, 'org.read', found.orgPath);
      return getGrid(db, actor, found.code);
    },
  );

  app.post(
    '/api/org/grids/import',
    {
      schema: {
        tags,
        summary: 'Import grids from a GeoJSON FeatureCollection; nothing is imported unless every feature is valid',
        querystring: importGridsQuery,
        body: z.unknown(),
        response: { 200: importGridsResult },
      },
    },
    async (req) => importGrids(db, requireActor(req, 'org.write'), req.body, { dryRun: req.query.dryRun === 'true' }),
  );

  app.get(
    '/api/org/grids/:code',
    { schema: { tags, summary: 'One grid with its polygon', params: gridParams, response: { 200: gridDetail } } },
    async (req) => getGrid(db, requireActor(req, 'org.read'), req.params.code),
  );

  app.post(
    '/api/org/grids',
    {
      schema: {
        tags,
        summary: 'Create a grid in a community',
        body: createGridBody,
        response: { 201: gridDetail },
      },
    },
    async (req, reply) => reply.status(201).send(await createGrid(db, requireActor(req, 'org.write'), req.body)),
  );

  app.patch(
    '/api/org/grids/:code',
    {
      schema: {
        tags,
        summary: "Change a grid's name, kind or polygon (optimistic version check)",
        params: gridParams,
        body: updateGridBody,
        response: { 200: gridDetail },
      },
    },
    async (req) => updateGrid(db, requireActor(req, 'org.write'), req.params.code, req.body),
  );

  app.delete(
    '/api/org/grids/:code',
    { schema: { tags, summary: 'Delete a grid and its roster', params: gridParams } },
    async (req, reply) => {
      await deleteGrid(db, requireActor(req, 'org.write'), req.params.code);
      return reply.status(204).send();
    },
  );
}

/** Rosters, and the public real-name roster. */
function rosterRoutes(base: FastifyInstance): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = base.ctx.database.db;

  app.get(
    '/api/org/grids/:code/staff',
    { schema: { tags, summary: "A grid's roster", params: gridParams, response: { 200: z.array(gridStaffMember) } } },
    async (req) => listGridStaff(db, requireActor(req, 'org.read'), req.params.code),
  );

  app.post(
    '/api/org/grids/:code/staff',
    {
      schema: {
        tags,
        summary: "Add a person to a grid's roster",
        params: gridParams,
        body: addGridStaffBody,
        response: { 201: gridStaffMember },
      },
    },
    async (req, reply) => reply.status(201).send(await addGridStaff(db, requireActor(req, 'grid.roster.write'), req.params.code, req.body)),
  );

  app.delete(
    '/api/org/grid-staff/:id',
    { schema: { tags, summary: 'Remove a person from a roster', params: gridStaffParams } },
    async (req, reply) => {
      await removeGridStaff(db, requireActor(req, 'grid.roster.write'), req.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/public/grids/:code/roster',
    {
      schema: {
        tags: ['public'],
        summary: 'Public real-name roster of a grid (实名制公示); no sign-in needed',
        params: gridParams,
        response: { 200: publicRosterSchema },
      },
    },
    async (req) => publicRoster(db, req.params.code),
  );
}
