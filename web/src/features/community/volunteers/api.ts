// Typed calls of the organisations, social workers, volunteers, activities and points, in the contract's shapes.
import { buildUrl, request, type Paged } from '../../../platform/api-client.ts';
import type { Json } from '../../../platform/json.ts';
import type * as contract from '#server/modules/community/contract.ts';
import type { z } from 'zod';

export type Organisation = Json<contract.OrganisationView>;
export type Worker = Json<contract.WorkerView>;
export type Volunteer = Json<contract.VolunteerView>;
export type Activity = Json<contract.ActivityView>;
export type ServiceRecord = Json<contract.ServiceRecordView>;
export type MyVolunteering = Json<contract.MyVolunteering>;
export type PointsAccount = Json<contract.PointsAccount>;
export type MallItem = Json<contract.MallItemView>;
export type Tiers = Json<contract.TiersView>;
export type CaseloadEntry = Json<contract.CaseloadView>;
export type StaffAccount = Json<z.infer<typeof contract.staffView>>;
export type Today = Json<contract.TodayView>;
export type Family = Json<contract.FamilyView>;
export type Attendee = Json<z.infer<typeof contract.attendeeView>>;
type Paging = { page: number; pageSize: number };

const c = '/api/community';
const id = (value: string) => encodeURIComponent(value);

