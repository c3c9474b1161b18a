import { sendDownload, stamp, XLSX } from '../../../platform/download.ts';
import { route, routeTable } from '../../../platform/route.ts';
import { closeNeedBody, createNeedBody, idParam, mergeNeedBody, needCounts, needListQuery, needPage, needView, sortNeedBody } from '../contract.ts';
import { closeNeed, countNeeds, listNeeds, mergeNeed, myNeeds, raiseNeed, recordNeed, sortNeed } from './needs.ts';
import { needsWorkbook } from './export.ts';

const base = '/api/participation/needs';

/** Needs (问需): taken down by staff and workers, raised by residents, sorted, merged, counted, exported. */
export const needRoutes = routeTable('participation', [
  route({ method: 'GET', url: base, summary: 'The needs ledger of my area', access: 'participation.read', query: needListQuery, response: needPage, handle: ({ actor, db, query }) => listNeeds(db, actor, query) }),
  route({
    method: 'GET',
    url: `${base}/export`,
    summary: 'The needs ledger as .xlsx (the list filter)',
    access: 'participation.read',
    query: needListQuery,
    handle: async ({ actor, db, query, reply }) => sendDownload(reply, `需求台账-${stamp()}.xlsx`, XLSX, await needsWorkbook(db, actor, query)),
  }),
  route({ method: 'GET', url: `${base}/counts`, summary: 'Needs per community and class', access: 'participation.read', query: needListQuery.pick({ under: true }), response: needCounts, handle: ({ actor, db, query }) => countNeeds(db, actor, query) }),
  route({ method: 'POST', url: base, summary: 'Take a need down (staff; a grid worker during a visit)', access: 'participation.record', body: createNeedBody, response: needView, status: 201, idempotent: true, handle: ({ actor, db, body }) => recordNeed(db, actor, body) }),
  route({ method: 'POST', url: `${base}/:id/sort`, summary: 'Sort a need: government, community or private matter', access: 'participation.manage', params: idParam, body: sortNeedBody, response: needView, handle: ({ actor, db, params, body }) => sortNeed(db, actor, params.id, body) }),
  route({ method: 'POST', url: `${base}/:id/merge`, summary: 'Merge a duplicate need into another of the same community', access: 'participation.manage', params: idParam, body: mergeNeedBody, response: needView, handle: ({ actor, db, params, body }) => mergeNeed(db, actor, params.id, body) }),
  route({ method: 'POST', url: `${base}/:id/close`, summary: 'Close a need', access: 'participation.manage', params: idParam, body: closeNeedBody, response: needView, handle: ({ actor, db, params, body }) => closeNeed(db, actor, params.id, body) }),
  route({ method: 'GET', url: '/api/participation/my/needs', summary: 'The needs I raised', access: 'participation.take_part', query: needListQuery.pick({ page: true, pageSize: true }), response: needPage, handle: ({ actor, db, query }) => myNeeds(db, actor, query) }),
  route({ method: 'POST', url: '/api/participation/my/needs', summary: 'Raise a need (a verified resident)', access: 'participation.take_part', body: createNeedBody, response: needView, status: 201, handle: ({ actor, db, body }) => raiseNeed(db, actor, body) }),
]);
