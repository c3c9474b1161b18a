// HTTP routes of files handed out: lists as .xlsx and the printable household file. Every
// one is audited; identifiers are masked unless revealed.
import { route, routeTable } from '../../../platform/route.ts';
import { buildingExportQuery, idParams, memberExportQuery, residentExportQuery, revealQuery } from '../contract.ts';
import { exportBuildings, exportMembers, exportResidents, householdFile } from '../export.ts';
import { revealRequest } from '../use-cases/reveal.ts';
import { filtersAndReveal, sendFile, stamp, XLSX } from './common.ts';

/** Files handed out: lists as .xlsx and the printable household file. */
export const exportRoutes = routeTable('registry', [
  route({
    method: 'GET',
    url: '/api/registry/buildings/export',
    summary: 'Buildings as .xlsx (audited)',
    access: 'registry.export',
    query: buildingExportQuery,
    handle: ({ actor, query, db, reply }) => sendFile(reply, `楼栋-${stamp()}.xlsx`, XLSX, (out) => exportBuildings(db, actor, query, out)),
  }),
  route({
    method: 'GET',
    url: '/api/registry/residents/export',
    summary: 'A resident search as .xlsx (masked unless revealed; audited)',
    access: 'registry.export',
    query: residentExportQuery,
    handle: async ({ actor, query, db, ctx, reply }) => {
      const { filters, revealed } = await filtersAndReveal(db, actor, query);
      return sendFile(reply, `居民-${stamp()}.xlsx`, XLSX, (out) => exportResidents(db, ctx.pii, actor, filters, revealed, out));
    },
  }),
  route({
    method: 'GET',
    url: '/api/registry/key-groups/export',
    summary: 'Key-group members as .xlsx (masked unless revealed; audited)',
    access: 'registry.export',
    query: memberExportQuery,
    handle: async ({ actor, query, db, ctx, reply }) => {
      const { filters, revealed } = await filtersAndReveal(db, actor, query);
      return sendFile(reply, `重点人群-${stamp()}.xlsx`, XLSX, (out) => exportMembers(db, ctx.pii, actor, filters, revealed, out));
    },
  }),
  route({
    method: 'GET',
    url: '/api/registry/households/:id/file',
    summary: 'The printable household file (户档) as HTML (audited)',
    access: 'registry.export',
    params: idParams,
    query: revealQuery,
    handle: async ({ actor, params, query, db, ctx, reply }) => {
      const html = await householdFile(db, ctx.pii, actor, params.id, await revealRequest(db, actor, query));
      return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
    },
  }),
]);
