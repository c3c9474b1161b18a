import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageOf, pageQuery, requireActor } from '../../platform/http.ts';
import { communityTypes, gridDuties, gridKinds, orgLevels } from './schema.ts';
import {
  addGridStaff,
  createDepartment,
  createGrid,
  deleteGrid,
  findGridAt,
  getGrid,
  getNode,
  gridsAsGeoJson,
  importGrids,
  listChildren,
  listGridStaff,
  listGrids,
  publicRoster,
  removeGridStaff,
  searchNodes,
  updateGrid,
  updateNode,
} from './service.ts';
import { assertInScope } from '../../platform/auth/scope.ts';
import { AppError } from '../../platform/errors.ts';

const code = z.string().min(1).max(40);
const gridCode = z.string().regex(/^[A-Za-z0-9-]{1,32}$/, '网格编码必须是 1–32 位字母、数字或连字符 / 1–32 letters, digits or hyphens');

const node = z.object({
  code: z.string(),
  parentCode: z.string().nullable(),
  level: z.enum(orgLevels),
  name: z.string(),
  fullName: z.string(),
  orgPath: z.string(),
  communityType: z.enum(communityTypes).nullable(),
});
const nodeWithCounts = node.extend({ childCount: z.number().int(), gridCount: z.number().int() });

const gridSummary = z.object({
  code: z.string(),
  communityCode: z.string(),
  name: z.string(),
  kind: z.enum(gridKinds),
  orgPath: z.string(),
  version: z.number().int(),
  updatedAt: z.date(),
});
const geometry = z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.any()) });
const gridDetail = gridSummary.extend({ geometry, minLng: z.number(), minLat: z.number(), maxLng: z.number(), maxLat: z.number() });
const featureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      geometry,
      properties: z.object({ code: z.string(), name: z.string(), kind: z.enum(gridKinds), communityCode: z.string(), communityName: z.string() }),
    }),
  ),
});
const staffMember = z.object({
  id: z.string(),
  gridCode: z.string(),
  name: z.string(),
  duty: z.enum(gridDuties),
  phone: z.string().nullable(),
  userId: z.string().nullable(),
  sort: z.number().int(),
});
const tags = ['org'];

/** HTTP routes of the organisation tree, grids and rosters. */
export function orgRoutes(base: FastifyInstance): void {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = base.ctx.database.db;

  app.get(
    '/api/org/nodes',
    {
      schema: {
        tags,
        summary: 'Children of a node (top-level nodes without parent) that the user may see',
        querystring: z.object({ parent: code.optional(), q: z.string().min(1).max(50).optional() }),
        response: { 200: z.array(nodeWithCounts.partial({ childCount: true, gridCount: true })) },
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
        params: z.object({ code }),
        response: { 200: node.extend({ ancestors: z.array(node) }) },
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
        params: z.object({ code }),
        body: z
          .object({ name: z.string().trim().min(1).max(60).optional(), communityType: z.enum(communityTypes).nullable().optional() })
          .strict(),
        response: { 200: node },
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
        body: z.object({ parentCode: code, name: z.string().trim().min(1).max(60) }).strict(),
        response: { 201: node },
      },
    },
    async (req, reply) => reply.status(201).send(await createDepartment(db, requireActor(req, 'org.write'), req.body)),
  );

  app.get(
    '/api/org/grids',
    {
      schema: {
        tags,
        summary: 'Grids under a node, paged',
        querystring: z.object({
          under: code.optional(),
          kind: z.enum(gridKinds).optional(),
          q: z.string().max(50).optional(),
          ...pageQuery,
        }),
        response: { 200: pageOf(gridSummary.extend({ communityName: z.string(), staffCount: z.number().int() })) },
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
        querystring: z.object({ under: code.optional(), download: z.enum(['1', 'true']).optional() }),
        response: { 200: featureCollection },
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
        querystring: z.object({ lng: z.coerce.number().min(-180).max(180), lat: z.coerce.number().min(-90).max(90) }),
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
        querystring: z.object({ dryRun: z.enum(['true', 'false']).default('false') }),
        body: z.unknown(),
        response: { 200: z.object({ created: z.number().int(), updated: z.number().int(), dryRun: z.boolean() }) },
      },
    },
    async (req) => importGrids(db, requireActor(req, 'org.write'), req.body, { dryRun: req.query.dryRun === 'true' }),
  );

  app.get(
    '/api/org/grids/:code',
    { schema: { tags, summary: 'One grid with its polygon', params: z.object({ code: gridCode }), response: { 200: gridDetail } } },
    async (req) => getGrid(db, requireActor(req, 'org.read'), req.params.code),
  );

  app.post(
    '/api/org/grids',
    {
      schema: {
        tags,
        summary: 'Create a grid in a community',
        body: z.object({ code: gridCode, name: z.string().trim().min(1).max(50), kind: z.enum(gridKinds), communityCode: code, geometry: z.unknown() }).strict(),
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
        params: z.object({ code: gridCode }),
        body: z
          .object({ version: z.number().int().min(1), name: z.string().trim().min(1).max(50).optional(), kind: z.enum(gridKinds).optional(), geometry: z.unknown().optional() })
          .strict(),
        response: { 200: gridDetail },
      },
    },
    async (req) => updateGrid(db, requireActor(req, 'org.write'), req.params.code, req.body),
  );

  app.delete(
    '/api/org/grids/:code',
    { schema: { tags, summary: 'Delete a grid and its roster', params: z.object({ code: gridCode }) } },
    async (req, reply) => {
      await deleteGrid(db, requireActor(req, 'org.write'), req.params.code);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/org/grids/:code/staff',
    { schema: { tags, summary: "A grid's roster", params: z.object({ code: gridCode }), response: { 200: z.array(staffMember) } } },
    async (req) => listGridStaff(db, requireActor(req, 'org.read'), req.params.code),
  );

  app.post(
    '/api/org/grids/:code/staff',
    {
      schema: {
        tags,
        summary: "Add a person to a grid's roster",
        params: z.object({ code: gridCode }),
        body: z
          .object({
            name: z.string().trim().min(1).max(30),
            duty: z.enum(gridDuties),
            phone: z.string().regex(/^[0-9+\- ]{7,20}$/, '电话号码格式不正确 / invalid phone number').optional(),
            userId: z.uuid().optional(),
            sort: z.number().int().min(0).max(999).optional(),
          })
          .strict(),
        response: { 201: staffMember },
      },
    },
    async (req, reply) => reply.status(201).send(await addGridStaff(db, requireActor(req, 'grid.roster.write'), req.params.code, req.body)),
  );

  app.delete(
    '/api/org/grid-staff/:id',
    { schema: { tags, summary: 'Remove a person from a roster', params: z.object({ id: z.uuid() }) } },
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
        params: z.object({ code: gridCode }),
        response: {
          200: z.object({
            code: z.string(),
            name: z.string(),
            kind: z.enum(gridKinds),
            communityName: z.string(),
            staff: z.array(z.object({ name: z.string(), duty: z.enum(gridDuties), phone: z.string().nullable() })),
          }),
        },
      },
    },
    async (req) => publicRoster(db, req.params.code),
  );
}
