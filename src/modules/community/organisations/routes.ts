// HTTP of the social organisations' register and their staff accounts.
import { route, routeTable } from '../../../platform/route.ts';
import { sendDownload, stamp, XLSX } from '../../../platform/download.ts';
import {
  addStaffBody, createOrganisationBody, idParam, inspectionBody, myOrganisations as myOrganisationsSchema, organisationListQuery, organisationPage,
  organisationView, staffList, staffParams, updateOrganisationBody,
} from '../contract.ts';
import {
  addStaff, createOrganisation, getOrganisation, listOrganisations, listStaff, myOrganisations, recordInspection, removeStaff, updateOrganisation,
} from './organisations.ts';
import { organisationsWorkbook } from './export.ts';

const exportQuery = organisationListQuery.omit({ page: true, pageSize: true });

export const organisationRoutes = routeTable('community', [
  route({
    method: 'GET', url: '/api/community/organisations', summary: 'The register of social organisations in my part of the tree, paged',
    access: 'community.read', query: organisationListQuery, response: organisationPage,
    handle: ({ actor, query, db }) => listOrganisations(db, actor, query),
  }),
  route({
    method: 'GET', url: '/api/community/organisations.xlsx', summary: 'The register of social organisations as an .xlsx ledger',
    access: 'community.read', query: exportQuery,
    handle: async ({ actor, query, db, reply }) => sendDownload(reply, `社会组织台账-${stamp()}.xlsx`, XLSX, await organisationsWorkbook(db, actor, query)),
  }),
  route({
    method: 'POST', url: '/api/community/organisations', summary: 'Register an organisation (credit code checked per GB 32100) or file a community organisation',
    access: 'community.write', body: createOrganisationBody, response: organisationView, status: 201,
    handle: ({ actor, body, db }) => createOrganisation(db, actor, body),
  }),
  route({
    method: 'GET', url: '/api/community/organisations/mine', summary: 'The organisations I am staff of',
    access: 'community.organisation', response: myOrganisationsSchema,
    handle: ({ actor, db }) => myOrganisations(db, actor),
  }),
  route({
    method: 'GET', url: '/api/community/organisations/:id', summary: 'One organisation (staff in scope, or its own staff)',
    access: 'signed-in', params: idParam, response: organisationView,
    handle: ({ actor, params, db }) => getOrganisation(db, actor, params.id),
  }),
  route({
    method: 'PATCH', url: '/api/community/organisations/:id', summary: 'Edit an organisation, naming the version read',
    access: 'community.write', params: idParam, body: updateOrganisationBody, response: organisationView,
    handle: ({ actor, params, body, db }) => updateOrganisation(db, actor, params.id, body),
  }),
  route({
    method: 'POST', url: '/api/community/organisations/:id/inspections', summary: "Record a year's annual inspection result",
    access: 'community.write', params: idParam, body: inspectionBody, response: organisationView,
    handle: ({ actor, params, body, db }) => recordInspection(db, actor, params.id, body),
  }),
  route({
    method: 'GET', url: '/api/community/organisations/:id/staff', summary: 'The accounts acting for an organisation',
    access: 'community.read', params: idParam, response: staffList,
    handle: ({ actor, params, db }) => listStaff(db, actor, params.id),
  }),
  route({
    method: 'POST', url: '/api/community/organisations/:id/staff', summary: 'Let an organisation staff account act for the organisation',
    access: 'community.write', params: idParam, body: addStaffBody, response: staffList,
    handle: ({ actor, params, body, db }) => addStaff(db, actor, params.id, body.username),
  }),
  route({
    method: 'DELETE', url: '/api/community/organisations/:id/staff/:userId', summary: 'Stop an account acting for the organisation',
    access: 'community.write', params: staffParams, response: staffList,
    handle: ({ actor, params, db }) => removeStaff(db, actor, params.id, params.userId),
  }),
]);

