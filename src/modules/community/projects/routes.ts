// HTTP of the projects, one table per party: project staff (community.projects), an
// organisation's staff (community.organisation) and the expert panel (community.review).
import { z } from 'zod';
import { sendDownload, XLSX } from '../../../platform/download.ts';
import { route, routeTable } from '../../../platform/route.ts';
import {
  applicationDetail, applicationListQuery, applicationPage, applicationBody, awardBody, callListQuery, callPage, callView, createCallBody,
  decideMilestoneBody, evaluationBody, payTrancheBody, reviewBody, projectServiceRecordBody, siteVisitBody, submitMilestoneBody,
} from '../contract/projects.ts';
import { idParam } from '../contract/common.ts';
import { getApplication, applyToCall, listApplications, listApplicationsForExpert, listOwnApplications } from './applications.ts';
import { closeCall, createCall, getCall, listCalls, listCallsForExpert, listCallsForOrganisations, listExperts } from './calls.ts';
import { addServiceRecord, addSiteVisit, awardApplication, decideMilestone, evaluateProject, payTranche, reportMilestone } from './execution.ts';
import { projectsWorkbook } from './export.ts';
import { organisationsOfStaff } from '../organisations/organisations.ts';
import { reviewApplication } from './reviews.ts';

const base = '/api/community/projects';

export const projectStaffRoutes = routeTable('community projects', [
  route({
    method: 'GET', url: `${base}/experts`, summary: 'Expert reviewers who may sit on a panel here', access: 'community.projects',
    response: z.object({ items: z.array(z.object({ userId: z.string(), username: z.string(), name: z.string() })) }),
    handle: async ({ actor, db }) => ({ items: await listExperts(db, actor) }),
  }),
  route({ method: 'GET', url: `${base}/calls`, summary: 'Calls in my part of the tree', access: 'community.projects', query: callListQuery, response: callPage, handle: ({ actor, db, query }) => listCalls(db, actor, query) }),
  route({ method: 'POST', url: `${base}/calls`, summary: 'Open a call (need, budget, criteria, panel)', access: 'community.projects', body: createCallBody, response: callView, status: 201, handle: ({ actor, db, body }) => createCall(db, actor, body) }),
  route({ method: 'GET', url: `${base}/calls/:id`, summary: 'One call', access: 'community.projects', params: idParam, response: callView, handle: ({ actor, db, params }) => getCall(db, actor, params.id) }),
  route({ method: 'POST', url: `${base}/calls/:id/close`, summary: 'Close a call to applications; the panel then scores', access: 'community.projects', params: idParam, response: callView, handle: ({ actor, db, params }) => closeCall(db, actor, params.id) }),
  route({ method: 'GET', url: `${base}/applications`, summary: 'Applications in my part of the tree, with scores and ranks', access: 'community.projects', query: applicationListQuery, response: applicationPage, handle: ({ actor, db, query }) => listApplications(db, actor, query) }),
  route({
    method: 'GET', url: `${base}/applications.xlsx`, summary: 'The projects ledger as .xlsx', access: 'community.projects',
    query: z.object({ callId: z.uuid().optional() }),
    handle: async ({ actor, db, query, reply }) => sendDownload(reply, `projects-${new Date().toISOString().slice(0, 10)}.xlsx`, XLSX, await projectsWorkbook(db, actor, query.callId)),
  }),
  route({ method: 'GET', url: `${base}/applications/:id`, summary: "An application's file", access: 'community.projects', params: idParam, response: applicationDetail, handle: ({ actor, db, params }) => getApplication(db, actor, params.id, 'staff') }),
  route({ method: 'POST', url: `${base}/applications/:id/award`, summary: 'Award a contract with tranches tied to milestones', access: 'community.projects', params: idParam, body: awardBody, response: applicationDetail, handle: ({ actor, db, params, body }) => awardApplication(db, actor, params.id, body) }),
  route({ method: 'POST', url: `${base}/milestones/:id/decision`, summary: 'Accept or reject a reported milestone', access: 'community.projects', params: idParam, body: decideMilestoneBody, response: applicationDetail, handle: ({ actor, db, params, body }) => decideMilestone(db, actor, params.id, body) }),
  route({ method: 'POST', url: `${base}/tranches/:id/pay`, summary: 'Pay a tranche whose milestone is accepted', access: 'community.projects', params: idParam, body: payTrancheBody, response: applicationDetail, handle: ({ actor, db, params, body }) => payTranche(db, actor, params.id, body.voucherNumber) }),
  route({ method: 'POST', url: `${base}/applications/:id/site-visits`, summary: 'Record a site visit', access: 'community.projects', params: idParam, body: siteVisitBody, response: applicationDetail, status: 201, handle: ({ actor, db, params, body }) => addSiteVisit(db, actor, params.id, body) }),
  route({ method: 'POST', url: `${base}/applications/:id/evaluation`, summary: 'Record the final evaluation and complete the project', access: 'community.projects', params: idParam, body: evaluationBody, response: applicationDetail, status: 201, handle: ({ actor, db, params, body }) => evaluateProject(db, actor, params.id, body) }),
]);

