// HTTP of consultation meetings, proxies' consents and councils.
import { z } from 'zod';
import { sendDownload, stamp, XLSX } from '../../../platform/download.ts';
import { route, routeTable } from '../../../platform/route.ts';
import { idParam } from '../contract/common.ts';
import {
  addParticipantsBody, consentBody, consentView, councilBody, councilListQuery, councilPage, councilView, createMeetingBody, meetingActionBody, meetingDetail, meetingListQuery, meetingPage, minutesBody,
  participantPage, participantQuery, participantView, resolutionBody, resolutionUpdateBody, signInBody,
} from './contract.ts';
import { recordConsent, revokeConsent } from './consents.ts';
import { createCouncil, getCouncil, listCouncils } from './councils.ts';
import { signInSheetWorkbook } from './export.ts';
import { actOnMeeting, addParticipants, addResolution, createMeeting, getMeeting, listMeetings, listParticipants, loadMeeting, recordMinutes, signIn, updateResolution } from './meetings.ts';

const base = '/api/participation/meetings';
const resolutionParam = z.object({ id: z.uuid(), resolutionId: z.uuid() });

export const meetingRoutes = routeTable('participation meetings', [
  route({ method: 'GET', url: base, summary: 'Consultation meetings in my part of the tree', access: 'participation.read', query: meetingListQuery, response: meetingPage, handle: ({ actor, db, query }) => listMeetings(db, actor, query) }),
  route({ method: 'POST', url: base, summary: 'Plan a consultation meeting: topic, class, level, form, agenda', access: 'participation.manage', body: createMeetingBody, response: meetingDetail, status: 201, handle: ({ actor, db, body }) => createMeeting(db, actor, body) }),
  route({ method: 'GET', url: `${base}/:id`, summary: 'A meeting with its resolutions and the consents of its proxies', access: 'participation.read', params: idParam, response: meetingDetail, handle: ({ actor, db, params }) => getMeeting(db, actor, params.id) }),
  route({ method: 'POST', url: `${base}/:id/participants`, summary: 'Add participants from the registry (building, grid, community) or a named unit or expert', access: 'participation.manage', params: idParam, body: addParticipantsBody, response: meetingDetail, handle: ({ actor, db, params, body }) => addParticipants(db, actor, params.id, body) }),
  route({ method: 'GET', url: `${base}/:id/participants`, summary: 'Participants with sign-in and proxies', access: 'participation.read', params: idParam, query: participantQuery, response: participantPage, handle: ({ actor, db, params, query }) => listParticipants(db, actor, params.id, query) }),
  route({ method: 'POST', url: `${base}/:id/actions`, summary: 'Notify, hold, publish or cancel a meeting', access: 'participation.manage', params: idParam, body: meetingActionBody, response: meetingDetail, handle: ({ actor, db, params, body }) => actOnMeeting(db, actor, params.id, body) }),
  route({ method: 'POST', url: `${base}/:id/sign-in`, summary: 'Sign a participant in, in person or by a proxy holding a recorded consent', access: 'participation.record', params: idParam, body: signInBody, response: participantView, idempotent: true, handle: ({ actor, db, params, body }) => signIn(db, actor, params.id, body) }),
  route({ method: 'PUT', url: `${base}/:id/minutes`, summary: 'Record the minutes and speakers', access: 'participation.manage', params: idParam, body: minutesBody, response: meetingDetail, handle: ({ actor, db, params, body }) => recordMinutes(db, actor, params.id, body) }),
  route({ method: 'POST', url: `${base}/:id/resolutions`, summary: 'Add a resolution with who follows it up', access: 'participation.manage', params: idParam, body: resolutionBody, response: meetingDetail, status: 201, handle: ({ actor, db, params, body }) => addResolution(db, actor, params.id, body) }),
  route({ method: 'PATCH', url: `${base}/:id/resolutions/:resolutionId`, summary: 'Follow a resolution up to done', access: 'participation.manage', params: resolutionParam, body: resolutionUpdateBody, response: meetingDetail, handle: ({ actor, db, params, body }) => updateResolution(db, actor, params.id, params.resolutionId, body) }),
  route({
    method: 'GET', url: `${base}/:id/sign-in-sheet.xlsx`, summary: "A meeting's sign-in sheet as .xlsx", access: 'participation.read', params: idParam,
    handle: async ({ actor, db, params, reply }) => {
      const meeting = await loadMeeting(db, actor, params.id);
      return sendDownload(reply, `签到表-${stamp()}.xlsx`, XLSX, await signInSheetWorkbook(db, meeting.id, meeting.title));
    },
  }),
  route({ method: 'POST', url: '/api/participation/consents', summary: "Record a proxy's consent: who, for whom, scope, date, how given", access: 'participation.manage', body: consentBody, response: consentView, status: 201, handle: ({ actor, db, body }) => recordConsent(db, actor, body) }),
  route({ method: 'POST', url: '/api/participation/consents/:id/revoke', summary: 'Revoke a consent', access: 'participation.manage', params: idParam, response: consentView, handle: ({ actor, db, params }) => revokeConsent(db, actor, params.id) }),
  route({ method: 'GET', url: '/api/participation/councils', summary: 'Councils with their members', access: 'participation.read', query: councilListQuery, response: councilPage, handle: ({ actor, db, query }) => listCouncils(db, actor, query) }),
  route({ method: 'POST', url: '/api/participation/councils', summary: 'Set up a council with named members and a term', access: 'participation.manage', body: councilBody, response: councilView, status: 201, handle: ({ actor, db, body }) => createCouncil(db, actor, body) }),
  route({ method: 'GET', url: '/api/participation/councils/:id', summary: 'A council', access: 'participation.read', params: idParam, response: councilView, handle: ({ actor, db, params }) => getCouncil(db, actor, params.id) }),
]);
