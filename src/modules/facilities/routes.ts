// HTTP of the facilities module as route tables: the standard table, facilities with their
// files, distance settings, coverage, and the public "near me" of the residents' portal.
import multipart from '@fastify/multipart';
import type { RouteModule } from '../../platform/http.ts';
import { sendDownload, stamp, XLSX } from '../../platform/download.ts';
import { AppError } from '../../platform/errors.ts';
import { route, routeTable } from '../../platform/route.ts';
import {
  buildingCircle, buildingCircleParams, coverageFeatureCollection, coverageGapPage, coverageGapsQuery, coverageLayerQuery, coverageQuery,
  coverageReport, coverageSettings, coverageSettingsQuery, createFacilityBody, createFacilityKindBody, deleteFacilityQuery, exportFacilitiesQuery,
  facility, facilityFeatureCollection, facilityKind, facilityKindList, facilityKindParams, facilityPage, facilityParams, importFacilitiesQuery,
  importFacilitiesResult, listFacilitiesQuery, nearQuery, nearResult, placeList, placesQuery, recomputeQuery, recomputeResult, roadNetworkBody,
  roadNetworkQuery, updateCoverageSettingsBody, updateFacilityBody, updateFacilityKindBody,
} from './contract.ts';
import { buildingCircleOf, coverageGaps, coverageLayer, coverageReport as readCoverage } from './use-cases/coverage.ts';
import { deleteRoadNetwork, getCoverageSettings, importRoadNetwork, requestRecompute, setDetourFactor } from './use-cases/districts.ts';
import { createFacility, deleteFacility, getFacility, listFacilities, updateFacility } from './use-cases/facilities.ts';
import { gapReportXlsx } from './use-cases/gap-report.ts';
import { createKind, listKinds, updateKind } from './use-cases/kinds.ts';
import { facilitiesNear, searchPlaces } from './use-cases/near.ts';
import { exportFacilitiesGeoJson, exportFacilitiesXlsx, importFacilities } from './use-cases/transfer.ts';

const kindRoutes = [
  route({
    method: 'GET', url: '/api/facilities/kinds', summary: 'The standard table of facility kinds (GB 50180-2018)', access: 'facilities.read',
    response: facilityKindList,
    handle: async ({ db }) => ({ items: await listKinds(db) }),
  }),
  route({
    method: 'POST', url: '/api/facilities/kinds', summary: 'Add a kind to the standard table (district staff)', access: 'facilities.write', status: 201,
    body: createFacilityKindBody, response: facilityKind,
    handle: ({ actor, body, db }) => createKind(db, actor, body),
  }),
  route({
    method: 'PATCH', url: '/api/facilities/kinds/:code', summary: 'Change a row of the standard table (district staff)', access: 'facilities.write',
    params: facilityKindParams, body: updateFacilityKindBody, response: facilityKind,
    handle: ({ actor, params, body, db }) => updateKind(db, actor, params.code, body),
  }),
];

const facilityRoutesTable = [
  route({
    method: 'GET', url: '/api/facilities', summary: 'Facilities in scope, filtered and paged', access: 'facilities.read',
    query: listFacilitiesQuery, response: facilityPage,
    handle: ({ actor, query, db }) => listFacilities(db, actor, query),
  }),
  route({
    method: 'GET', url: '/api/facilities/export.xlsx', summary: 'Facilities of a filter as .xlsx (the import reads the same columns)', access: 'facilities.read',
    query: exportFacilitiesQuery,
    handle: async ({ actor, query, db, reply }) => sendDownload(reply, `设施-${stamp()}.xlsx`, XLSX, await exportFacilitiesXlsx(db, actor, query)),
  }),
  route({
    method: 'GET', url: '/api/facilities/export.geojson', summary: 'Facilities of a filter as GeoJSON Points', access: 'facilities.read',
    query: exportFacilitiesQuery, response: facilityFeatureCollection,
    handle: async ({ actor, query, db, reply }) => {
      if (query.download) void reply.header('content-disposition', `attachment; filename="facilities-${stamp()}.geojson"`);
      return exportFacilitiesGeoJson(db, actor, query);
    },
  }),
  route({
    method: 'POST', url: '/api/facilities/import', summary: 'Import facilities from .xlsx or GeoJSON (multipart "file"); all rows or none', access: 'facilities.write',
    query: importFacilitiesQuery, response: importFacilitiesResult, openapi: { consumes: ['multipart/form-data'] },
    handle: async ({ actor, query, db, req }) => {
      const noFile = () => new AppError('VALIDATION_FAILED', { fields: [{ field: 'body.file', message: '请以 multipart 字段 file 上传文件 / upload the file as multipart field "file"' }], summary: 'body.file' });
      let bytes: Buffer;
      try {
        const part = req.isMultipart() ? await req.file() : undefined;
        if (!part) throw noFile();
        bytes = await part.toBuffer();
      } catch (error) {
        // A torn multipart body is the caller's mistake, not the server's.
        if (error instanceof AppError && error.code !== 'VALIDATION_FAILED') throw error;
        throw noFile();
      }
      return importFacilities(db, actor, query.format, bytes, query.dryRun === 'true');
    },
  }),
  route({
    method: 'GET', url: '/api/facilities/:id', summary: 'One facility', access: 'facilities.read',
    params: facilityParams, response: facility,
    handle: ({ actor, params, db }) => getFacility(db, actor, params.id),
  }),
  route({
    method: 'POST', url: '/api/facilities', summary: 'Add a facility to a community', access: 'facilities.write', status: 201,
    body: createFacilityBody, response: facility,
    handle: ({ actor, body, db }) => createFacility(db, actor, body),
  }),
  route({
    method: 'PATCH', url: '/api/facilities/:id', summary: 'Change a facility (moving it recomputes coverage)', access: 'facilities.write',
    params: facilityParams, body: updateFacilityBody, response: facility,
    handle: ({ actor, params, body, db }) => updateFacility(db, actor, params.id, body),
  }),
  route({
    method: 'DELETE', url: '/api/facilities/:id', summary: 'Delete a facility', access: 'facilities.write', status: 204,
    params: facilityParams, query: deleteFacilityQuery,
    handle: ({ actor, params, query, db }) => deleteFacility(db, actor, params.id, query.version),
  }),
];