export const communityApi = {
  organisations: (q: Paging & { q?: string; kind?: string }, signal?: AbortSignal) => request<Paged<Organisation>>('GET', `${c}/organisations`, { query: q, signal }),
  organisationsUrl: (q: { q?: string; kind?: string }) => buildUrl(`${c}/organisations.xlsx`, q),
  createOrganisation: (body: z.input<typeof contract.createOrganisationBody>) => request<Organisation>('POST', `${c}/organisations`, { body }),
  organisation: (orgId: string, signal?: AbortSignal) => request<Organisation>('GET', `${c}/organisations/${id(orgId)}`, { signal }),
  updateOrganisation: (orgId: string, body: z.input<typeof contract.updateOrganisationBody>) => request<Organisation>('PATCH', `${c}/organisations/${id(orgId)}`, { body }),
  inspect: (orgId: string, body: z.input<typeof contract.inspectionBody>) => request<Organisation>('POST', `${c}/organisations/${id(orgId)}/inspections`, { body }),
  staff: (orgId: string, signal?: AbortSignal) => request<{ items: StaffAccount[] }>('GET', `${c}/organisations/${id(orgId)}/staff`, { signal }),
  addStaff: (orgId: string, username: string) => request<{ items: StaffAccount[] }>('POST', `${c}/organisations/${id(orgId)}/staff`, { body: { username } }),
  removeStaff: (orgId: string, userId: string) => request<{ items: StaffAccount[] }>('DELETE', `${c}/organisations/${id(orgId)}/staff/${id(userId)}`),
  worker: (workerId: string, signal?: AbortSignal) => request<Worker>('GET', `${c}/workers/${id(workerId)}`, { signal }),
  caseload: (workerId: string, q: Paging & { state?: string }, signal?: AbortSignal) => request<Paged<CaseloadEntry>>('GET', `${c}/workers/${id(workerId)}/caseload`, { query: q, signal }),
  caseloadUrl: (workerId: string, q: { state?: string }) => buildUrl(`${c}/workers/${id(workerId)}/caseload.xlsx`, q),
  addCase: (workerId: string, body: contract.AddCaseBody) => request<Paged<CaseloadEntry>>('POST', `${c}/workers/${id(workerId)}/caseload`, { body }),
  closeCase: (workerId: string, caseId: string, body: { closedOn: string; outcome: string }) => request<Paged<CaseloadEntry>>('POST', `${c}/workers/${id(workerId)}/caseload/${id(caseId)}/close`, { body }),
  workers: (q: Paging & { q?: string }, signal?: AbortSignal) => request<Paged<Worker>>('GET', `${c}/workers`, { query: q, signal }),
  createWorker: (body: z.input<typeof contract.createWorkerBody>) => request<Worker>('POST', `${c}/workers`, { body }),
  tiers: (signal?: AbortSignal) => request<Tiers>('GET', `${c}/tiers`, { signal }),
  volunteers: (q: Paging & { q?: string }, signal?: AbortSignal) => request<Paged<Volunteer>>('GET', `${c}/volunteers`, { query: q, signal }),
  registerVolunteer: (body: z.input<typeof contract.registerVolunteerBody>) => request<Volunteer>('POST', `${c}/volunteers`, { body }),
  activities: (q: Paging, signal?: AbortSignal) => request<Paged<Activity>>('GET', `${c}/activities`, { query: q, signal }),
  createActivity: (body: z.input<typeof contract.createActivityBody>) => request<Activity>('POST', `${c}/activities`, { body }),
  activity: (activityId: string, signal?: AbortSignal) => request<Activity>('GET', `${c}/activities/${id(activityId)}`, { signal }),
  attendees: (activityId: string, signal?: AbortSignal) => request<{ items: Attendee[] }>('GET', `${c}/activities/${id(activityId)}/attendees`, { signal }),
  checkCode: (activityId: string) => request<{ code: string; expiresAt: string; url: string }>('POST', `${c}/activities/${id(activityId)}/check-code`),
  confirm: (activityId: string, volunteerId: string, direction: 'check-in' | 'check-out') => request<Activity>('POST', `${c}/activities/${id(activityId)}/attendees/${id(volunteerId)}/${direction}`),
  closeActivity: (activityId: string) => request<Activity>('POST', `${c}/activities/${id(activityId)}/close`),
  records: (q: Paging, signal?: AbortSignal) => request<Paged<ServiceRecord>>('GET', `${c}/service-records`, { query: q, signal }),
  recordsUrl: () => buildUrl(`${c}/service-records.xlsx`, {}),
  amend: (recordId: string, body: contract.AmendBody) => request<ServiceRecord>('POST', `${c}/service-records/${id(recordId)}/amendments`, { body }),
  // the volunteer's own
  today: (signal?: AbortSignal) => request<Today>('GET', `${c}/activities/today`, { signal }),
  family: (signal?: AbortSignal) => request<Family>('GET', `${c}/points/me/family`, { signal }),
  transfer: (body: contract.TransferBody) => request<PointsAccount>('POST', `${c}/points/me/transfer`, { body }),
  openActivities: (q: Paging, signal?: AbortSignal) => request<Paged<Activity>>('GET', `${c}/activities/open`, { query: q, signal }),
  publicActivities: (q: Paging, signal?: AbortSignal) => request<Paged<Activity>>('GET', '/api/public/community/activities', { query: q, signal }),
  me: (signal?: AbortSignal) => request<MyVolunteering>('GET', `${c}/volunteers/me`, { signal }),
  registerSelf: (body: z.input<typeof contract.registerSelfBody>) => request<MyVolunteering>('POST', `${c}/volunteers/me`, { body }),
  signUp: (activityId: string) => request<Activity>('POST', `${c}/activities/${id(activityId)}/sign-up`),
  check: (activityId: string, direction: 'check-in' | 'check-out', code: string) => request<Activity>('POST', `${c}/activities/${id(activityId)}/${direction}`, { body: { code } }),
  certificate: () => request<{ code: string; number: string }>('POST', `${c}/volunteers/me/certificate`),
  myPoints: (q: Paging, signal?: AbortSignal) => request<PointsAccount>('GET', `${c}/points/me`, { query: q, signal }),
  redeem: (itemId: string) => request<PointsAccount>('POST', `${c}/points/me/redeem`, { body: { itemId, quantity: 1 } }),
  mall: (q: Paging, signal?: AbortSignal) => request<Paged<MallItem>>('GET', '/api/public/community/mall', { query: q, signal }),
  addMallItem: (body: z.input<typeof contract.mallItemBody>) => request<MallItem>('POST', `${c}/mall`, { body }),
};

/** Minutes as hours with one decimal. */
export const hours = (minutes: number) => (Math.round(minutes / 6) / 10).toFixed(1);
