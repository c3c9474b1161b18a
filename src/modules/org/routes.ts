import { z } from 'zod';
import { route, routeTable } from '../../platform/route.ts';
import { assertInScope } from '../../platform/auth/scope.ts';
import { AppError } from '../../platform/errors.ts';
import { createDepartment, getNode, listChildren, searchNodes, updateNode } from './org-units.ts';
import { createGrid, deleteGrid, getGrid, gridsAsGeoJson, listGrids, updateGrid } from './grids.ts';
import { importGrids } from './grid-import.ts';
import { districtOutline } from './geo-outline.ts';
import { findGridAt } from './grid-index.ts';
import { addGridStaff, listGridStaff, publicRoster, removeGridStaff } from './roster.ts';
import {
  addGridStaffBody,
  createDepartmentBody,
  createGridBody,
  districtOutlineQuery,
  districtOutlineView,
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

/** HTTP routes of the organisation tree (nodes and departments), grids and rosters. */
export const orgRoutes = routeTable('org', [
  // ------------------------------------------------------------------ the tree
  route({
    method: 'GET',
    url: '/api/org/nodes',
    summary: 'Children of a node (top-level nodes without parent) that the user may see',
    access: 'signed-in',
    query: listOrgUnitsQuery,
    response: z.array(orgUnitListItem),
    handle: ({ actor, query, db }) => (query.q ? searchNodes(db, actor, query.q) : listChildren(db, actor, query.parent)),
  }),
  route({
    method: 'GET',
    url: '/api/org/nodes/:code',
    summary: 'One node with its ancestors',
    access: 'org.read',
    params: orgUnitParams,
    response: orgUnitWithAncestors,
    handle: ({ actor, params, db }) => getNode(db, actor, params.code),
  }),
  route({
    method: 'PATCH',
    url: '/api/org/nodes/:code',
    summary: "Rename a node or set a community's type",
    access: 'org.write',
    params: orgUnitParams,
    body: updateOrgUnitBody,
    response: orgUnit,
    handle: ({ actor, params, body, db }) => updateNode(db, actor, params.code, body),
  }),
  route({
    method: 'POST',
    url: '/api/org/departments',
    summary: 'Add a department under a district or street',
    access: 'org.write',
    body: createDepartmentBody,
    response: orgUnit,
    status: 201,
    handle: ({ actor, body, db }) => createDepartment(db, actor, body),
  }),

  // ------------------------------------------------------------------ grids
  route({
    method: 'GET',
    url: '/api/org/grids',
    summary: 'Grids under a node, paged',
    access: 'org.read',
    query: listGridsQuery,
    response: gridPage,
    handle: ({ actor, query: { under, kind, q, page, pageSize }, db }) => listGrids(db, actor, { under, kind, search: q, page, pageSize }),
  }),
  route({
    method: 'GET',
    url: '/api/org/grids/geojson',
    summary: 'Grids under a node as a GeoJSON FeatureCollection (map and export)',
    access: 'org.read',
    query: gridsGeoJsonQuery,
    response: gridFeatureCollection,
    handle: async ({ actor, query, db, reply }) => {
      const result = await gridsAsGeoJson(db, actor, query.under);
      if (query.download) void reply.header('content-disposition', `attachment; filename="grids-${query.under ?? 'all'}.geojson"`);
      return result;
    },
  }),
  route({
    method: 'GET',
    url: '/api/org/outline',
    summary: 'The outline of the district holding a node (map context; geometry null where unknown)',
    access: 'org.read',
    query: districtOutlineQuery,
    response: districtOutlineView,
    handle: ({ actor, query, db }) => districtOutline(db, actor, query.under),
  }),
  route({
    method: 'GET',
    url: '/api/org/grids/locate',
    summary: 'The grid containing a WGS84 point',
    access: 'org.read',
    query: locateGridQuery,
    response: gridSummary,
    handle: async ({ actor, query: { lng, lat }, db }) => {
      const found = await findGridAt(db, lng, lat);
      if (!found) throw new AppError('NOT_FOUND', { what: `${lng},${lat}` });
      assertInScope(actor, 'org.read', found.orgPath);
      return getGrid(db, actor, found.code);
    },
  }),
  route({
    method: 'POST',
    url: '/api/org/grids/import',
    summary: 'Import grids from a GeoJSON FeatureCollection; nothing is imported unless every feature is valid',
    access: 'org.write',
    query: importGridsQuery,
    body: z.unknown(),
    response: importGridsResult,
    handle: ({ actor, query, body, db }) => importGrids(db, actor, body, { dryRun: query.dryRun === 'true' }),
  }),
  route({
    method: 'GET',
    url: '/api/org/grids/:code',
    summary: 'One grid with its polygon',
    access: 'org.read',
    params: gridParams,
    response: gridDetail,
    handle: ({ actor, params, db }) => getGrid(db, actor, params.code),
  }),
  route({
    method: 'POST',
    url: '/api/org/grids',
    summary: 'Create a grid in a community',
    access: 'org.write',
    body: createGridBody,
    response: gridDetail,
    status: 201,
    handle: ({ actor, body, db }) => createGrid(db, actor, body),
  }),
  route({
    method: 'PATCH',
    url: '/api/org/grids/:code',
    summary: "Change a grid's name, kind or polygon (optimistic version check)",
    access: 'org.write',
    params: gridParams,
    body: updateGridBody,
    response: gridDetail,
    handle: ({ actor, params, body, db }) => updateGrid(db, actor, params.code, body),
  }),
  route({
    method: 'DELETE',
    url: '/api/org/grids/:code',
    summary: 'Delete a grid and its roster',
    access: 'org.write',
    params: gridParams,
    status: 204,
    handle: ({ actor, params, db }) => deleteGrid(db, actor, params.code),
  }),

  // ------------------------------------------------------------------ rosters
  route({
    method: 'GET',
    url: '/api/org/grids/:code/staff',
    summary: "A grid's roster",
    access: 'org.read',
    params: gridParams,
    response: z.array(gridStaffMember),
    handle: ({ actor, params, db }) => listGridStaff(db, actor, params.code),
  }),
  route({
    method: 'POST',
    url: '/api/org/grids/:code/staff',
    summary: "Add a person to a grid's roster",
    access: 'grid.roster.write',
    params: gridParams,
    body: addGridStaffBody,
    response: gridStaffMember,
    status: 201,
    handle: ({ actor, params, body, db }) => addGridStaff(db, actor, params.code, body),
  }),
  route({
    method: 'DELETE',
    url: '/api/org/grid-staff/:id',
    summary: 'Remove a person from a roster',
    access: 'grid.roster.write',
    params: gridStaffParams,
    status: 204,
    handle: ({ actor, params, db }) => removeGridStaff(db, actor, params.id),
  }),
]);

/** The public real-name roster (实名制公示), under the public tag. */
export const orgPublicRoutes = routeTable('public', [
  route({
    method: 'GET',
    url: '/api/public/grids/:code/roster',
    summary: 'Public real-name roster of a grid (实名制公示); no sign-in needed',
    access: 'public',
    params: gridParams,
    response: publicRosterSchema,
    handle: ({ params, db }) => publicRoster(db, params.code),
  }),
]);