const org = '/api/community/organisation-projects';

export const projectOrganisationRoutes = routeTable('community projects', [
  route({
    method: 'GET', url: `${org}/organisations`, summary: 'The organisations I act for', access: 'community.organisation',
    response: z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) }),
    handle: async ({ actor, db }) => ({ items: await organisationsOfStaff(db, actor) }),
  }),
  route({ method: 'GET', url: `${org}/calls`, summary: 'Calls my organisations may answer', access: 'community.organisation', query: callListQuery, response: callPage, handle: ({ actor, db, query }) => listCallsForOrganisations(db, actor, query) }),
  route({ method: 'POST', url: `${org}/calls/:id/applications`, summary: 'Apply to a call for one of my organisations', access: 'community.organisation', params: idParam, body: applicationBody, response: applicationDetail, status: 201, handle: ({ actor, db, params, body }) => applyToCall(db, actor, params.id, body) }),
  route({ method: 'GET', url: `${org}/applications`, summary: "My organisations' applications", access: 'community.organisation', query: applicationListQuery, response: applicationPage, handle: ({ actor, db, query }) => listOwnApplications(db, actor, query) }),
  route({ method: 'GET', url: `${org}/applications/:id`, summary: "One of my organisations' applications", access: 'community.organisation', params: idParam, response: applicationDetail, handle: ({ actor, db, params }) => getApplication(db, actor, params.id, 'organisation') }),
  route({ method: 'POST', url: `${org}/milestones/:id/report`, summary: 'Report a milestone reached, with its deliverables', access: 'community.organisation', params: idParam, body: submitMilestoneBody, response: applicationDetail, handle: ({ actor, db, params, body }) => reportMilestone(db, actor, params.id, body.report) }),
  route({ method: 'POST', url: `${org}/applications/:id/service-records`, summary: "Record services counted against the project's indicators", access: 'community.organisation', params: idParam, body: projectServiceRecordBody, response: applicationDetail, status: 201, handle: ({ actor, db, params, body }) => addServiceRecord(db, actor, params.id, body) }),
]);

const review = '/api/community/reviews';

export const projectReviewRoutes = routeTable('community projects', [
  route({ method: 'GET', url: `${review}/calls`, summary: 'Calls whose panel I sit on', access: 'community.review', query: callListQuery, response: callPage, handle: ({ actor, db, query }) => listCallsForExpert(db, actor, query) }),
  route({ method: 'GET', url: `${review}/applications`, summary: 'Applications to the calls I review', access: 'community.review', query: applicationListQuery, response: applicationPage, handle: ({ actor, db, query }) => listApplicationsForExpert(db, actor, query) }),
  route({ method: 'GET', url: `${review}/applications/:id`, summary: 'An application I review', access: 'community.review', params: idParam, response: applicationDetail, handle: ({ actor, db, params }) => getApplication(db, actor, params.id, 'expert') }),
  route({ method: 'PUT', url: `${review}/applications/:id`, summary: 'My review: a conflict declaration, or scores per reviewCriterion', access: 'community.review', params: idParam, body: reviewBody, response: applicationDetail, handle: ({ actor, db, params, body }) => reviewApplication(db, actor, params.id, body) }),
]);
