// HTTP of the social workers' register, caseload and services, and the tiers view.
import { route, routeTable } from '../../../platform/route.ts';
import { sendDownload, stamp, XLSX } from '../../../platform/download.ts';
import {
  addCaseBody, caseloadPage, caseloadQuery, caseParams, closeCaseBody, createWorkerBody, idParam, tiersQuery, tiersView, updateWorkerBody, workerListQuery, workerPage,
  workerServiceBody, workerServicePage, workerServiceQuery, workerView,
} from '../contract.ts';
import { addCase, closeCase, createWorker, getWorker, listCaseload, listWorkers, listWorkerServices, recordWorkerService, updateWorker } from './workers.ts';
import { tiers } from './tiers.ts';
import { caseloadWorkbook } from './export.ts';

export const workerRoutes = routeTable('community', [
  route({
    method: 'GET', url: '/api/community/workers', summary: 'Social workers in my part of the tree, paged',
    access: 'community.read', query: workerListQuery, response: workerPage,
    handle: ({ actor, query, db }) => listWorkers(db, actor, query),
  }),
  route({
    method: 'POST', url: '/api/community/workers', summary: 'Register a social worker (level, certificate, employer)',
    access: 'community.write', body: createWorkerBody, response: workerView, status: 201,
    handle: ({ actor, body, db }) => createWorker(db, actor, body),
  }),
  route({
    method: 'GET', url: '/api/community/workers/:id', summary: 'One social worker',
    access: 'community.read', params: idParam, response: workerView,
    handle: ({ actor, params, db }) => getWorker(db, actor, params.id),
  }),
  route({
    method: 'PATCH', url: '/api/community/workers/:id', summary: 'Edit a social worker, naming the version read',
    access: 'community.write', params: idParam, body: updateWorkerBody, response: workerView,
    handle: ({ actor, params, body, db }) => updateWorker(db, actor, params.id, body),
  }),
  route({
    method: 'GET', url: '/api/community/workers/:id/caseload', summary: "A worker's caseload, paged (residents named as the registry allows)",
    access: 'community.read', params: idParam, query: caseloadQuery, response: caseloadPage,
    handle: ({ actor, params, query, db }) => listCaseload(db, actor, params.id, query),
  }),
  route({
    method: 'GET', url: '/api/community/workers/:id/caseload.xlsx', summary: "A worker's caseload as an .xlsx ledger (masked as the list is)",
    access: 'community.read', params: idParam, query: caseloadQuery.omit({ page: true, pageSize: true }),
    handle: async ({ actor, params, query, db, reply }) => {
      const ledger = await caseloadWorkbook(db, actor, params.id, query.state);
      return sendDownload(reply, `个案台账-${ledger.name}-${stamp()}.xlsx`, XLSX, ledger.bytes);
    },
  }),
  route({
    method: 'POST', url: '/api/community/workers/:id/caseload', summary: "Take a registry resident into a worker's caseload",
    access: 'community.write', params: idParam, body: addCaseBody, response: caseloadPage, status: 201,
    handle: ({ actor, params, body, db }) => addCase(db, actor, params.id, body),
  }),
  route({
    method: 'POST', url: '/api/community/workers/:id/caseload/:caseId/close', summary: 'Close a case with its outcome',
    access: 'community.write', params: caseParams, body: closeCaseBody, response: caseloadPage,
    handle: ({ actor, params, body, db }) => closeCase(db, actor, params.id, params.caseId, body),
  }),
  route({
    method: 'GET', url: '/api/community/workers/:id/services', summary: "A worker's service records, paged",
    access: 'community.read', params: idParam, query: workerServiceQuery, response: workerServicePage,
    handle: ({ actor, params, query, db }) => listWorkerServices(db, actor, params.id, query),
  }),
  route({
    method: 'POST', url: '/api/community/workers/:id/services', summary: 'Record a service by a worker',
    access: 'community.write', params: idParam, body: workerServiceBody, response: workerServicePage, status: 201,
    handle: ({ actor, params, body, db }) => recordWorkerService(db, actor, params.id, body),
  }),
  route({
    method: 'GET', url: '/api/community/tiers', summary: 'Social workers, assistants and volunteers (社工/助工/义工) per community',
    access: 'community.read', query: tiersQuery, response: tiersView,
    handle: ({ actor, query, db }) => tiers(db, actor, query.under),
  }),
]);
