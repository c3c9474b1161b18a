// HTTP of volunteers, activities, service records, certificates and settings.
import { z } from 'zod';
import { route, routeTable } from '../../../platform/route.ts';
import { sendDownload, stamp, XLSX } from '../../../platform/download.ts';
import {
  activityListQuery, activityPage, activityView, amendBody, attendeeList, attendeeParams, checkCodeView, checkWithCodeBody, communitySettings, createActivityBody,
  idParam, issuedCertificate, myVolunteering as myVolunteeringSchema, registerSelfBody, registerVolunteerBody, serviceRecordPage, serviceRecordQuery,
  serviceRecordView, todayView, volunteerListQuery, volunteerPage, volunteerView,
} from '../contract.ts';
import {
  cancelSignUp, checkWithCode, closeActivity, confirmAttendance, createActivity, getActivity, listActivities, listAttendees, listOpenActivities, myActivitiesToday, newCheckCode, signUp,
} from './activities.ts';
import { issueHoursCertificate } from './certificate.ts';
import { recordsWorkbook } from './export.ts';
import { amendRecord, listRecords } from './records.ts';
import { readSettings, updateSettings } from './settings.ts';
import { getVolunteer, listVolunteers, loadVolunteer, myVolunteering, registerSelf, registerVolunteer, requireVolunteer } from './volunteers.ts';

const recordExportQuery = serviceRecordQuery.omit({ page: true, pageSize: true });
const direction = z.object({ direction: z.enum(['check-in', 'check-out']) });