const settingsRoutes = [
  route({
    method: 'GET', url: '/api/facilities/settings', summary: "A district's distance settings and coverage state", access: 'facilities.read',
    query: coverageSettingsQuery, response: coverageSettings,
    handle: ({ actor, query, db }) => getCoverageSettings(db, actor, query.district),
  }),
  route({
    method: 'PUT', url: '/api/facilities/settings', summary: "Set a district's detour factor (district staff)", access: 'facilities.write',
    body: updateCoverageSettingsBody, response: coverageSettings,
    handle: ({ actor, body, db }) => setDetourFactor(db, actor, body.district, body.detourFactor),
  }),
  route({
    method: 'PUT', url: '/api/facilities/road-network', summary: "Replace a district's road network (GeoJSON lines; district staff)", access: 'facilities.write',
    query: roadNetworkQuery, body: roadNetworkBody, response: coverageSettings,
    handle: ({ actor, query, body, db }) => importRoadNetwork(db, actor, query.district, body.features),
  }),
  route({
    method: 'DELETE', url: '/api/facilities/road-network', summary: "Drop a district's road network (back to straight lines)", access: 'facilities.write',
    query: roadNetworkQuery, response: coverageSettings,
    handle: ({ actor, query, db }) => deleteRoadNetwork(db, actor, query.district),
  }),
  route({
    method: 'POST', url: '/api/facilities/coverage/recompute', summary: "Queue a recomputation of a district's coverage", access: 'facilities.write', status: 202,
    query: recomputeQuery, response: recomputeResult,
    handle: ({ actor, query, db }) => requestRecompute(db, actor, query.district),
  }),
];

const coverageRoutes = [
  route({
    method: 'GET', url: '/api/facilities/coverage', summary: 'Coverage of a node per required kind, weighted by residents and by the people each kind serves', access: 'facilities.read',
    query: coverageQuery, response: coverageReport,
    handle: ({ actor, query, db }) => readCoverage(db, actor, query.org),
  }),
  route({
    method: 'GET', url: '/api/facilities/coverage/gaps', summary: 'Buildings out of reach of a required kind, worst first', access: 'facilities.read',
    query: coverageGapsQuery, response: coverageGapPage,
    handle: ({ actor, query, db }) => coverageGaps(db, actor, query),
  }),
  route({
    method: 'GET', url: '/api/facilities/coverage/gaps.xlsx', summary: 'The gap report of a node as .xlsx (audited)', access: 'facilities.read',
    query: coverageQuery,
    handle: async ({ actor, query, db, reply }) => {
      const { fileName, bytes } = await gapReportXlsx(db, actor, query.org);
      return sendDownload(reply, fileName, XLSX, bytes);
    },
  }),
  route({
    method: 'GET', url: '/api/facilities/coverage/layer', summary: "A community's buildings with the kinds they lack (map layer)", access: 'facilities.read',
    query: coverageLayerQuery, response: coverageFeatureCollection,
    handle: ({ actor, query, db }) => coverageLayer(db, actor, query.community),
  }),
  route({
    method: 'GET', url: '/api/facilities/coverage/buildings/:id', summary: "A building's life circle: the nearest facility of each required kind", access: 'facilities.read',
    params: buildingCircleParams, response: buildingCircle,
    handle: ({ actor, params, db }) => buildingCircleOf(db, actor, params.id),
  }),
];

// The portal asks without an account; the limits keep the address search from being harvested.
const publicLimit = { rateLimit: { max: 60, timeWindow: '1 minute' } };
const publicRoutes = [
  route({
    method: 'GET', url: '/api/public/facilities/near', summary: 'Facilities by kind near a point or a building, nearest first (portal)', access: 'public',
    query: nearQuery, response: nearResult, config: publicLimit,
    handle: ({ query, db }) => facilitiesNear(db, query),
  }),
  route({
    method: 'GET', url: '/api/public/facilities/places', summary: 'Buildings by name or address, to start "near me" from (portal)', access: 'public',
    query: placesQuery, response: placeList, config: publicLimit,
    handle: ({ query, db }) => searchPlaces(db, query.q),
  }),
  route({
    method: 'GET', url: '/api/public/facilities/kinds', summary: 'The facility kinds with their names (portal)', access: 'public',
    response: facilityKindList,
    handle: async ({ db }) => ({ items: await listKinds(db) }),
  }),
];

const staffTable = routeTable('facilities', [...kindRoutes, ...facilityRoutesTable, ...settingsRoutes, ...coverageRoutes]);
const publicTable = routeTable('public', publicRoutes);

/** The module's routes; uploads (the import) need the multipart parser in this scope. */
export const facilityRoutes: RouteModule = async (base, ctx) => {
  await base.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1, fields: 5 } });
  await staffTable(base, ctx);
  await publicTable(base, ctx);
};

