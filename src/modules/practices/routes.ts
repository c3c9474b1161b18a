// HTTP of the practice library: public reads (no sign-in) and staff edits.
import { sendDownload, stamp, XLSX } from '../../platform/download.ts';
import { route, routeTable } from '../../platform/route.ts';
import {
  createPracticeBody,
  practiceFacets,
  practiceFilter,
  practiceIdParams,
  practiceListQuery,
  practicePage,
  practicePoints,
  practiceView,
  updatePracticeBody,
} from './contract.ts';
import { practicesWorkbook } from './export.ts';
import { createPractice, updatePractice } from './use-cases/edit.ts';
import { allPractices, getPractice, listPractices, practiceFacets as facetsOf, practicePoints as pointsOf } from './use-cases/read.ts';


export const practiceRoutes = routeTable('practices', [
  route({
    method: 'GET',
    url: '/api/public/practices',
    summary: 'The practice library, filtered and paged (public)',
    access: 'public',
    query: practiceListQuery,
    response: practicePage,
    handle: ({ query, db }) => listPractices(db, query),
  }),
  route({
    method: 'GET',
    url: '/api/public/practices/facets',
    summary: 'Counts per year, source, theme and province under a filter (public)',
    access: 'public',
    query: practiceFilter,
    response: practiceFacets,
    handle: ({ query, db }) => facetsOf(db, query),
  }),
  route({
    method: 'GET',
    url: '/api/public/practices/points',
    summary: 'Where the practices under a filter are, for the map (public)',
    access: 'public',
    query: practiceFilter,
    response: practicePoints,
    handle: ({ query, db }) => pointsOf(db, query),
  }),
  route({
    method: 'GET',
    url: '/api/public/practices/export',
    summary: 'The practices under a filter as .xlsx (public)',
    access: 'public',
    query: practiceFilter,
    handle: async ({ query, db, reply }) => sendDownload(reply, `社区治理实践-${stamp()}.xlsx`, XLSX, await practicesWorkbook(await allPractices(db, query))),
  }),
  route({
    method: 'GET',
    url: '/api/public/practices/:id',
    summary: 'One practice (public)',
    access: 'public',
    params: practiceIdParams,
    response: practiceView,
    handle: ({ params, db }) => getPractice(db, params.id),
  }),
  route({
    method: 'PATCH',
    url: '/api/practices/:id',
    summary: 'Change the Gongzhi features (and themes) of a practice in your part of the tree',
    access: 'practices.write',
    params: practiceIdParams,
    body: updatePracticeBody,
    response: practiceView,
    handle: ({ actor, params, body, db }) => updatePractice(db, actor, params.id, body),
  }),
  route({
    method: 'POST',
    url: '/api/practices',
    summary: 'Add a local practice for an org unit in your part of the tree',
    access: 'practices.write',
    body: createPracticeBody,
    response: practiceView,
    status: 201,
    handle: ({ actor, body, db }) => createPractice(db, actor, body),
  }),
]);