export const volunteerRoutes = routeTable('community', [
  route({
    method: 'GET', url: '/api/community/volunteers', summary: 'Volunteers in my part of the tree, paged (mobiles masked)',
    access: 'community.read', query: volunteerListQuery, response: volunteerPage,
    handle: ({ actor, query, db, ctx }) => listVolunteers(db, ctx.pii, actor, query),
  }),
  route({
    method: 'POST', url: '/api/community/volunteers', summary: 'Register a volunteer by real name (linked to the registry resident with that name and mobile)',
    access: 'community.write', body: registerVolunteerBody, response: volunteerView, status: 201,
    handle: ({ actor, body, db, ctx }) => registerVolunteer(db, ctx.pii, actor, body),
  }),
  route({
    method: 'GET', url: '/api/community/volunteers/me', summary: 'My volunteer record, hours, star level and service records',
    access: 'community.volunteer', response: myVolunteeringSchema,
    handle: ({ actor, db, ctx }) => myVolunteering(db, ctx.pii, actor),
  }),
  route({
    method: 'POST', url: '/api/community/volunteers/me', summary: 'Register myself as a volunteer of my community',
    access: 'community.volunteer', body: registerSelfBody, response: myVolunteeringSchema, status: 201,
    handle: ({ actor, body, db, ctx }) => registerSelf(db, ctx.pii, actor, body),
  }),
  route({
    method: 'POST', url: '/api/community/volunteers/me/certificate', summary: 'A certificate of my service hours, verifiable by its code',
    access: 'community.volunteer', response: issuedCertificate, status: 201,
    handle: async ({ actor, db }) => issueHoursCertificate(db, actor, await requireVolunteer(db, actor)),
  }),
  route({
    method: 'GET', url: '/api/community/volunteers/:id', summary: 'One volunteer with hours and records',
    access: 'community.read', params: idParam, response: myVolunteeringSchema,
    handle: ({ actor, params, db, ctx }) => getVolunteer(db, ctx.pii, actor, params.id),
  }),
  route({
    method: 'POST', url: '/api/community/volunteers/:id/certificate', summary: "A certificate of a volunteer's service hours",
    access: 'community.write', params: idParam, response: issuedCertificate, status: 201,
    handle: async ({ actor, params, db }) => issueHoursCertificate(db, actor, await loadVolunteer(db, actor, params.id, 'community.write')),
  }),
  route({
    method: 'GET', url: '/api/community/activities', summary: 'Activities in my part of the tree, paged',
    access: 'community.read', query: activityListQuery, response: activityPage,
    handle: ({ actor, query, db }) => listActivities(db, actor, query),
  }),
  route({
    method: 'GET', url: '/api/community/activities/open', summary: 'Open activities with my own sign-ups',
    access: 'community.volunteer', query: activityListQuery, response: activityPage,
    handle: ({ actor, query, db }) => listOpenActivities(db, actor, query),
  }),
  route({
    method: 'GET', url: '/api/community/activities/today', summary: "Today's activities I signed up for, to check in and out on /m",
    access: 'community.volunteer', response: todayView,
    handle: ({ actor, db }) => myActivitiesToday(db, actor),
  }),
  route({
    method: 'GET', url: '/api/public/community/activities', summary: 'Open volunteer activities (public, no personal data)',
    access: 'public', query: activityListQuery, response: activityPage,
    handle: ({ query, db }) => listOpenActivities(db, null, query),
  }),
  route({
    method: 'POST', url: '/api/community/activities', summary: 'Publish an activity (community staff, or an organisation for itself)',
    access: 'signed-in', body: createActivityBody, response: activityView, status: 201,
    handle: ({ actor, body, db }) => createActivity(db, actor, body),
  }),
  route({
    method: 'GET', url: '/api/community/activities/:id', summary: 'One activity (with my sign-up when I am a volunteer)',
    access: 'signed-in', params: idParam, response: activityView,
    handle: ({ actor, params, db }) => getActivity(db, actor, params.id),
  }),
  route({
    method: 'POST', url: '/api/community/activities/:id/close', summary: 'Close an activity to sign-ups and check-ins',
    access: 'signed-in', params: idParam, response: activityView,
    handle: ({ actor, params, db }) => closeActivity(db, actor, params.id),
  }),
  route({
    method: 'POST', url: '/api/community/activities/:id/check-code', summary: "A fresh code for the organiser's QR code (15 minutes)",
    access: 'signed-in', params: idParam, response: checkCodeView,
    handle: ({ actor, params, db }) => newCheckCode(db, actor, params.id),
  }),
  route({
    method: 'GET', url: '/api/community/activities/:id/attendees', summary: 'Who signed up, checked in and out',
    access: 'signed-in', params: idParam, response: attendeeList,
    handle: ({ actor, params, db, ctx }) => listAttendees(db, ctx.pii, actor, params.id),
  }),
  route({
    method: 'POST', url: '/api/community/activities/:id/attendees/:volunteerId/:direction', summary: 'The organiser checks a volunteer in or out',
    access: 'signed-in', params: attendeeParams.extend(direction.shape), response: activityView,
    handle: ({ actor, params, db }) => confirmAttendance(db, actor, params.id, params.volunteerId, params.direction === 'check-in' ? 'in' : 'out'),
  }),
  route({
    method: 'POST', url: '/api/community/activities/:id/sign-up', summary: 'Sign up for an activity while places remain',
    access: 'community.volunteer', params: idParam, response: activityView,
    handle: ({ actor, params, db }) => signUp(db, actor, params.id),
  }),
  route({
    method: 'DELETE', url: '/api/community/activities/:id/sign-up', summary: 'Withdraw before checking in',
    access: 'community.volunteer', params: idParam, response: activityView,
    handle: ({ actor, params, db }) => cancelSignUp(db, actor, params.id),
  }),
  route({
    method: 'POST', url: '/api/community/activities/:id/:direction', summary: "Check in or out with the organiser's code",
    access: 'community.volunteer', params: idParam.extend(direction.shape), body: checkWithCodeBody, response: activityView,
    handle: ({ actor, params, body, db }) => checkWithCode(db, actor, params.id, body.code, params.direction === 'check-in' ? 'in' : 'out'),
  }),
  route({
    method: 'GET', url: '/api/community/service-records', summary: 'Service records in my part of the tree, paged',
    access: 'community.read', query: serviceRecordQuery, response: serviceRecordPage,
    handle: ({ actor, query, db }) => listRecords(db, actor, query),
  }),
  route({
    method: 'GET', url: '/api/community/service-records.xlsx', summary: 'Service records as an .xlsx ledger',
    access: 'community.read', query: recordExportQuery,
    handle: async ({ actor, query, db, reply }) => sendDownload(reply, `志愿服务记录-${stamp()}.xlsx`, XLSX, await recordsWorkbook(db, actor, query)),
  }),
  route({
    method: 'POST', url: '/api/community/service-records/:id/amendments', summary: 'Correct a service record by an amendment (the record itself is never changed)',
    access: 'community.write', params: idParam, body: amendBody, response: serviceRecordView, status: 201,
    handle: ({ actor, params, body, db }) => amendRecord(db, actor, params.id, body),
  }),
  route({
    method: 'GET', url: '/api/community/settings', summary: 'Star thresholds, points per hour, family transfers',
    access: 'signed-in', response: communitySettings,
    handle: ({ db }) => readSettings(db),
  }),
  route({
    method: 'PUT', url: '/api/community/settings', summary: 'Change the settings (district or whole-tree staff)',
    access: 'community.write', body: communitySettings, response: communitySettings,
    handle: ({ actor, body, db }) => updateSettings(db, actor, body),
  }),
]);
